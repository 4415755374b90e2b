"""Deterministic data generation (POST /_sandbox/seed and --seed-orders)."""

import gc
import random
from datetime import timedelta
from decimal import Decimal

from . import data as D
from . import people
from .records import Cart, Item, Line
from .util import fmt_dt, num, parse_dt, settle_90


class SeedError(ValueError):
    pass


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
        person = people.random_person(rng)
        buyers.append(person)
    receiver = (
        people.receiver_of(person, rng)
        if rng.random() < 0.85
        else people.receiver_of(people.random_person(rng), rng)
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
        buyer=people.buyer_of(person),
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
