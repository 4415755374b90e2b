"""Normalised Qoo10 records and the functions that build them from raw rows.

Field spellings and conversions are in ``fields.py``. Every record keeps ``raw``: the row as
Qoo10 sent it, unmodified.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from . import const, convert
from .fields import CLAIM_FIELDS, ITEM_FIELDS, ORDER_LINE_FIELDS, Row, build_values

_D0 = Decimal(0)


@dataclass(frozen=True)
class OrderLine:
    """One Qoo10 order line (``orderNo``) of one cart (``packNo``)."""

    order_no: str = ""
    pack_no: str = ""
    status: int | None = None
    status_label: str = ""
    order_date: datetime | None = None
    payment_date: datetime | None = None
    est_shipping_date: datetime | None = None
    shipping_date: datetime | None = None
    delivered_date: datetime | None = None
    buyer_name: str = ""
    buyer_kana: str = ""
    buyer_email: str = ""
    buyer_phone: str = ""
    buyer_mobile: str = ""
    receiver_name: str = ""
    receiver_kana: str = ""
    zip_code: str = ""
    address: str = ""
    address1: str = ""
    address2: str = ""
    country: str | None = None
    receiver_phone: str = ""
    receiver_mobile: str = ""
    desired_delivery: str = ""
    shipping_message: str = ""
    payment_method: str = ""
    item_code: str = ""
    seller_item_code: str = ""
    item_title: str = ""
    option_text: str = ""
    option_code: str = ""
    unit_price: Decimal = _D0
    qty: int = 0
    discount: Decimal = _D0
    total: Decimal = _D0
    seller_discount: Decimal = _D0
    cart_discount_seller: Decimal = _D0
    cart_discount_qoo10: Decimal = _D0
    settle_price: Decimal = _D0
    shipping_rate: Decimal | None = None
    shipping_rate_type: str = ""
    currency: str = ""
    related_orders: list = field(default_factory=list)
    delivery_company: str = ""
    tracking_no: str = ""
    packing_no: str = ""
    seller_delivery_no: str = ""
    payment_nation: str = ""
    claim_status: int | None = None
    seller_id: str = ""
    order_type: str = ""
    shipping_way: str = ""
    voucher_code: str = ""
    gift: str = ""
    cod_price: Decimal = _D0
    branch_name: str = ""
    sender_name: str = ""
    sender_phone: str = ""
    sender_country: str = ""
    sender_zip_code: str = ""
    sender_address: str = ""
    material: str = ""
    available_send_type: str = ""
    available_shipping_date: datetime | None = None
    oversea_consignment: str = ""
    oversea_receiver: str = ""
    oversea_country: str = ""
    oversea_zip_code: str = ""
    oversea_address1: str = ""
    oversea_address2: str = ""
    claim_label: str = ""
    claim_reason: str = ""
    claim_request_date: datetime | None = None
    cancel_refund_date: datetime | None = None
    delivery_company_return: str = ""
    tracking_no_return: str = ""
    pickup_address: str = ""
    pickup_zip_code: str = ""
    payment_return_shipping: str = ""
    item_condition: str = ""
    cod_cancel_price: Decimal = _D0
    cod_qrefund_price: Decimal = _D0
    cod_cancel_related_order: str = ""
    nr_duty_target: str = ""
    nr_sol_type: str = ""
    nr_part_refund_cnt: int = 0
    nr_part_refund_balance: Decimal = _D0
    version: str = "v3"
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def sku(self):
        """The seller SKU most integrations use: option code, else seller item code (§6.1)."""
        return self.option_code or self.seller_item_code

    @property
    def readable(self):
        """False for an entry of the answer that is not a row (a string, a number):
        such a line has no field but ``raw``, the entry as Qoo10 sent it."""
        return isinstance(self.raw, dict)


def parse_order_line(raw, tz, version="v3"):
    """An ``OrderLine`` from one GetShippingInfo_v2/_v3 or single-order row; an entry
    that is not an object gives an empty line that is not ``readable``."""
    if not isinstance(raw, dict):
        return OrderLine(version=version, raw=raw)
    return OrderLine(
        version=version, raw=raw, **build_values(raw, ORDER_LINE_FIELDS, tz)
    )


@dataclass(frozen=True)
class Claim:
    """One claim row (cancel / return / exchange / non-receipt) of an order line."""

    order_no: str = ""
    pack_no: str = ""
    claim_status: int = 0
    claim_label: str = ""
    reason: str = ""
    request_date: datetime | None = None
    cancel_refund_date: datetime | None = None
    item_code: str = ""
    seller_item_code: str = ""
    item_title: str = ""
    qty: int = 0
    currency: str = ""
    payment_amount: Decimal = _D0
    order_date: datetime | None = None
    payment_date: datetime | None = None
    shipping_date: datetime | None = None
    delivered_date: datetime | None = None
    payment_nation: str = ""
    delivery_company: str = ""
    tracking_no: str = ""
    delivery_company_return: str = ""
    tracking_no_return: str = ""
    buyer_name: str = ""
    receiver_name: str = ""
    pickup_address: str = ""
    item_condition: str = ""
    nr_duty_target: str = ""
    nr_sol_type: str = ""
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def group(self):
        """``cancel`` / ``return`` / ``exchange`` / ``non_receipt`` (or "" when unknown)."""
        return const.CLAIM_STATUS.get(self.claim_status, ("", ""))[1]


def parse_claim(raw, tz):
    """A ``Claim`` from one GetClaimInfo_V3 row; status ``"3"`` or ``"Cancel Complete(3)"``."""
    values = build_values(raw, CLAIM_FIELDS, tz)
    status = convert.code_from_label(values["claim_label"])
    return Claim(claim_status=status if status is not None else 0, raw=raw, **values)


@dataclass(frozen=True)
class Item:
    """One Qoo10 listing (GetAllGoodsInfo row or GetItemDetailInfo)."""

    item_code: str = ""
    seller_code: str = ""
    status: str = ""
    title: str = ""
    price: Decimal = _D0
    qty: int | None = None
    settle_price: Decimal = _D0
    retail_price: Decimal = _D0
    tax_rate: str = ""
    expire_date: str = ""
    raw: dict = field(default_factory=dict, repr=False, compare=False)


def parse_item(raw, tz=None):
    """An ``Item``; all GetItemDetailInfo values arrive as strings (§9.1)."""
    return Item(raw=raw, **build_values(raw, ITEM_FIELDS, tz))


@dataclass(frozen=True)
class ItemOption:
    """One combination-option row of GetGoodsInventoryInfo (``ItemTypeCode`` = option code)."""

    item_code: str = ""
    seller_code: str = ""
    names: list = field(default_factory=list)
    values: list = field(default_factory=list)
    option_name: str = ""
    option_value: str = ""
    option_code: str = ""
    price: Decimal = _D0
    qty: int | None = 0
    kind: str = const.OPTION_COMBINATION
    raw: dict = field(default_factory=dict, repr=False, compare=False)


def _option_axes(row):
    names, values = [], []
    for n in range(1, const.OPTION_AXES + 1):
        name = convert.text(row.get(("Name%d" % n,))[1])
        value = convert.text(row.get(("Value%d" % n,))[1])
        if name or value:
            names.append(name)
            values.append(value)
    return names, values


def parse_option(raw, item_code="", seller_code=""):
    """An ``ItemOption``; empty axes are dropped, names/values joined with ``||*``."""
    row = Row(raw)
    names, values = _option_axes(row)
    return ItemOption(
        item_code=convert.text(row.get(("ItemCode",))[1]) or convert.text(item_code),
        seller_code=convert.text(row.get(("SellerCode",))[1])
        or convert.text(seller_code),
        names=names,
        values=values,
        option_name=const.OPTION_SEPARATOR.join(names),
        option_value=const.OPTION_SEPARATOR.join(values),
        option_code=convert.text(row.get(("ItemTypeCode", "OptionCode"))[1]),
        price=convert.decimal(row.get(("Price",))[1]),
        qty=convert.integer(row.get(("Qty",))[1]),
        raw=raw,
    )


def parse_single_option(raw, item_code="", seller_code=""):
    """An ``ItemOption`` of kind ``single`` from one GetGoodsOptionInfo row (no qty)."""
    row = Row(raw)
    name = convert.text(row.get(("Name", "OptionName"))[1])
    value = convert.text(row.get(("Value", "OptionValue"))[1])
    return ItemOption(
        item_code=convert.text(item_code),
        seller_code=convert.text(seller_code),
        names=name.split(const.OPTION_SEPARATOR) if name else [],
        values=value.split(const.OPTION_SEPARATOR) if value else [],
        option_name=name,
        option_value=value,
        option_code=convert.text(row.get(("OptionCode", "ItemTypeCode"))[1]),
        price=convert.decimal(row.get(("Price",))[1]),
        qty=None,
        kind=const.OPTION_SINGLE,
        raw=raw,
    )


@dataclass(frozen=True)
class ItemPage:
    """One GetAllGoodsInfo page of one status. ``refused``: Qoo10's message when it does
    not accept the status at all (the accepted set is uncertain, QAPI.md §9.1)."""

    status: str = ""
    page: int = 1
    total_pages: int = 0
    total_items: int = 0
    items: list = field(default_factory=list)
    refused: str = ""
    raw: object = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class ListingRead:
    """What Qoo10 says about one listing: its detail (or the list row when Qoo10 shows no
    detail for its status: ``detail_read`` False), combination and single-type options."""

    item: Item = None
    detail_read: bool = True
    options: list = field(default_factory=list)
    single_options: list = field(default_factory=list)
    message: str = ""

    @property
    def has_options(self):
        return bool(self.options)


# --- Bulk results ----------------------------------------------------------------------------
@dataclass(frozen=True)
class RowResult:
    """Outcome of one row of a bulk write. ``error``: the whole-call error, if that failed."""

    key: str = ""
    ok: bool = False
    code: int = 0
    message: str = ""
    raw: dict = field(default_factory=dict, repr=False, compare=False)
    error: Exception | None = field(default=None, repr=False, compare=False)
