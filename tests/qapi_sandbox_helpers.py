"""Shared by the Qoo10Client-against-the-sandbox suites: constants, a client factory and
small control-API shortcuts. Plain functions (no fixtures), so importing them redefines
no fixture.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from qapi_loader import load_qapi

qapi = load_qapi()

JST = ZoneInfo("Asia/Tokyo")
NOW = "2026-11-28 10:00:00"
API_KEY = "DEMO-API-KEY"
USER = "demo_shop"
PASSWORD = "demo-pass"
DAY_START = datetime(2026, 11, 27, 0, 0)
DAY_END = datetime(2026, 11, 28, 23, 59, 59)


def make_client(sbx, key, **kwargs):
    kwargs.setdefault("min_interval", 0)
    kwargs.setdefault("retries", 2)
    kwargs.setdefault("backoff", 0.01)
    kwargs.setdefault("timeout", 10.0)
    return qapi.Qoo10Client(sbx.base, seller_key=key, **kwargs)


def new_cart(sbx, status=2, lines=None, order_date="2026-11-27 10:00:00"):
    lines = lines or [{"seller_item_code": "SKU-1", "price": 1000, "qty": 1}]
    cart = {"status": status, "order_date": order_date, "lines": lines}
    answer = sbx.control("/_sandbox/orders", {"user_id": USER, "carts": [cart]})
    created = answer["carts"][0]
    return str(created["pack_no"]), [str(no) for no in created["order_nos"]]


def calls(sbx, method=None):
    logged = sbx.control("/_sandbox/calls")["calls"]
    return [c for c in logged if method is None or c["method"] == method]


def order_state(sbx, order_no):
    return sbx.control("/_sandbox/state?order_no=%s" % order_no)["orders"][
        str(order_no)
    ]


def faults(sbx, **values):
    return sbx.control("/_sandbox/faults", values)


OPTIONS = [
    {
        "names": ["Color", "Size"],
        "values": ["Red", "S"],
        "code": "TS-R-S",
        "qty": 3,
        "price": 0,
    },
    {
        "names": ["Color", "Size"],
        "values": ["Red", "M"],
        "code": "TS-R-M",
        "qty": 4,
        "price": 100,
    },
]


def new_items(sbx):
    items = [
        {"seller_code": "CAP-1", "price": 1500, "qty": 5},
        {"seller_code": "TS-1", "price": 2000, "qty": 0, "options": OPTIONS},
    ]
    made = sbx.control("/_sandbox/items", {"user_id": USER, "items": items})["items"]
    return {row["seller_code"]: row["item_code"] for row in made}


def item_state(sbx, item_code):
    return sbx.control("/_sandbox/state?item_code=%s" % item_code)["items"][item_code]
