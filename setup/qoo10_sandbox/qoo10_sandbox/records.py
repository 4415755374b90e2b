"""The sandbox's records: carts, order lines and items, and the status tables they use.

Kept apart from state.py so the render and seed modules can build rows without the
seller registry or the clock.
"""

import bisect
import sys

SHIPPING_LABELS = {
    1: "Awaiting shipping(1)",
    2: "On request(2)",
    3: "Seller confirm(3)",
    4: "On delivery(4)",
    5: "Delivered(5)",
}

CLAIM_LABELS = {
    1: "Cancel Request(1)",
    2: "Cancelling(2)",
    3: "Cancel Complete(3)",
    4: "Return Request(4)",
    5: "Returning(5)",
    6: "Return Complete(6)",
    11: "Exchange Request(11)",
    12: "Exchange Approved(12)",
    13: "Redelivering(13)",
    14: "Non-receipt Refund Complete(14)",
    15: "Non-receipt Partial Refund Complete(15)",
    16: "Unpaid Order Cancelled(16)",
}
CANCEL_GROUP = {1, 2, 3, 16}
CLAIM_DONE = {3, 6, 14, 15, 16}
DATE_FIELDS = ("order", "payment", "shipping", "delivered")


class Cart:
    __slots__ = (
        "pack_no",
        "user_id",
        "order_date",
        "payment_date",
        "buyer",
        "receiver",
        "currency",
        "shipping_rate",
        "shipping_rate_type",
        "cart_discount_seller",
        "cart_discount_qoo10",
        "payment_method",
        "message",
        "hope_date",
        "lines",
        "packing_no",
        "seller_delivery_no",
        "gift",
        "payment_nation",
        "shipping_way",
        "sender",
    )

    def __init__(self, **kw):
        for name in self.__slots__:
            setattr(self, name, kw.get(name))
        if self.lines is None:
            self.lines = []


class Line:
    __slots__ = (
        "order_no",
        "cart",
        "item_code",
        "seller_item_code",
        "title",
        "option",
        "option_code",
        "option_price",
        "price",
        "qty",
        "discount",
        "seller_discount",
        "settle_price",
        "status",
        "est_ship_dt",
        "shipping_date",
        "delivered_date",
        "shipping_corp",
        "tracking_no",
        "claim_status",
        "claim_reason",
        "claim_request_date",
        "claim_done_date",
        "claim_extra",
        "cancel_reason",
        "seller_memo",
        "delay_type",
        "delay_memo",
        "material",
        "row_patch",
        "applied",  # the writes Qoo10 applied to the line, in order (method names)
    )

    def __init__(self, **kw):
        for name in self.__slots__:
            setattr(self, name, kw.get(name))
        if self.applied is None:
            self.applied = []

    @property
    def total(self):
        return self.price * self.qty + self.option_price * self.qty - self.discount

    @property
    def listed(self):
        """Still visible in GetShippingInfo (cancel-group claims hide a line)."""
        return self.claim_status not in CANCEL_GROUP


class Item:
    __slots__ = (
        "item_code",
        "seller_code",
        "title",
        "price",
        "qty",
        "status",
        "tax_rate",
        "expire_date",
        "options",
        "listed_date",
        "changed_date",
        "retail_price",
        "material",
        "brand_no",
        "single_options",
        "detail_error",
    )

    # a listing on sale, as QSM creates it unless told otherwise
    DEFAULTS = {
        "title": "",
        "price": 1000,
        "qty": 0,
        "status": "S2",
        "tax_rate": "10",
        "expire_date": "2099-12-31",
        "retail_price": 0,
        "material": "",
        "brand_no": "",
    }

    def __init__(self, **kw):
        for name in self.__slots__:
            setattr(self, name, kw.get(name, self.DEFAULTS.get(name)))
        if self.options is None:
            self.options = []
        if self.single_options is None:
            self.single_options = []


class DateIndex:
    """Sorted (date string, order_no) pairs; sorted lazily after appends."""

    def __init__(self):
        self.rows = []
        self.dirty = False

    def add(self, date_str, order_no):
        if date_str:
            self.rows.append((date_str, order_no))
            self.dirty = True

    def _sort(self):
        if self.dirty:
            self.rows.sort()
            self.dirty = False

    def remove(self, date_str, order_no):
        if not date_str:
            return
        self._sort()
        pos = bisect.bisect_left(self.rows, (date_str, order_no))
        if pos < len(self.rows) and self.rows[pos] == (date_str, order_no):
            del self.rows[pos]

    def between(self, lo, hi):
        self._sort()
        start = bisect.bisect_left(self.rows, (lo, -1))
        stop = bisect.bisect_right(self.rows, (hi, sys.maxsize))
        return [order_no for _d, order_no in self.rows[start:stop]]
