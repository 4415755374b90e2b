"""Builders behind POST /_sandbox/orders (explicit carts) and POST /_sandbox/items."""

from datetime import timedelta
from decimal import Decimal

from . import people
from .records import Cart, Item, Line
from .seed import SeedError, option_text
from .util import fmt_dt, parse_dt, settle_90, to_decimal


# ---------------------------------------------------------------------------
# POST /_sandbox/items
# ---------------------------------------------------------------------------
def _int(value, name, default=0, minimum=None):
    if value is None or value == "":
        return default
    try:
        result = int(value)
    except (TypeError, ValueError):
        raise SeedError("%s must be an integer" % name) from None
    if minimum is not None and result < minimum:
        raise SeedError("%s must be >= %d" % (name, minimum))
    return result


def _amount(value, name, default=0):
    try:
        result = to_decimal(value, Decimal(default))
    except ValueError:
        raise SeedError("%s must be a number" % name) from None
    return result if result != result.to_integral_value() else int(result)


def build_options(raw_options):
    options = []
    for raw in raw_options or []:
        names = raw.get("names")
        values = raw.get("values")
        if names is None and "name" in raw:
            names = str(raw["name"]).split("||*")
        if values is None and "value" in raw:
            values = str(raw["value"]).split("||*")
        names = [str(n) for n in names or []]
        values = [str(v) for v in values or []]
        if not names or len(names) != len(values) or len(names) > 5:
            raise SeedError("option names/values must be 1..5 pairs of equal length")
        options.append(
            {
                "names": names,
                "values": values,
                "price": _amount(raw.get("price"), "option price"),
                "qty": _int(raw.get("qty"), "option qty", 0, 0),
                "code": str(raw.get("code") or ""),
            }
        )
    return options


def build_single_options(raw_options):
    """Single-type (independent) options: GetGoodsOptionInfo's Name/Value/Price/OptionCode."""
    return [
        {
            "name": str(raw.get("name") or ""),
            "value": str(raw.get("value") or ""),
            "price": _amount(raw.get("price"), "option price"),
            "code": str(raw.get("code") or ""),
        }
        for raw in raw_options or []
    ]


def _item_extras(existing, raw):
    """Single-type options and the per-item lookup failure a test may ask for."""
    if "single_options" in raw:
        existing.single_options = build_single_options(raw["single_options"])
    if "detail_error" in raw:
        existing.detail_error = str(raw["detail_error"] or "") or None


def upsert_items(state, payload):
    user_id = str(payload.get("user_id") or "demo_shop")
    if user_id not in state.sellers:
        raise SeedError("unknown seller %r" % user_id)
    data = state.data[user_id]
    now = state.now_str()
    out = []
    for raw in payload.get("items") or []:
        seller_code = str(raw.get("seller_code") or "")
        item_code = str(raw.get("item_code") or "")
        existing = (
            data.items.get(item_code)
            if item_code
            else data.by_seller_code.get(seller_code)
        )
        if (
            item_code
            and item_code in state.item_owner
            and (state.item_owner[item_code] != user_id)
        ):
            raise SeedError("item_code %s belongs to another seller" % item_code)
        if existing is None:
            existing = Item(
                item_code=item_code or state.alloc_item_code(),
                seller_code=seller_code,
                listed_date=now,
                changed_date=now,
            )
        existing.seller_code = seller_code or existing.seller_code
        existing.title = str(
            raw.get("title")
            or existing.title
            or "テスト商品 %s" % (existing.seller_code or existing.item_code)
        )
        existing.price = _amount(raw.get("price"), "price", existing.price)
        existing.qty = _int(raw.get("qty"), "qty", existing.qty, 0)
        existing.status = str(raw.get("status") or existing.status)
        for field in ("tax_rate", "expire_date", "material"):
            if raw.get(field) is not None:
                setattr(existing, field, str(raw[field]))
        if raw.get("remove"):
            if existing.item_code in data.items:
                data.remove_item(existing)
            out.append({"item_code": existing.item_code, "removed": True})
            continue
        if "options" in raw:
            existing.options = build_options(raw["options"])
        _item_extras(existing, raw)
        existing.changed_date = now
        state.add_item(user_id, existing)
        out.append(
            {"item_code": existing.item_code, "seller_code": existing.seller_code}
        )
    return {"items": out}


# ---------------------------------------------------------------------------
# POST /_sandbox/orders
def _line_item(state, user_id, raw, pending_codes):
    """Find or create the item (and option row) an explicit order line refers to."""
    data = state.data[user_id]
    seller_code = str(raw.get("seller_item_code") or raw.get("seller_code") or "")
    item_code = str(raw.get("item_code") or "")
    item = (
        data.items.get(item_code) if item_code else data.by_seller_code.get(seller_code)
    )
    if item is None:
        if item_code and item_code in state.item_owner:
            raise SeedError("item_code %s belongs to another seller" % item_code)
        if not seller_code and not item_code:
            seller_code = "SKU-%d" % (len(data.items) + 1)
            while seller_code in data.by_seller_code:
                seller_code += "X"
        now = state.now_str()
        item = Item(
            item_code=item_code or state.alloc_item_code(),
            seller_code=seller_code,
            title=str(raw.get("title") or "テスト商品 %s" % seller_code),
            price=_amount(raw.get("price"), "price", 1000),
            qty=100,
            listed_date=now,
            changed_date=now,
        )
        state.add_item(user_id, item)
    option_code = str(raw.get("option_code") or "")
    option_label = str(raw.get("option") or "")
    if option_code or option_label:
        match = None
        for opt in item.options:
            if option_code and opt["code"] == option_code:
                match = opt
                break
            if not option_code and option_label.startswith(
                option_text(opt["names"], opt["values"], 0)
            ):
                match = opt
                break
        if match is None:
            names, values = _parse_option_label(option_label, option_code)
            match = {
                "names": names,
                "values": values,
                "price": _amount(raw.get("option_price"), "option_price"),
                "qty": 100,
                "code": option_code,
            }
            item.options.append(match)
        return item, match
    return item, None


def _parse_option_label(label, code):
    label = label.split("(+")[0].strip()
    names, values = [], []
    for part in [p.strip() for p in label.split("/") if p.strip()]:
        if ":" in part:
            name, value = part.split(":", 1)
        else:
            name, value = "オプション", part
        names.append(name.strip())
        values.append(value.strip())
    if not names:
        names, values = ["オプション"], [code or "default"]
    return names, values


def create_orders(state, payload):
    user_id = str(payload.get("user_id") or "demo_shop")
    if user_id not in state.sellers:
        raise SeedError("unknown seller %r" % user_id)
    raw_carts = payload.get("carts") or []
    if not raw_carts:
        raise SeedError("carts must be a non-empty list")
    wanted_packs, wanted_orders = set(), set()
    for raw in raw_carts:
        if raw.get("pack_no") is not None:
            pack_no = _int(raw["pack_no"], "pack_no", minimum=1)
            if pack_no in state.pack_owner or pack_no in wanted_packs:
                raise SeedError("pack_no %s already exists" % pack_no)
            wanted_packs.add(pack_no)
        if not raw.get("lines"):
            raise SeedError("every cart needs at least one line")
        for raw_line in raw["lines"]:
            if raw_line.get("order_no") is not None:
                order_no = _int(raw_line["order_no"], "order_no", minimum=1)
                if order_no in state.order_owner or order_no in wanted_orders:
                    raise SeedError("order_no %s already exists" % order_no)
                wanted_orders.add(order_no)
        status = _int(raw.get("status", 2), "status")
        if status not in (1, 2, 3, 4, 5):
            raise SeedError("status must be 1..5")
    out = []
    for raw in raw_carts:
        cart = _build_cart(state, user_id, raw)
        state.add_cart(user_id, cart)
        out.append(
            {"pack_no": cart.pack_no, "order_nos": [ln.order_no for ln in cart.lines]}
        )
    return {"carts": out}


def _build_cart(state, user_id, raw):
    status = _int(raw.get("status", 2), "status")
    pack_no = (
        _int(raw["pack_no"], "pack_no")
        if raw.get("pack_no") is not None
        else state.alloc_pack()
    )
    person = people.default_person(pack_no)
    buyer = dict(people.buyer_of(person), **(raw.get("buyer") or {}))
    receiver = dict(people.receiver_of(person, None), **(raw.get("receiver") or {}))
    if not raw.get("receiver") and raw.get("buyer"):
        for field in ("name", "kana", "phone", "mobile"):
            if field in raw["buyer"]:
                receiver[field] = raw["buyer"][field]
    try:
        order_date = parse_dt(raw.get("order_date")) or (
            state.now() - timedelta(minutes=10)
        )
        if "payment_date" in raw and raw["payment_date"] is not None:
            payment = parse_dt(raw["payment_date"]) if raw["payment_date"] else None
        else:
            payment = None if status == 1 else order_date + timedelta(minutes=1)
    except ValueError as exc:
        raise SeedError(str(exc)) from exc
    cart = Cart(
        pack_no=pack_no,
        order_date=fmt_dt(order_date),
        payment_date=fmt_dt(payment),
        buyer=buyer,
        receiver=receiver,
        currency=str(raw.get("currency") or "JPY"),
        shipping_rate=_amount(raw.get("shipping_rate"), "shipping_rate"),
        shipping_rate_type=str(raw.get("shipping_rate_type") or "Free"),
        cart_discount_seller=_amount(raw.get("cart_discount_seller"), "cart_discount"),
        cart_discount_qoo10=_amount(raw.get("cart_discount_qoo10"), "cart_discount"),
        payment_method=str(
            raw.get("payment_method")
            or ("コンビニ決済" if status == 1 else "クレジットカード")
        ),
        message=str(raw.get("message") or ""),
        hope_date=str(raw.get("hope_date") or ""),
        gift=str(raw.get("gift") or "N"),
        payment_nation=str(raw.get("payment_nation") or "JP"),
        shipping_way=str(raw.get("shipping_way") or ""),
        sender=raw.get("sender"),
        packing_no=str(raw.get("packing_no") or ""),
        seller_delivery_no=str(raw.get("seller_delivery_no") or ""),
    )
    pending = set()
    for raw_line in raw["lines"]:
        item, option = _line_item(state, user_id, raw_line, pending)
        order_no = (
            _int(raw_line["order_no"], "order_no")
            if raw_line.get("order_no") is not None
            else state.alloc_order()
        )
        price = _amount(raw_line.get("price"), "price", item.price)
        qty = _int(raw_line.get("qty"), "qty", 1, 1)
        option_price = _amount(
            raw_line.get("option_price"),
            "option_price",
            option["price"] if option else 0,
        )
        discount = _amount(raw_line.get("discount"), "discount")
        settle = raw_line.get("settle_price")
        line = Line(
            order_no=order_no,
            cart=cart,
            item_code=item.item_code,
            seller_item_code=item.seller_code,
            title=str(raw_line.get("title") or item.title),
            option=str(
                raw_line.get("option")
                or (
                    option_text(option["names"], option["values"], option_price)
                    if option
                    else ""
                )
            ),
            option_code=str(
                raw_line.get("option_code") or (option["code"] if option else "")
            ),
            option_price=option_price,
            price=price,
            qty=qty,
            discount=discount,
            seller_discount=_amount(raw_line.get("seller_discount"), "seller_discount"),
            settle_price=(
                _amount(settle, "settle_price")
                if settle is not None
                else settle_90((price + option_price) * qty, cart.currency)
            ),
            status=status,
            est_ship_dt=str(raw.get("est_ship_dt") or ""),
            shipping_date="",
            delivered_date="",
            shipping_corp=str(raw.get("shipping_corp") or ""),
            tracking_no=str(raw.get("tracking_no") or ""),
            claim_status=None,
            claim_reason="",
            claim_request_date="",
            claim_done_date="",
            cancel_reason=None,
            seller_memo="",
            delay_type="",
            delay_memo="",
            material=item.material or "",
            row_patch=_row_patch(raw_line.get("row_patch")),
        )
        cart.lines.append(line)
    _explicit_progress(state, cart, raw, status, payment or order_date)
    return cart


def _row_patch(raw):
    """A line's ``row_patch``: how its rows are broken on the way out (bad-input tests)."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - {"set", "drop", "repeat", "replace"}:
        raise SeedError(
            "row_patch takes set (object), drop (list), repeat (int) and replace (any)"
        )
    patch = {
        "set": dict(raw.get("set") or {}),
        "drop": [str(name) for name in raw.get("drop") or []],
        "repeat": _int(raw.get("repeat"), "repeat", 1, 1),
    }
    if "replace" in raw:
        patch["replace"] = raw["replace"]
    return patch


def _explicit_progress(state, cart, raw, status, paid_at):
    if status < 3:
        return
    now = state.now()
    if not cart.packing_no:
        cart.packing_no = "JPP%08d" % (cart.pack_no % 10**8)
    if not cart.seller_delivery_no:
        cart.seller_delivery_no = "%s-%04d" % (
            paid_at.strftime("%y%m%d"),
            cart.pack_no % 10000,
        )
    for line in cart.lines:
        if not line.est_ship_dt:
            line.est_ship_dt = (paid_at + timedelta(days=2)).date().isoformat()
        if status >= 4:
            line.shipping_date = str(raw.get("shipping_date") or fmt_dt(now))
            line.shipping_corp = line.shipping_corp or "ヤマト宅急便"
            line.tracking_no = line.tracking_no or "%012d" % line.order_no
        if status >= 5:
            line.delivered_date = str(raw.get("delivered_date") or fmt_dt(now))
