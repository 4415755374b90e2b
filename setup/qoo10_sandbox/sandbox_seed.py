"""Deterministic data generation (POST /_sandbox/seed) and control-API builders
(POST /_sandbox/orders, POST /_sandbox/items)."""

import gc
import random
from datetime import timedelta
from decimal import Decimal

import sandbox_data as D
from sandbox_state import Cart, Item, Line
from sandbox_util import fmt_dt, num, parse_dt, settle_90, to_decimal


class SeedError(ValueError):
    pass


# ---------------------------------------------------------------------------
# people and addresses
# ---------------------------------------------------------------------------
def _person(rng):
    sur = rng.choice(D.SURNAMES)
    given = rng.choice(D.GIVEN_NAMES)
    place = rng.choice(D.PLACES)
    mobile = "%s-%04d-%04d" % (
        rng.choice(("090", "080", "070")),
        rng.randrange(10000),
        rng.randrange(10000),
    )
    if rng.random() < 0.4:
        area = place[4]
        rest = 10 - len(area) + 1  # digits after the area code (10-digit numbers)
        first = rest // 2
        phone = "%s-%0*d-%04d" % (
            area,
            first,
            rng.randrange(10**first),
            rng.randrange(10000),
        )
    else:
        phone = ""
    email = "%s.%s%d@%s" % (
        given[2],
        sur[2],
        rng.randrange(1, 999),
        rng.choice(D.EMAIL_DOMAINS),
    )
    return {
        "name": "%s %s" % (sur[0], given[0]),
        "kana": "%s %s" % (sur[1], given[1]),
        "email": email,
        "phone": phone or mobile,
        "mobile": mobile if phone else "",
        "address": _address(rng, place),
    }


def _address(rng, place=None):
    pref, city, town, zip_prefix, _area = place or rng.choice(D.PLACES)
    building = rng.choice(D.BUILDINGS)
    addr2 = "%d-%d-%d" % (rng.randint(1, 9), rng.randint(1, 30), rng.randint(1, 20))
    if building:
        addr2 += " %s%d" % (building, rng.randint(1, 12) * 100 + rng.randint(1, 9))
    return {
        "zip": "%s%02d" % (zip_prefix, rng.randrange(100)),
        "addr1": pref + city + town,
        "addr2": addr2,
        "country": "JP",
    }


def _receiver(person, rng):
    """Receiver dict from a person (its own address)."""
    addr = person["address"]
    return {
        "name": person["name"],
        "kana": person["kana"],
        "zip": addr["zip"],
        "addr1": addr["addr1"],
        "addr2": addr["addr2"],
        "phone": person["phone"],
        "mobile": person["mobile"],
        "country": "JP",
    }


def _buyer(person):
    return {k: person[k] for k in ("name", "kana", "email", "phone", "mobile")}


# ---------------------------------------------------------------------------
# catalogue
# ---------------------------------------------------------------------------
def option_text(names, values, price):
    text = " / ".join("%s:%s" % (n, v) for n, v in zip(names, values, strict=False))
    if price and Decimal(price) > 0:
        text += "(+%s円)" % num(price)
    return text


def build_catalogue(state, user_id, rng, size):
    """Create (or reuse) `size` items for the seller; returns the item list."""
    data = state.data[user_id]
    items = []
    now = fmt_dt(state.now())
    for k in range(size):
        title, prefix, base, axes, material = D.CATEGORIES[k % len(D.CATEGORIES)]
        serial = k // len(D.CATEGORIES) + 1
        seller_code = "%s-%03d" % (prefix, serial)
        price = int(round(base * rng.uniform(0.8, 1.3), -1))
        has_codes = rng.random() > 0.2
        options = []
        if axes:
            combos = [[]]
            for _axis_name, values in axes:
                combos = [c + [v] for c in combos for v in values]
            for combo in combos:
                surcharge = sum(v[2] for v in combo)
                code = (
                    "-".join([seller_code] + [v[1] for v in combo]) if has_codes else ""
                )
                options.append(
                    {
                        "names": [a[0] for a in axes],
                        "values": [v[0] for v in combo],
                        "price": surcharge,
                        "qty": rng.randint(0, 60),
                        "code": code,
                    }
                )
        existing = data.by_seller_code.get(seller_code)
        if existing is not None:
            items.append(existing)
            continue
        item = Item(
            item_code=state.alloc_item_code(),
            seller_code=seller_code,
            title=title if serial == 1 else "%s タイプ%d" % (title, serial),
            price=price,
            qty=0 if options else rng.randint(0, 300),
            status="S2" if rng.random() > 0.05 else "S1",
            options=options,
            listed_date=now,
            changed_date=now,
            material=material,
        )
        state.add_item(user_id, item)
        items.append(item)
    return items


# ---------------------------------------------------------------------------
# seed
# ---------------------------------------------------------------------------
def _weights(status_weights):
    status_weights = status_weights or {"1": 0.05, "2": 0.75, "3": 0.2}
    statuses, weights = [], []
    for key, weight in status_weights.items():
        status = int(key)
        if status not in (1, 2, 3, 4, 5):
            raise SeedError("status_weights keys must be 1..5")
        statuses.append(status)
        weights.append(float(weight))
    if sum(weights) <= 0:
        raise SeedError("status_weights must not all be 0")
    return statuses, weights


def seed(state, payload):
    """POST /_sandbox/seed (see README). The cyclic GC is paused: the seed allocates
    hundreds of thousands of objects and no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _seed(state, payload)
    finally:
        if was_enabled:
            gc.enable()


def _seed(state, payload):
    user_id = str(payload.get("user_id") or "demo_shop")
    if user_id not in state.sellers:
        raise SeedError("unknown seller %r" % user_id)
    count = int(payload.get("orders", 10))
    if not 1 <= count <= 100000:
        raise SeedError("orders must be 1..100000")
    seed_value = payload.get("seed", 1)
    now = state.now()
    end = parse_dt(payload.get("end")) or now
    start = parse_dt(payload.get("start")) or end - timedelta(days=7)
    if start >= end:
        raise SeedError("start must be before end")
    statuses, weights = _weights(payload.get("status_weights"))
    rng = random.Random("qoo10-sandbox:%s" % (seed_value,))
    catalogue = build_catalogue(
        state, user_id, rng, int(payload.get("items") or max(8, min(300, count // 20)))
    )
    span = int((end - start).total_seconds())
    order_offsets = sorted(rng.randrange(span) for _ in range(count))
    buyers = []
    carts = []
    for offset in order_offsets:
        carts.append(
            _seed_cart(
                state,
                user_id,
                rng,
                start + timedelta(seconds=offset),
                rng.choices(statuses, weights)[0],
                catalogue,
                buyers,
            )
        )
    lines = sum(len(c.lines) for c in carts)
    data = state.data[user_id]
    sellers_codes = sorted(i.seller_code for i in data.items.values())
    option_codes = sorted(
        {o["code"] for i in data.items.values() for o in i.options if o["code"]}
    )
    return {
        "carts": len(carts),
        "lines": lines,
        "pack_nos": [c.pack_no for c in carts[:10]],
        "seller_codes": sellers_codes,
        "option_codes": option_codes,
    }


def _seed_cart(state, user_id, rng, order_date, status, catalogue, buyers):
    if buyers and rng.random() < 0.3:
        person = rng.choice(buyers)
    else:
        person = _person(rng)
        buyers.append(person)
    receiver = (
        _receiver(person, rng) if rng.random() < 0.85 else _receiver(_person(rng), rng)
    )
    paid = status >= 2
    payment_date = (
        order_date + timedelta(seconds=rng.randint(20, 7200)) if paid else None
    )
    rate_type = rng.choices(("Free", "Charge", "Free on condition"), (50, 35, 15))[0]
    cart = Cart(
        pack_no=state.alloc_pack(rng.randint(1, 40)),
        order_date=fmt_dt(order_date),
        payment_date=fmt_dt(payment_date),
        buyer=_buyer(person),
        receiver=receiver,
        currency="JPY",
        shipping_rate_type=rate_type,
        payment_method=rng.choice(D.PAID_METHODS if paid else D.UNPAID_METHODS),
        message=rng.choice(D.MESSAGES),
        hope_date="",
        gift="N",
        payment_nation="JP",
        shipping_way="",
        sender=None,
        packing_no="",
        seller_delivery_no="",
        cart_discount_seller=0,
        cart_discount_qoo10=0,
    )
    if rng.random() < 0.1:
        cart.hope_date = rng.choice(D.HOPE_TIMES)
    n_lines = rng.choices((1, 2, 3, 4), (60, 25, 10, 5))[0]
    picked = rng.sample(catalogue, min(n_lines, len(catalogue)))
    gross = 0
    for idx, item in enumerate(picked):
        line = _seed_line(state, rng, cart, item, status, idx)
        cart.lines.append(line)
        gross += line.total
    if rate_type == "Charge":
        cart.shipping_rate = rng.choice((550, 660, 770, 880))
    elif rate_type == "Free on condition":
        cart.shipping_rate = 0 if gross >= 3980 else 550
    else:
        cart.shipping_rate = 0
    roll = rng.random()
    if roll < 0.08:
        cart.cart_discount_seller = rng.choice((100, 200, 300))
    elif roll < 0.16:
        cart.cart_discount_qoo10 = rng.choice((100, 150, 300, 500))
    elif roll < 0.20:
        cart.cart_discount_seller = 100
        cart.cart_discount_qoo10 = 200
    _seed_progress(state, rng, cart, status, payment_date)
    state.add_cart(user_id, cart)
    return cart


def _seed_line(state, rng, cart, item, status, idx):
    qty = rng.choices((1, 2, 3), (75, 20, 5))[0]
    option = rng.choice(item.options) if item.options else None
    option_price = option["price"] if option else 0
    pre = (item.price + option_price) * qty
    discount = seller_discount = 0
    roll = rng.random()
    if roll < 0.2:  # platform campaign (メガ割 style), funded by Qoo10
        discount = int(pre * rng.choice((0.05, 0.1, 0.2)))
    elif roll < 0.3:  # seller coupon
        seller_discount = discount = rng.choice((100, 200, 300))
    elif roll < 0.35:  # both
        seller_discount = 100
        discount = seller_discount + int(pre * 0.1)
    return Line(
        order_no=state.alloc_order(1 if idx else rng.randint(1, 60)),
        cart=cart,
        item_code=item.item_code,
        seller_item_code=item.seller_code,
        title=item.title,
        option=option_text(option["names"], option["values"], option_price)
        if option
        else "",
        option_code=option["code"] if option else "",
        option_price=option_price,
        price=item.price,
        qty=qty,
        discount=discount,
        seller_discount=seller_discount,
        settle_price=settle_90(pre),
        status=status,
        est_ship_dt="",
        shipping_date="",
        delivered_date="",
        shipping_corp="",
        tracking_no="",
        claim_status=None,
        claim_reason="",
        claim_request_date="",
        claim_done_date="",
        cancel_reason=None,
        seller_memo="",
        delay_type="",
        delay_memo="",
        material=item.material or "",
    )


def _seed_progress(state, rng, cart, status, payment_date):
    if status < 3:
        return
    est = (payment_date + timedelta(days=rng.randint(1, 4))).date()
    ship = payment_date + timedelta(hours=rng.randint(6, 60))
    delivered = ship + timedelta(hours=rng.randint(18, 60))
    cart.packing_no = "JPP%08d" % rng.randrange(10**8)
    cart.seller_delivery_no = "%s-%04d" % (
        payment_date.strftime("%y%m%d"),
        rng.randrange(1, 10000),
    )
    corp = rng.choice(D.CARRIERS)
    tracking = "%012d" % rng.randrange(10**12)
    for line in cart.lines:
        line.est_ship_dt = est.isoformat()
        if status >= 4:
            line.shipping_date = fmt_dt(ship)
            line.shipping_corp = corp
            line.tracking_no = tracking
        if status >= 5:
            line.delivered_date = fmt_dt(delivered)


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
        if "options" in raw:
            existing.options = build_options(raw["options"])
        existing.changed_date = now
        state.add_item(user_id, existing)
        out.append(
            {"item_code": existing.item_code, "seller_code": existing.seller_code}
        )
    return {"items": out}


# ---------------------------------------------------------------------------
# POST /_sandbox/orders
# ---------------------------------------------------------------------------
def _default_person(pack_no):
    rng = random.Random("person:%s" % pack_no)
    return _person(rng)


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
    person = _default_person(pack_no)
    buyer = dict(_buyer(person), **(raw.get("buyer") or {}))
    receiver = dict(_receiver(person, None), **(raw.get("receiver") or {}))
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
        )
        cart.lines.append(line)
    _explicit_progress(state, cart, raw, status, payment or order_date)
    return cart


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
