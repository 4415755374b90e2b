"""Normalised Qoo10 records and the functions that build them from raw rows.

v2, v3 and single-order (``GetShippingAndClaimInfoByOrderNo_V2``) rows spell their keys
differently (QAPI.md §6.5, §6.6, §6.8); each field below lists every known spelling, and a
case/underscore-insensitive lookup catches the rest. Every record keeps ``raw``: the row as
Qoo10 sent it, unmodified.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from . import const, convert

# kind → converter(value, tz); "missing" handling is in _convert().
_CONVERTERS = {
    "str": lambda v, tz: convert.text(v),
    "int": lambda v, tz: convert.integer(v),
    "dec": lambda v, tz: convert.decimal(v),
    "dt": convert.parse_datetime,
    "phone": lambda v, tz: convert.phone(v),
    "code": lambda v, tz: convert.code_from_label(v),
    "list": lambda v, tz: convert.split_list(v),
}
# Kinds whose value is None when the key is absent (instead of the empty value).
_NONE_WHEN_MISSING = {"dec?": "dec", "str?": "str", "int?": "int"}


def _norm(key):
    return key.replace("_", "").lower() if isinstance(key, str) else key


class _Row:
    """Key lookup over one raw row: exact spellings first, then case/underscore-insensitive."""

    def __init__(self, raw):
        self.raw = raw if isinstance(raw, dict) else {}
        self._folded = {}
        for key, value in self.raw.items():
            self._folded.setdefault(_norm(key), value)

    def get(self, keys):
        """(found, value) for the first of ``keys`` present in the row."""
        for key in keys:
            if key in self.raw:
                return True, self.raw[key]
        for key in keys:
            folded = _norm(key)
            if folded in self._folded:
                return True, self._folded[folded]
        return False, None


def _convert(row, kind, keys, tz):
    found, value = row.get(keys)
    if kind in _NONE_WHEN_MISSING:
        if not found or (kind == "int?" and convert.text(value) == ""):
            return None
        kind = _NONE_WHEN_MISSING[kind]
    return _CONVERTERS[kind](value, tz)


def build_values(raw, spec, tz):
    """``{attr: value}`` for a field ``spec`` of ``(attr, kind, keys)`` rows."""
    row = _Row(raw)
    return {attr: _convert(row, kind, keys, tz) for attr, kind, keys in spec}


# --- Order lines (QAPI.md §6.5 v2, §6.6 v3, §6.8 single order) -----------------------
ORDER_LINE_FIELDS = (
    ("order_no", "str", ("OrderNo", "orderNo")),
    ("pack_no", "str", ("PackNo", "packNo")),
    ("status", "code", ("ShippingStatus", "shippingStatus")),
    ("status_label", "str", ("ShippingStatus", "shippingStatus")),
    ("order_date", "dt", ("OrderDate", "orderDate")),
    ("payment_date", "dt", ("PaymentDate",)),
    ("est_shipping_date", "dt", ("EstimatedShippingDate", "EstShippingDate")),
    ("shipping_date", "dt", ("ShippingDate", "shippingDate")),
    ("delivered_date", "dt", ("DeliveredDate",)),
    ("buyer_name", "str", ("Buyer", "buyer")),
    ("buyer_kana", "str", ("BuyerKana", "buyer_gata")),
    ("buyer_email", "str", ("BuyerEmail", "buyerEmail")),
    ("buyer_phone", "phone", ("BuyerTel", "buyerTel")),
    ("buyer_mobile", "phone", ("BuyerMobile", "buyerMobile")),
    ("receiver_name", "str", ("Receiver", "receiver")),
    ("receiver_kana", "str", ("ReceiverKana", "receiver_gata")),
    ("zip_code", "str", ("ZipCode", "zipCode", "zipcode")),
    ("address", "str", ("ShippingAddress", "shippingAddr")),
    ("address1", "str", ("Address1", "Addr1")),
    ("address2", "str", ("Address2", "Addr2")),
    ("country", "str?", ("shippingCountry", "ShippingCountry")),
    ("receiver_phone", "phone", ("ReceiverTel", "receiverTel")),
    ("receiver_mobile", "phone", ("ReceiverMobile", "receiverMobile")),
    ("desired_delivery", "str", ("DesiredDeliveryDate", "hopeDate")),
    ("shipping_message", "str", ("ShippingMessage", "ShippingMsg")),
    ("payment_method", "str", ("PaymentMethod",)),
    ("item_code", "str", ("ItemNo", "itemCode", "ItemCode")),
    ("seller_item_code", "str", ("SellerItemCode", "sellerItemCode")),
    ("item_title", "str", ("ItemTitle", "itemTitle")),
    ("option_text", "str", ("Option", "option")),
    ("option_code", "str", ("OptionCode", "optionCode")),
    ("unit_price", "dec", ("OrderPrice", "orderPrice")),
    ("qty", "int", ("OrderQty", "orderQty")),
    ("discount", "dec", ("Discount", "discount")),
    ("total", "dec", ("Total", "total")),
    ("seller_discount", "dec", ("SellerDiscount",)),
    ("cart_discount_seller", "dec", ("CartDiscountSeller", "Cart_Discount_Seller")),
    ("cart_discount_qoo10", "dec", ("CartDiscountQoo10", "Cart_Discount_Qoo10")),
    ("settle_price", "dec", ("SettlePrice",)),
    ("shipping_rate", "dec?", ("ShippingRate",)),
    ("shipping_rate_type", "str", ("ShippingRateType", "shippingRateType")),
    ("currency", "str", ("Currency", "currency")),
    ("related_orders", "list", ("RelatedOrder",)),
    ("delivery_company", "str", ("DeliveryCompany", "deliveryCompany")),
    ("tracking_no", "str", ("TrackingNo", "trackingNo")),
    ("packing_no", "str", ("PackingNo",)),
    ("seller_delivery_no", "str", ("SellerDeliveryNo",)),
    ("payment_nation", "str", ("PaymentNation", "paymentNation")),
    ("claim_status", "code", ("claimStatus", "ClaimStatus")),
    # Further keys of §6.5/§6.6/§6.8, kept for audit and later use.
    ("seller_id", "str", ("SellerID", "sellerID")),
    ("order_type", "str", ("OrderType",)),
    ("shipping_way", "str", ("ShippingWay",)),
    ("voucher_code", "str", ("VoucherCode",)),
    ("gift", "str", ("Gift",)),
    ("cod_price", "dec", ("cod_price", "CodPrice")),
    ("branch_name", "str", ("BranchName",)),
    ("sender_name", "str", ("SenderName", "senderName")),
    ("sender_phone", "phone", ("SenderTel", "senderTel")),
    ("sender_country", "str", ("SenderNation", "senderNation")),
    ("sender_zip_code", "str", ("SenderZipCode", "senderZipCode")),
    ("sender_address", "str", ("SenderAddress", "senderAddr")),
    ("material", "str", ("Material",)),
    ("available_send_type", "str", ("AvailableSendType",)),
    ("available_shipping_date", "dt", ("AvailableShippingDate",)),
    ("oversea_consignment", "str", ("OverseaConsignment",)),
    ("oversea_receiver", "str", ("OverseaConsignment_receiver",)),
    ("oversea_country", "str", ("OverseaConsignment_Country",)),
    ("oversea_zip_code", "str", ("OverseaConsignment_zipCode",)),
    ("oversea_address1", "str", ("OverseaConsignment_Addr1",)),
    ("oversea_address2", "str", ("OverseaConsignment_Addr2",)),
    ("claim_label", "str", ("claimStatus", "ClaimStatus")),
    ("claim_reason", "str", ("reason", "Reason")),
    ("claim_request_date", "dt", ("requestDate", "RequestDate")),
    ("cancel_refund_date", "dt", ("cancelRefundDate", "CancelRefundDate")),
    ("delivery_company_return", "str", ("deliveryCompanyReturn",)),
    ("tracking_no_return", "str", ("trackingNoReturn",)),
    ("pickup_address", "str", ("pickupAddress",)),
    ("pickup_zip_code", "str", ("pickupzipCode", "pickupZipCode")),
    ("payment_return_shipping", "str", ("paymentReturnShipping",)),
    ("item_condition", "str", ("itemCondition",)),
    ("cod_cancel_price", "dec", ("CODCancelPrice",)),
    ("cod_qrefund_price", "dec", ("CODQrefundPrice",)),
    ("cod_cancel_related_order", "str", ("CODCancelRelatedOrder",)),
    ("nr_duty_target", "str", ("nrDutyTarget",)),
    ("nr_sol_type", "str", ("nrSolType",)),
    ("nr_part_refund_cnt", "int", ("nrPartRefundCnt",)),
    ("nr_part_refund_balance", "dec", ("nrPartRefundBalance",)),
)

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


def parse_order_line(raw, tz, version="v3"):
    """An ``OrderLine`` from one GetShippingInfo_v2/_v3 or single-order row."""
    return OrderLine(
        version=version, raw=raw, **build_values(raw, ORDER_LINE_FIELDS, tz)
    )


# --- Claims (QAPI.md §8.1) --------------------------------------------------------
CLAIM_FIELDS = (
    ("order_no", "str", ("orderNo", "OrderNo")),
    ("pack_no", "str", ("packNo", "PackNo")),
    ("claim_label", "str", ("claimStatus", "ClaimStatus")),
    ("reason", "str", ("reason", "Reason")),
    ("request_date", "dt", ("requestDate", "RequestDate")),
    ("cancel_refund_date", "dt", ("cancelRefundDate", "CancelRefundDate")),
    ("item_code", "str", ("itemCode", "ItemNo", "ItemCode")),
    ("seller_item_code", "str", ("sellerItemCode", "SellerItemCode")),
    ("item_title", "str", ("itemTitle", "ItemTitle")),
    ("qty", "int", ("orderQty", "OrderQty")),
    ("currency", "str", ("currency", "Currency")),
    ("payment_amount", "dec", ("paymentAmount", "PaymentAmount")),
    ("order_date", "dt", ("orderDate", "OrderDate")),
    ("payment_date", "dt", ("PaymentDate",)),
    ("shipping_date", "dt", ("shippingDate", "ShippingDate")),
    ("delivered_date", "dt", ("DeliveredDate",)),
    ("payment_nation", "str", ("paymentNation", "PaymentNation")),
    ("delivery_company", "str", ("deliveryCompany", "DeliveryCompany")),
    ("tracking_no", "str", ("trackingNo", "TrackingNo")),
    ("delivery_company_return", "str", ("deliveryCompanyReturn",)),
    ("tracking_no_return", "str", ("trackingNoReturn",)),
    ("buyer_name", "str", ("buyer", "Buyer")),
    ("receiver_name", "str", ("receiver", "Receiver")),
    ("pickup_address", "str", ("pickupAddress",)),
    ("item_condition", "str", ("itemCondition",)),
    ("nr_duty_target", "str", ("nrDutyTarget",)),
    ("nr_sol_type", "str", ("nrSolType",)),
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


# --- Items and options (QAPI.md §9.1) --------------------------------------------------
ITEM_FIELDS = (
    ("item_code", "str", ("ItemCode",)),
    ("seller_code", "str", ("SellerCode",)),
    ("status", "str", ("ItemStatus",)),
    ("title", "str", ("ItemTitle",)),
    ("price", "dec", ("ItemPrice",)),
    ("qty", "int?", ("ItemQty",)),
    ("settle_price", "dec", ("SettlePrice",)),
    ("retail_price", "dec", ("RetailPrice",)),
    ("tax_rate", "str", ("TaxRate",)),
    ("expire_date", "str", ("ExpireDate",)),
)


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
    qty: int = 0
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
    row = _Row(raw)
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
