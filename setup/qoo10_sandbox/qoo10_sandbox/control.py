"""The /_sandbox/* control API (JSON in, JSON out): its routes and their dispatch.

The endpoints live in control_admin.py (sellers, keys, clock, call log, faults) and
control_orders.py (seeding, orders, claims, the state view).
"""

from urllib.parse import parse_qs

from . import control_admin as admin
from . import control_orders as orders
from .control_admin import ControlError
from .seed import SeedError


def handle(state, http_method, path, query, payload):
    """-> (http status, JSON-able body); bad input is a 400, never a sandbox crash."""
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
    except (SeedError, ValueError, KeyError, TypeError) as exc:
        return 400, {"error": "%s: %s" % (type(exc).__name__, exc)}


ROUTES = {
    ("GET", "/_sandbox/health"): admin.health,
    ("POST", "/_sandbox/reset"): admin.reset,
    ("POST", "/_sandbox/sellers"): admin.sellers,
    ("POST", "/_sandbox/keys"): admin.keys,
    ("POST", "/_sandbox/clock"): admin.clock,
    ("GET", "/_sandbox/clock"): admin.clock_get,
    ("POST", "/_sandbox/seed"): orders.seed,
    ("POST", "/_sandbox/orders"): orders.orders,
    ("POST", "/_sandbox/orders/status"): orders.order_status,
    ("POST", "/_sandbox/claims"): orders.claims,
    ("POST", "/_sandbox/items"): orders.items,
    ("GET", "/_sandbox/state"): orders.state_get,
    ("GET", "/_sandbox/calls"): admin.calls_get,
    ("POST", "/_sandbox/calls/clear"): admin.calls_clear,
    ("POST", "/_sandbox/faults"): admin.faults,
    ("GET", "/_sandbox/faults"): admin.faults_get,
}


def parse_query(query_string):
    """Query string -> {name: [values]}, blanks kept (filters may be empty)."""
    return parse_qs(query_string or "", keep_blank_values=True)
