"""In-memory state of the Qoo10 sandbox: sellers, keys, items, orders, clock, faults, calls."""

import random
import secrets
import threading
from collections import deque
from datetime import timedelta

from .records import DATE_FIELDS, DateIndex
from .util import fmt_dt, jst_now

DEFAULT_SELLER = {
    "user_id": "demo_shop",
    "password": "demo-pass",
    "api_key": "DEMO-API-KEY",
}
KEY_LIFETIME = timedelta(days=365)

DEFAULT_FAULTS = {
    "latency_ms": 0,
    "slow_next": 0,  # the next N calls answer after slow_ms more (a timeout, once)
    "slow_ms": 0,
    "pass_next": 0,  # the next N matching calls go through before the *_next faults below
    "drop_next": 0,
    "bad_gateway_next": 0,
    "truncate_next": 0,
    "html_error_next": 0,
    "bom": False,
    "claim_status_format": "code",  # "code" -> "3" | "label" -> "Cancel Complete(3)"
    "shipping_rate_on": "all",  # "all" lines of a cart | "first" line only
    "empty_result": "auto",  # "auto" (v3/claims null, others []) | "null" | "list"
    "methods": [],  # counters/latency apply to these methods only (empty = all)
    "faults_apply": False,  # drop/502/html faults still execute the method
    "refuse_cancel_next": 0,  # the next N SetCancelProcess calls answer -10004
    # stock bulk rows naming one of these codes (item no., seller code or option code)
    # are refused with -10010, the other rows of the call go through
    "refuse_stock_codes": [],
    # random faults: this percentage of the matching calls fails, in one of rate_kinds
    # (all RATE_KINDS when empty), drawn from a generator seeded with rate_seed
    "rate_percent": 0,
    "rate_seed": 0,
    "rate_kinds": [],
    # the Nth next QAPI call is the first to find every seller's keys expired / revoked
    "keys_expire_in": 0,
    "keys_revoke_in": 0,
    # the next N matching calls are run and logged, then their answer is held hold_ms
    # (an Odoo process can be killed while it waits: "did my write happen?")
    "hold_next": 0,
    "hold_ms": 0,
}
RATE_KINDS = (
    "drop",  # connection closed without an answer
    "bad_gateway",  # HTTP 502, nginx page
    "unavailable",  # HTTP 503, plain page
    "slow",  # the answer comes slow_ms late (a client timeout)
    "truncate",  # the JSON cut in half
    "bom",  # a byte-order mark before the JSON (a readable answer)
    "html_error",  # HTTP 200 with an HTML error page
    "empty",  # HTTP 200 with an empty body
)


class SellerData:
    def __init__(self, user_id):
        self.user_id = user_id
        self.orders = {}  # order_no -> Line
        self.carts = {}  # pack_no -> Cart
        self.items = {}  # item_code -> Item
        self.by_seller_code = {}  # seller_code -> Item
        self.index = {name: DateIndex() for name in DATE_FIELDS}
        self.claimed = {}  # order_no -> Line with a claim

    # -- date index helpers ------------------------------------------------
    @staticmethod
    def line_date(line, field):
        if field == "order":
            return line.cart.order_date
        if field == "payment":
            return line.cart.payment_date
        if field == "shipping":
            return line.shipping_date
        return line.delivered_date

    def index_line(self, line):
        for field in DATE_FIELDS:
            self.index[field].add(self.line_date(line, field), line.order_no)

    def set_line_date(self, line, field, value):
        """Change shipping/delivered date of a line, keeping the index right."""
        self.index[field].remove(self.line_date(line, field), line.order_no)
        if field == "shipping":
            line.shipping_date = value
        elif field == "delivered":
            line.delivered_date = value
        self.index[field].add(value, line.order_no)

    def set_cart_date(self, cart, field, value):
        """Change order/payment date of a whole cart, keeping the index right."""
        for line in cart.lines:
            self.index[field].remove(self.line_date(line, field), line.order_no)
        if field == "order":
            cart.order_date = value
        else:
            cart.payment_date = value
        for line in cart.lines:
            self.index[field].add(value, line.order_no)

    def add_item(self, item):
        old = self.by_seller_code.get(item.seller_code)
        if old is not None and old.item_code != item.item_code:
            self.items.pop(old.item_code, None)
        self.items[item.item_code] = item
        if item.seller_code:
            self.by_seller_code[item.seller_code] = item

    def remove_item(self, item):
        """The seller deleted the listing: Qoo10 no longer returns it."""
        self.items.pop(item.item_code, None)
        if self.by_seller_code.get(item.seller_code) is item:
            del self.by_seller_code[item.seller_code]

    def find_item(self, item_code, seller_code):
        item_code = (item_code or "").strip()
        seller_code = (seller_code or "").strip()
        if not item_code and not seller_code:
            return None
        item = (
            self.items.get(item_code)
            if item_code
            else self.by_seller_code.get(seller_code)
        )
        if item is None:
            return None
        if item_code and seller_code and item.seller_code != seller_code:
            return None
        return item


class State:
    def __init__(self):
        self.lock = threading.RLock()
        self.reset()

    def reset(self):
        with self.lock:
            self.sellers = {}
            self.keys = {}
            self.data = {}
            self.order_owner = {}
            self.pack_owner = {}
            self.item_owner = {}
            self.next_pack = 512300001
            self.next_order = 1062400001
            self.next_item = 1000100001
            self.frozen_now = None
            self.faults = dict(DEFAULT_FAULTS)
            self.faults["methods"] = []
            self.faults["rate_kinds"] = []
            self.fault_rng = random.Random(0)
            self.calls = deque(maxlen=200000)
            self.call_seq = 0
            self.upsert_seller(dict(DEFAULT_SELLER, permitted=True))

    # -- clock ---------------------------------------------------------------
    def now(self):
        return self.frozen_now if self.frozen_now is not None else jst_now()

    def now_str(self):
        return fmt_dt(self.now())

    # -- sellers & keys ------------------------------------------------------
    def upsert_seller(self, payload):
        user_id = str(payload["user_id"])
        seller = self.sellers.get(user_id)
        if seller is None:
            seller = {
                "user_id": user_id,
                "password": "",
                "api_key": "",
                "permitted": True,
                "denied_methods": [],
            }
            self.sellers[user_id] = seller
            self.data[user_id] = SellerData(user_id)
        if "password" in payload and payload["password"] != seller["password"]:
            if seller["password"]:
                # QAPI.md 1.2(6): changing the QSM password invalidates the SAKs.
                self.expire_keys(user_id)
            seller["password"] = str(payload["password"])
        for field in ("api_key", "permitted"):
            if field in payload:
                seller[field] = payload[field]
        if "denied_methods" in payload:
            seller["denied_methods"] = [
                m.lower() for m in payload["denied_methods"] or []
            ]
        return seller

    def seller_by_api_key(self, api_key):
        for seller in self.sellers.values():
            if api_key and seller["api_key"] == api_key:
                return seller
        return None

    def issue_key(self, user_id):
        issued = self.now()
        key = "SAK_%s_%s_g_3_" % (secrets.token_hex(12), secrets.token_hex(6))
        self.keys[key] = {
            "user_id": user_id,
            "issued_at": issued,
            "expires_at": issued + KEY_LIFETIME,
            "expired": False,
        }
        return key, self.keys[key]

    def expire_keys(self, user_id=None):
        count = 0
        for info in self.keys.values():
            if user_id is None or info["user_id"] == user_id:
                info["expired"] = True
                count += 1
        return count

    def revoke_keys(self, user_id):
        doomed = [k for k, info in self.keys.items() if info["user_id"] == user_id]
        for key in doomed:
            del self.keys[key]
        return len(doomed)

    # -- numbering -----------------------------------------------------------
    def alloc_pack(self, gap=1):
        self.next_pack += max(1, gap) - 1
        while self.next_pack in self.pack_owner:
            self.next_pack += 1
        value = self.next_pack
        self.next_pack += 1
        return value

    def alloc_order(self, gap=1):
        self.next_order += max(1, gap) - 1
        while self.next_order in self.order_owner:
            self.next_order += 1
        value = self.next_order
        self.next_order += 1
        return value

    def alloc_item_code(self):
        while str(self.next_item) in self.item_owner:
            self.next_item += 1
        value = str(self.next_item)
        self.next_item += 1
        return value

    # -- registration --------------------------------------------------------
    def add_cart(self, user_id, cart):
        data = self.data[user_id]
        cart.user_id = user_id
        data.carts[cart.pack_no] = cart
        self.pack_owner[cart.pack_no] = user_id
        for line in cart.lines:
            data.orders[line.order_no] = line
            self.order_owner[line.order_no] = user_id
            data.index_line(line)

    def add_item(self, user_id, item):
        self.data[user_id].add_item(item)
        self.item_owner[item.item_code] = user_id

    # -- call log ------------------------------------------------------------
    def log_call(self, entry):
        self.call_seq += 1
        entry["seq"] = self.call_seq
        self.calls.append(entry)
        return self.call_seq
