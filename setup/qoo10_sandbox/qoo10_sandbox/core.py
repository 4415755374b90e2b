"""What every QAPI method module needs: errors, parameters, the method registry,
the envelopes and the few parsers that orders and claims share.

Every method runs under ``state.lock``. The HTTP layer (httpd.py) turns the returned
envelope into a response and applies faults.
"""

import json
from datetime import timedelta

from .util import fmt_dt, parse_qdate

MAX_BULK = 500
MAX_WINDOW = timedelta(days=90)


class QErr(Exception):
    """Method-level error: {ResultCode, ResultMsg}."""

    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
        self.msg = msg


class GatewayErr(Exception):
    """Gateway-level error: {ErrorCode, ErrorMsg}."""

    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
        self.msg = msg


class Params:
    """Request parameters; names are matched case-insensitively (as ASP.NET does)."""

    def __init__(self, pairs):
        self.raw = {}
        self._lower = {}
        for key, value in pairs:
            self.raw[key] = value
            self._lower[key.lower()] = value

    def get(self, name, default=""):
        return self._lower.get(name.lower(), default)

    def has(self, name):
        return name.lower() in self._lower


class Ctx:
    """One call's context: the seller's data, the parameters and one clock reading."""

    def __init__(self, state, params, version, seller_id=None):
        self.state = state
        self.p = params
        self.version = version
        self.seller_id = seller_id
        self.data = state.data.get(seller_id) if seller_id else None
        self.faults = state.faults
        self.now = state.now()


METHODS = {}  # service(lower) -> {method(lower): (canonical, fn, needs_auth)}


def qapi(full_name, auth=True):
    """Register ``fn`` as the QAPI method ``Service.Method`` (matched case-insensitively)."""

    def deco(fn):
        service, method = full_name.split(".", 1)
        METHODS.setdefault(service.lower(), {})[method.lower()] = (full_name, fn, auth)
        return fn

    return deco


def ok(obj, msg="Success"):
    """Envelope of a successful lookup (writes answer ``done()``, without ResultObject)."""
    return {"ResultObject": obj, "ResultCode": 0, "ResultMsg": msg}


def done(msg="SUCCESS"):
    """Envelope of a successful write."""
    return {"ResultCode": 0, "ResultMsg": msg}


def empty(ctx, null_by_default):
    """An empty list result: QAPI gives null for some methods and [] for others;
    the ``empty_result`` fault forces one of them."""
    mode = ctx.faults.get("empty_result", "auto")
    if mode == "null":
        return None
    if mode == "list":
        return []
    return None if null_by_default else []


def search_window(start_raw, end_raw, bad_date, too_long):
    """Parse a search period; the error codes differ between orders and claims."""
    start = parse_qdate(start_raw)
    end = parse_qdate(end_raw, end=True)
    if start is None or end is None:
        raise QErr(bad_date, "Invalid search date. Use yyyyMMdd or yyyyMMddHHmmss.")
    if start[0] > end[0]:
        raise QErr(bad_date, "The search start date is after the end date.")
    if end[0] - start[0] > MAX_WINDOW:
        raise QErr(too_long, "The search period cannot exceed 90 days.")
    return fmt_dt(start[1]), fmt_dt(end[1])


def parse_order_no(raw):
    """The order number as an int, or None when it is not all digits."""
    raw = (raw or "").strip()
    if not raw.isdigit():
        return None
    return int(raw)


def bulk_rows(ctx, field, too_many_code):
    """The rows of a ``...Json`` bulk parameter, each as ``Params``."""
    raw = ctx.p.get(field)
    try:
        rows = json.loads(raw) if raw.strip() else None
    except ValueError:
        rows = None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise QErr(-10010, "%s must be a JSON array of objects." % field)
    if len(rows) > MAX_BULK:
        raise QErr(too_many_code, "Up to 500 rows can be processed at once.")
    return [Params(r.items()) for r in rows]
