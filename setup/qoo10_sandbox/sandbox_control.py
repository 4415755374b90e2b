"""The /_sandbox/* control API (JSON in, JSON out)."""

from datetime import timedelta
from urllib.parse import parse_qs

import sandbox_qapi as Q
import sandbox_seed
from sandbox_state import CLAIM_LABELS, DEFAULT_FAULTS
from sandbox_util import fmt_dt, num, parse_dt


class ControlError(Exception):
    def __init__(self, msg, status=400):
        super().__init__(msg)
        self.status = status


def handle(state, http_method, path, query, payload):
    """-> (http status, JSON-able body)."""
    route = ROUTES.get((http_method, path.rstrip("/")))
    if route is None:
        if any(p == path.rstrip("/") for _m, p in ROUTES):
            return 405, {"error": "method not allowed"}
        return 404, {"error": "unknown control path %s" % path}
    try:
        with state.lock:
            return 200, route(state, payload if payload is not None else {}, query)
    except ControlError as exc:
        return exc.status, {"error": str(exc)}
    except (sandbox_seed.SeedError, ValueError, KeyError, TypeError) as exc:
        return 400, {"error": "%s: %s" % (type(exc).__name__, exc)}


def _seller_id(state, payload_or_query, default="demo_shop"):
    value = payload_or_query.get("user_id", default)
    if isinstance(value, list):
        value = value[0]
    value = str(value or default)
    if value not in state.sellers:
        raise ControlError("unknown seller %r" % value, 404)
    return value


def health(state, payload, query):
    return {"ok": True}


def reset(state, payload, query):
    state.reset()
    return {"ok": True}


def sellers(state, payload, query):
    if not payload.get("user_id"):
        raise ControlError("user_id is required")
    seller = state.upsert_seller(payload)
    return {
        "ok": True,
        "user_id": seller["user_id"],
        "api_key": seller["api_key"],
        "permitted": seller["permitted"],
    }


def keys(state, payload, query):
    user_id = _seller_id(state, payload)
    out = {"ok": True}
    if payload.get("expire"):
        out["expired"] = state.expire_keys(user_id)
    if payload.get("revoke"):
        out["revoked"] = state.revoke_keys(user_id)
    if payload.get("issue"):
        key, info = state.issue_key(user_id)
        out.update({"key": key, "expires_at": fmt_dt(info["expires_at"])})
    if payload.get("list"):
        out["keys"] = [
            {
                "key": k,
                "issued_at": fmt_dt(i["issued_at"]),
                "expires_at": fmt_dt(i["expires_at"]),
                "expired": i["expired"],
            }
            for k, i in state.keys.items()
            if i["user_id"] == user_id
        ]
    return out


def clock(state, payload, query):
    if "now" in payload:
        state.frozen_now = parse_dt(payload["now"]) if payload["now"] else None
    if payload.get("advance_seconds"):
        state.frozen_now = state.now() + timedelta(
            seconds=float(payload["advance_seconds"])
        )
    return {"now": state.now_str(), "frozen": state.frozen_now is not None}


def clock_get(state, payload, query):
    return {"now": state.now_str(), "frozen": state.frozen_now is not None}


def seed(state, payload, query):
    return sandbox_seed.seed(state, payload)


def orders(state, payload, query):
    return sandbox_seed.create_orders(state, payload)


def items(state, payload, query):
    return sandbox_seed.upsert_items(state, payload)


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
    for line in lines:
        Q.force_status(state, data, line, status)
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
    hidden = Q.set_claim(
        state, data, line, claim_status, str(payload.get("reason") or "")
    )
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
    }


def _item_state(item):
    return {
        "seller_code": item.seller_code,
        "qty": Q.item_qty(item),
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
        pool = [state.data[_seller_id(state, query)]]
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


def calls_get(state, payload, query):
    since = int(query.get("since", ["0"])[0] or 0)
    limit = int(query.get("limit", ["100000"])[0] or 100000)
    method = (query.get("method", [""])[0] or "").lower()
    out = []
    for entry in state.calls:
        if entry["seq"] <= since:
            continue
        if method and method not in (entry["method"] or "").lower():
            continue
        out.append(entry)
        if len(out) >= limit:
            break
    return {"calls": out, "next": out[-1]["seq"] if out else max(since, 0)}


def calls_clear(state, payload, query):
    state.calls.clear()
    return {"ok": True, "next": state.call_seq}


def faults(state, payload, query):
    current = state.faults
    for key, value in payload.items():
        if key == "expire_all_keys":
            if value:
                state.expire_keys()
            continue
        if key == "reset":
            if value:
                current.clear()
                current.update(DEFAULT_FAULTS)
                current["methods"] = []
            continue
        if key not in DEFAULT_FAULTS:
            raise ControlError("unknown fault %r" % key)
        current[key] = _fault_value(key, value)
    return dict(current)


CHOICES = {
    "claim_status_format": ("code", "label"),
    "shipping_rate_on": ("all", "first"),
    "empty_result": ("auto", "null", "list"),
}


def _fault_value(key, value):
    if key == "methods":
        return [str(m) for m in (value or [])]
    if key in CHOICES:
        if value not in CHOICES[key]:
            raise ControlError("%s must be one of %s" % (key, ", ".join(CHOICES[key])))
        return value
    if key in ("bom", "faults_apply"):
        return bool(value)
    value = int(value)
    if value < 0:
        raise ControlError("%s must be >= 0" % key)
    return value


def faults_get(state, payload, query):
    return dict(state.faults)


ROUTES = {
    ("GET", "/_sandbox/health"): health,
    ("POST", "/_sandbox/reset"): reset,
    ("POST", "/_sandbox/sellers"): sellers,
    ("POST", "/_sandbox/keys"): keys,
    ("POST", "/_sandbox/clock"): clock,
    ("GET", "/_sandbox/clock"): clock_get,
    ("POST", "/_sandbox/seed"): seed,
    ("POST", "/_sandbox/orders"): orders,
    ("POST", "/_sandbox/orders/status"): order_status,
    ("POST", "/_sandbox/claims"): claims,
    ("POST", "/_sandbox/items"): items,
    ("GET", "/_sandbox/state"): state_get,
    ("GET", "/_sandbox/calls"): calls_get,
    ("POST", "/_sandbox/calls/clear"): calls_clear,
    ("POST", "/_sandbox/faults"): faults,
    ("GET", "/_sandbox/faults"): faults_get,
}


def parse_query(query_string):
    return parse_qs(query_string or "", keep_blank_values=True)
