"""Control endpoints for the sandbox itself: health, reset, sellers, keys, clock,
the call log and fault injection."""

import random
from datetime import timedelta

from .state import DEFAULT_FAULTS, RATE_KINDS
from .util import fmt_dt, parse_dt


class ControlError(Exception):
    """A control request the sandbox refuses; ``status`` is the HTTP status to answer."""

    def __init__(self, msg, status=400):
        super().__init__(msg)
        self.status = status


def seller_id(state, payload_or_query, default="demo_shop"):
    """The ``user_id`` of a payload or parsed query; 404 for an unknown seller."""
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
    user_id = seller_id(state, payload)
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
                current["rate_kinds"] = []
                current["refuse_stock_codes"] = []
            continue
        if key not in DEFAULT_FAULTS:
            raise ControlError("unknown fault %r" % key)
        current[key] = _fault_value(key, value)
        if key == "rate_seed":
            state.fault_rng = random.Random(current[key])
    return dict(current)


CHOICES = {
    "claim_status_format": ("code", "label"),
    "shipping_rate_on": ("all", "first"),
    "empty_result": ("auto", "null", "list"),
}


def _fault_value(key, value):
    if key == "methods":
        return [str(m) for m in (value or [])]
    if key == "refuse_stock_codes":
        return [str(code) for code in (value or [])]
    if key == "rate_kinds":
        kinds = [str(k) for k in (value or [])]
        if set(kinds) - set(RATE_KINDS):
            raise ControlError("rate_kinds: choose among %s" % ", ".join(RATE_KINDS))
        return kinds
    if key == "rate_percent" and not 0 <= int(value) <= 100:
        raise ControlError("rate_percent must be 0..100")
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
