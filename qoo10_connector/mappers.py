# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Small pure functions from normalised Qoo10 records to Odoo values.

No HTTP and no ORM call in here: what needs the database (country, products,
taxes) is resolved once per batch by the caller and passed in.
"""

from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

# Japanese prefectures in JIS X 0401 order: the index + 1 is Odoo's state code.
JP_PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
    "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
    "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県",
)  # fmt: skip

# Cart-level amounts (QAPI.md 6.7): whether Qoo10 repeats them on every line of a cart
# or puts them on one line is not known, so they are counted once per cart.
CART_AMOUNTS = ("shipping_rate", "cart_discount_seller", "cart_discount_qoo10")
ZERO_DECIMAL_CURRENCIES = ("JPY", "KRW")
CART_AMOUNT_LABELS = {
    "shipping_rate": "ShippingRate",
    "cart_discount_seller": "CartDiscountSeller",
    "cart_discount_qoo10": "CartDiscountQoo10",
}


class MappingError(Exception):
    """A cart that cannot become a sale order as it is; `kind` is "unmapped" or "error"."""

    def __init__(self, message, kind="error", codes=()):
        super().__init__(message)
        self.kind = kind
        self.codes = tuple(codes)


# Amounts an order line cannot do without, in both spellings (QAPI.md 6.5, 6.6).
REQUIRED_NUMBERS = (
    ("OrderQty", "orderQty"),
    ("OrderPrice", "orderPrice"),
    ("Total", "total"),
)


# Dates and the status an order line cannot do without, in both spellings.
REQUIRED_DATES = (("order_date", ("OrderDate", "orderDate")),)
OPTIONAL_DATES = (("payment_date", ("PaymentDate",)),)
STATUS_NAMES = ("ShippingStatus", "shippingStatus")
# An order placed later than this after now is a broken date (clocks differ a little).
FUTURE_SLACK = timedelta(days=1)
# Amounts that cannot be negative on a line Qoo10 sells (a discount is its own field).
NON_NEGATIVE = (("OrderPrice", "unit_price"), ("Total", "total"))


def _raw(line, names):
    return next((line.raw[name] for name in names if name in line.raw), None)


def unreadable(line, statuses=None):
    """'field=value' for each raw field of a line that is missing, not a number, not a
    known status (``statuses``, when given) or date, or an amount or quantity no sale can
    have."""
    problems = []
    for names in REQUIRED_NUMBERS:
        value = _raw(line, names)
        try:
            number = Decimal(str(value).replace(",", "").strip())
        except ArithmeticError:
            problems.append(f"{names[0]}={value!r}")
            continue
        if names[0] == "OrderQty" and number != number.to_integral_value():
            problems.append(f"OrderQty={value!r} (not a whole number)")
    if not line.qty or line.qty < 0:
        problems.append(f"quantity {line.qty!r}")
    for label, name in NON_NEGATIVE:
        if (getattr(line, name) or 0) < 0:
            problems.append(f"{label}={getattr(line, name)} (negative)")
    if statuses is not None and line.status not in statuses:
        value = _raw(line, STATUS_NAMES)
        problems.append(f"ShippingStatus={shown(value)} (not a Qoo10 shipping status)")
    problems += list(_bad_dates(line))
    return problems


def _bad_dates(line):
    for name, labels in REQUIRED_DATES + OPTIONAL_DATES:
        value, raw = getattr(line, name), _raw(line, labels)
        if value is None and (name != "payment_date" or convert_text(raw)):
            yield f"{labels[0]}={shown(raw)} (not a date)"
        elif value and value > datetime.now(timezone.utc) + FUTURE_SLACK:
            yield f"{labels[0]}={shown(raw)} (in the future)"


def convert_text(value):
    """Whether a raw value holds anything (a date Qoo10 leaves empty is ``""``)."""
    return value not in (None, "") and not str(value).startswith("0001-01-01")


def disagreeing(lines):
    """'field=values' for each cart amount the lines of one cart give differently:
    Qoo10 repeats them on every line or puts them on one (others 0), never two values."""
    problems = []
    for name in CART_AMOUNTS:
        values = {getattr(line, name) or Decimal(0) for line in lines} - {Decimal(0)}
        if len(values) > 1:
            label = CART_AMOUNT_LABELS[name]
            shown_values = " / ".join(str(value) for value in sorted(values))
            problems.append(f"{label}={shown_values}")
    return problems


# What the database can hold of what Qoo10 sends. A row beyond these puts its cart in
# error, naming the field: PostgreSQL would refuse it and abort the transaction.
MAX_INTEGER = 2**31 - 1  # integer columns: quantities
# No Qoo10 amount comes near this; beyond it the answer is broken.
MAX_AMOUNT = Decimal(10) ** 12
MAX_CODE_LENGTH = 100  # cart, order and product codes: unique keys and indexes
# Names and short texts land in indexed columns (a partner's name, twice in its
# complete name): PostgreSQL's index entries hold about 2,700 bytes.
MAX_TEXT_LENGTH = 400
MAX_FREE_TEXT_LENGTH = 4000  # messages, titles, options and addresses: not indexed
FREE_TEXT_HINTS = ("msg", "memo", "title", "option", "addr")
CODE_FIELDS = {
    "pack_no": "packNo",
    "order_no": "orderNo",
    "item_code": "itemCode",
    "seller_item_code": "sellerItemCode",
    "option_code": "optionCode",
}
AMOUNT_FIELDS = ("unit_price", "discount", "total", "seller_discount", "settle_price")
NUL = "\x00"
NUL_SHOWN = "\u2400"  # ␀, how a NUL character Qoo10 sent is kept


def shown(value, limit=60):
    """A value as a message can show it: escaped, and cut when long."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(str(value))} characters)"


def unstorable(line):
    """'field=value (why)' for each value of a line the database cannot store as sent."""
    problems = [
        f"{name}={shown(value)} ({why})" for name, value, why in _bad_texts(line.raw)
    ]
    for name, label in CODE_FIELDS.items():
        value = getattr(line, name) or ""
        # longer than a text may be: named above already, under Qoo10's spelling
        if MAX_CODE_LENGTH < len(value) <= MAX_TEXT_LENGTH:
            problems.append(f"{label}={shown(value)} (longer than {MAX_CODE_LENGTH})")
    if abs(line.qty or 0) > MAX_INTEGER:
        problems.append(f"OrderQty={line.qty} (out of range)")
    for name in AMOUNT_FIELDS:
        value = getattr(line, name) or Decimal(0)
        if abs(value) >= MAX_AMOUNT:
            problems.append(f"{name}={value} (out of range)")
    return problems


def _bad_texts(raw):
    """(field, value, why) for the texts of a raw row the database would refuse."""
    for name, value in (raw or {}).items():
        if not isinstance(value, str):
            continue
        limit = (
            MAX_FREE_TEXT_LENGTH
            if any(hint in name.lower() for hint in FREE_TEXT_HINTS)
            else MAX_TEXT_LENGTH
        )
        if NUL in value:
            yield name, value, "NUL character"
        elif len(value) > limit:
            yield name, value, f"longer than {limit} characters"


def storable(value):
    """``value`` (JSON-like) with NUL characters made visible: jsonb and text refuse them."""
    if isinstance(value, str):
        return value.replace(NUL, NUL_SHOWN)
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [storable(item) for item in value]
    return value


def to_utc_naive(value):
    """Aware datetime -> naive UTC datetime, as Odoo stores them."""
    if not value:
        return False
    if value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def split_prefecture(address):
    """("東京都", "渋谷区...") from a Japanese address, or ("", address)."""
    address = (address or "").strip()
    for name in JP_PREFECTURES:
        if address.startswith(name):
            return name, address[len(name) :].strip()
    return "", address


def prefecture_code(name):
    return f"{JP_PREFECTURES.index(name) + 1:02d}" if name in JP_PREFECTURES else ""


def bindable(key):
    """True when a cart or order number can be a unique key in the database."""
    return bool(key) and len(key) <= MAX_CODE_LENGTH and NUL not in key


def product_codes(line):
    """The codes to look a Qoo10 line's product up by, most specific first."""
    return [code for code in (line.option_code, line.seller_item_code) if code]


def cart_amounts(lines):
    """{amount name: Decimal} for the cart, each taken once (the first non-zero line)."""
    amounts = {}
    for name in CART_AMOUNTS:
        values = [getattr(line, name) or Decimal(0) for line in lines]
        amounts[name] = next((value for value in values if value), Decimal(0))
    return amounts


def split_by_weight(amount, weights, places=0):
    """[(key, part)]: ``amount`` shared in proportion to ``weights`` ({key: weight}).

    A cart's shipping fee and coupons belong to its goods, so they take the goods' taxes
    and, when the goods mix rates, are shared by rate in proportion to what the goods of
    each rate come to. Parts are rounded to ``places`` decimals and the last takes what
    rounding left, so they add up to ``amount`` exactly. Keys of no weight get nothing;
    with no weight at all the first key takes it all."""
    keys = [key for key, weight in weights.items() if weight > 0]
    if not keys:
        return [(next(iter(weights)), amount)] if weights and amount else []
    total = sum(weights[key] for key in keys)
    quantum = Decimal(1).scaleb(-places)
    parts, left = [], amount
    for key in keys[:-1]:
        part = (amount * weights[key] / total).quantize(quantum, ROUND_HALF_UP)
        parts.append((key, part))
        left -= part
    parts.append((keys[-1], left))
    return [(key, part) for key, part in parts if part]


def buyer_values(line, country):
    """res.partner values of the buyer (the customer)."""
    return {
        "name": line.buyer_name or line.receiver_name,
        "email": (line.buyer_email or "").lower() or False,
        "phone": line.buyer_phone or False,
        "mobile": line.buyer_mobile or False,
        "country_id": country.id if country else False,
        "customer_rank": 1,
        "comment": line.buyer_kana or False,
    }


def delivery_values(line, buyer, country, states):
    """res.partner values of the receiver, a delivery address under the buyer."""
    address1, address2 = line.address1, line.address2
    if not address1 and not address2:
        address1 = line.address
    prefecture, street = split_prefecture(address1)
    state = states.get(prefecture_code(prefecture))
    return {
        "parent_id": buyer.id,
        "type": "delivery",
        "name": line.receiver_name,
        "zip": line.zip_code or False,
        "street": street or address1 or False,
        "street2": address2 or False,
        "city": False,
        "state_id": state.id if state else False,
        "country_id": country.id if country else False,
        "phone": line.receiver_phone or False,
        "mobile": line.receiver_mobile or False,
        "comment": line.receiver_kana or False,
    }


def delivery_key(values):
    return (
        values["name"] or "",
        values["zip"] or "",
        values["street"] or "",
        values["street2"] or "",
    )


def product_line_values(line, product, taxes):
    """The sale.order.line of one Qoo10 order line, at the price before discounts.

    `total = orderPrice x qty + option surcharge - discount` (QAPI.md 6.7), so the unit
    price with its option surcharge is `(total + discount) / qty`.
    """
    qty = line.qty or 1
    gross = (line.total or Decimal(0)) + (line.discount or Decimal(0))
    name = line.item_title or product.display_name
    if line.option_text:
        name = f"{name}\n{line.option_text}"
    values = {
        "product_id": product.id,
        "name": name,
        "product_uom_qty": qty,
        "price_unit": float(gross / qty),
    }
    if taxes is not None:
        values["tax_id"] = [(6, 0, taxes.ids)]
    return values


def discount_lines(line):
    """(funded_by, amount, label) for a line's discount: seller part, then Qoo10's part."""
    discount = line.discount or Decimal(0)
    seller = min(line.seller_discount or Decimal(0), discount)
    result = []
    if seller:
        result.append(("seller", seller, line.item_title))
    if discount - seller:
        result.append(("qoo10", discount - seller, line.item_title))
    return result


def line_funding(rows, places=None):
    """{order_no: (seller-funded, Qoo10-funded)} discounts of each line of a cart.

    A line's own ``discount`` splits as ``discount_lines`` says; the cart coupons
    (``Cart_Discount_Seller`` / ``Cart_Discount_Qoo10``, once per cart) are shared over
    the lines in proportion to their totals, as the sale order shares them by rate.
    Shares are rounded to ``places`` decimals (yen: none, other currencies: cents)."""
    if places is None:
        places = 0 if (rows[0].currency or "JPY") in ZERO_DECIMAL_CURRENCIES else 2
    funding = {}
    for row in rows:
        parts = {who: amount for who, amount, _title in discount_lines(row)}
        funding[row.order_no] = [
            parts.get("seller", Decimal(0)),
            parts.get("qoo10", Decimal(0)),
        ]
    amounts = cart_amounts(rows)
    weights = {row.order_no: row.total or Decimal(0) for row in rows}
    for index, name in enumerate(("cart_discount_seller", "cart_discount_qoo10")):
        for order_no, part in split_by_weight(amounts[name], weights, places):
            funding[order_no][index] += part
    return {order_no: tuple(parts) for order_no, parts in funding.items()}


def order_amounts(rows):
    """What the buyer paid for a cart and who funded its discounts (QAPI.md 6.7).

    The buyer pays the lines' totals and the shipping fee, less both cart coupons; the
    sale order, at the seller's prices less the seller's discounts, totals what the buyer
    paid plus what Qoo10 funded."""
    amounts = cart_amounts(rows)
    paid = sum(row.total or Decimal(0) for row in rows) + amounts["shipping_rate"]
    paid -= amounts["cart_discount_seller"] + amounts["cart_discount_qoo10"]
    funding = line_funding(rows).values()
    return {
        "amount_total": float(paid),
        "amount_seller_funded": float(sum(seller for seller, _qoo10 in funding)),
        "amount_qoo10_funded": float(sum(qoo10 for _seller, qoo10 in funding)),
    }


def expected_settlement_date(delivered_on, wait_days, weekday):
    """The day Qoo10 settles a line delivered on ``delivered_on`` (a local date).

    SETTLEMENT.md 4.1: after delivery the line waits ``wait_days`` (by seller grade),
    then is settled on the next settlement ``weekday`` (Monday = 0): the first such day
    on or after the end of the wait. None without a delivery date or a wait."""
    if not delivered_on or wait_days is None:
        return None
    ready = delivered_on + timedelta(days=wait_days)
    return ready + timedelta(days=(weekday - ready.weekday()) % 7)


def fixed_line_values(product, amount, name, taxes):
    values = {
        "product_id": product.id,
        "name": name,
        "product_uom_qty": 1,
        "price_unit": float(amount),
    }
    if taxes is not None:
        values["tax_id"] = [(6, 0, taxes.ids)]
    return values
