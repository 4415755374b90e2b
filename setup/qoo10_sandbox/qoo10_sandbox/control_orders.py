"""Control endpoints for orders and items: seeding, explicit carts and items, forced
statuses and claims, and the /_sandbox/state view.

The state changes here (force_status, set_claim) are the buyer's or Qoo10's side of an
order, which only the control API can trigger.
"""

from datetime import timedelta

from . import builders
from . import seed as seeding
from .control_admin import ControlError, seller_id
from .items import item_qty
from .records import CANCEL_GROUP, CLAIM_DONE, CLAIM_LABELS
from .render import CLAIM_EXTRA_KEYS
from .util import fmt_dt, num, parse_dt


def seed(state, payload, query):
    return seeding.seed(state, payload)


def orders(state, payload, query):
    return builders.create_orders(state, payload)


def items(state, payload, query):
    return builders.upsert_items(state, payload)


def _line(state, payload):
    try:
        order_no = int(payload.get("order_no"))
    except (TypeError, ValueError):
        raise ControlError("order_no must be an integer") from None
    owner = state.order_owner.get(order_no)
    if owner is None:
        raise ControlError("unknown order_no %s" % order_no, 404)
    data = state.data[owner]
    return data, data.orders[order_no]


def order_status(state, payload, query):
    status = int(payload.get("status"))
    if status not in (1, 2, 3, 4, 5):
        raise ControlError("status must be 1..5")
    if payload.get("pack_no") is not None and payload.get("order_no") is None:
        owner = state.pack_owner.get(int(payload["pack_no"]))
        if owner is None:
            raise ControlError("unknown pack_no", 404)
        lines = list(state.data[owner].carts[int(payload["pack_no"])].lines)
        data = state.data[owner]
    else:
        data, line = _line(state, payload)
        lines = [line]
    delivered = _date_param(payload, "delivered_date")
    for line in lines:
        force_status(state, data, line, status)
        if delivered and status >= 5:
            data.set_line_date(line, "delivered", delivered)
    return {
        "ok": True,
        "order_nos": [ln.order_no for ln in lines],
        "status": status,
        "payment_date": lines[0].cart.payment_date or "",
    }


def claims(state, payload, query):
    data, line = _line(state, payload)
    claim_status = int(payload.get("claim_status"))
    if claim_status not in CLAIM_LABELS:
        raise ControlError("claim_status must be one of %s" % sorted(CLAIM_LABELS))
    hidden = set_claim(
        state, data, line, claim_status, str(payload.get("reason") or "")
    )
    line.claim_extra = {
        name: str(payload[name]) for name in CLAIM_EXTRA_KEYS if payload.get(name)
    }
    return {
        "ok": True,
        "order_no": line.order_no,
        "claim_status": claim_status,
        "listed": not hidden,
        "request_date": line.claim_request_date,
        "done_date": line.claim_done_date,
    }


def _order_state(line):
    cart = line.cart
    return {
        "pack_no": cart.pack_no,
        "status": line.status,
        "est_ship_dt": line.est_ship_dt or "",
        "shipping_corp": line.shipping_corp or "",
        "tracking_no": line.tracking_no or "",
        "claim_status": line.claim_status,
        "cancel_reason": line.cancel_reason,
        "claim_reason": line.claim_reason or "",
        "claim_extra": dict(line.claim_extra or {}),
        "seller_memo": line.seller_memo or "",
        "order_date": cart.order_date,
        "payment_date": cart.payment_date or "",
        "shipping_date": line.shipping_date or "",
        "delivered_date": line.delivered_date or "",
        "delay_type": line.delay_type or "",
        "delay_memo": line.delay_memo or "",
        "seller_item_code": line.seller_item_code,
        "option_code": line.option_code,
        "qty": line.qty,
        "total": num(line.total),
        "applied": list(line.applied),
    }


def _item_state(item):
    return {
        "seller_code": item.seller_code,
        "qty": item_qty(item),
        "item_qty": item.qty,
        "price": num(item.price),
        "status": item.status,
        "title": item.title,
        "tax_rate": item.tax_rate,
        "expire_date": item.expire_date,
        "options": [
            {
                "name": "||*".join(o["names"]),
                "value": "||*".join(o["values"]),
                "code": o["code"],
                "qty": o["qty"],
                "price": num(o["price"]),
            }
            for o in item.options
        ],
    }


def state_get(state, payload, query):
    """Orders and items of one seller; filters by order_no/pack_no/item_code/seller_code.

    Without ``user_id`` the unfiltered view is demo_shop's, and filters by order_no,
    pack_no or item_code look in every seller (numbers are unique across sellers).
    """
    q = {k: v[0] for k, v in query.items()}
    if "user_id" in q:
        pool = [state.data[seller_id(state, query)]]
    else:
        pool = [state.data["demo_shop"]] if "demo_shop" in state.data else []
        pool += [d for uid, d in state.data.items() if uid != "demo_shop"]
    order_filter = "order_no" in q or "pack_no" in q
    item_filter = "item_code" in q or "seller_code" in q
    orders, items = {}, {}
    if order_filter:
        wanted = {
            int(n) for n in q.get("order_no", "").split(",") if n.strip().isdigit()
        }
        pack = int(q["pack_no"]) if q.get("pack_no", "").isdigit() else None
        for data in pool:
            lines = [data.orders[n] for n in sorted(wanted) if n in data.orders]
            if pack in data.carts:
                lines += data.carts[pack].lines
            orders.update({str(ln.order_no): _order_state(ln) for ln in lines})
    elif not item_filter and q.get("orders", "1") != "0" and pool:
        orders = {str(no): _order_state(ln) for no, ln in pool[0].orders.items()}
    if item_filter:
        for data in pool:
            found = [
                data.items[c]
                for c in q.get("item_code", "").split(",")
                if c in data.items
            ]
            if "user_id" in q or data is pool[0]:
                codes = q.get("seller_code", "").split(",")
                found += [
                    data.by_seller_code[c] for c in codes if c in data.by_seller_code
                ]
            items.update({i.item_code: _item_state(i) for i in found})
    elif not order_filter and q.get("items", "1") != "0" and pool:
        items = {code: _item_state(i) for code, i in pool[0].items.items()}
    return {"orders": orders, "items": items}


def _date_param(payload, name):
    """A ``YYYY-MM-DD HH:MM:SS`` date of the payload (JST), or "" when not given."""
    value = payload.get(name)
    if not value:
        return ""
    try:
        return fmt_dt(parse_dt(value))
    except ValueError:
        raise ControlError("%s must be YYYY-MM-DD HH:MM:SS" % name) from None


def force_status(state, data, line, status):
    now = fmt_dt(state.now())
    cart = line.cart
    if status == 1:
        data.set_cart_date(cart, "payment", "")
    elif not cart.payment_date:
        data.set_cart_date(cart, "payment", now)
    if status >= 3 and not line.est_ship_dt:
        line.est_ship_dt = (state.now().date() + timedelta(days=2)).isoformat()
    if status >= 4 and not line.shipping_date:
        data.set_line_date(line, "shipping", now)
    if status >= 5 and not line.delivered_date:
        data.set_line_date(line, "delivered", now)
    if status < 5 and line.delivered_date:
        data.set_line_date(line, "delivered", "")
    if status < 4 and line.shipping_date:
        data.set_line_date(line, "shipping", "")
    line.status = status


def set_claim(state, data, line, claim_status, reason):
    now = fmt_dt(state.now())
    if line.claim_status is None or not line.claim_request_date:
        line.claim_request_date = now
    line.claim_status = claim_status
    line.claim_reason = reason
    line.claim_done_date = now if claim_status in CLAIM_DONE else ""
    data.claimed[line.order_no] = line
    return claim_status in CANCEL_GROUP
