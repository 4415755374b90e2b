"""Small value converters for Qoo10 data (QAPI.md §4, §6).

Qoo10 sends amounts as numbers or strings (sometimes ``"1980.0000"``), dates as naive
local-time strings, statuses as labels like ``"On request(2)"``, and empty phones as ``"+81--"``.
"""

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

_LABEL_CODE = re.compile(r"\((-?\d+)\)")
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y%m%d%H%M%S",
    "%Y%m%d",
)
_COUNTRY_PREFIX = re.compile(r"^\+\d{1,4}")
_ZONES = {}


def zone(tz):
    """A ``ZoneInfo`` for a name (cached); ``tzinfo`` objects are returned as is."""
    if not isinstance(tz, str):
        return tz
    if tz not in _ZONES:
        _ZONES[tz] = ZoneInfo(tz)
    return _ZONES[tz]


def text(value):
    """A stripped string; None and XML-style empty containers → ``""``."""
    if value is None or isinstance(value, (list, dict)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def code_from_label(value):
    """Status code from ``"On request(2)"`` (digits in the last parentheses) or ``"2"``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    value = text(value)
    found = _LABEL_CODE.findall(value)
    if found:
        return int(found[-1])
    if re.fullmatch(r"-?\d+", value):
        return int(value)
    return None


def decimal(value, default=Decimal(0)):
    """A Decimal; None, ``""`` and unreadable values → ``default``."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return default
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    value = text(value).replace(",", "")
    if not value:
        return default
    try:
        return Decimal(value)
    except InvalidOperation:
        return default


def integer(value, default=0):
    """An int; ``"2"``, ``2.0`` and ``"2.0000"`` → 2; empty → ``default``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number = decimal(value, default=None)
    if number is None:
        return default
    return int(number)


def phone(value):
    """A phone number, ``""`` when it holds no digits beyond a country code (``"+81--"``)."""
    value = text(value)
    if not re.search(r"\d", _COUNTRY_PREFIX.sub("", value)):
        return ""
    return value


def split_list(value):
    """``"123, 124"`` → ``["123", "124"]``."""
    if isinstance(value, list):
        return [text(v) for v in value if text(v)]
    return [part.strip() for part in text(value).split(",") if part.strip()]


def parse_datetime(value, tz):
    """Aware datetime in ``tz`` from a naive Qoo10 date string; empty/0001 → None."""
    value = text(value)
    if not value:
        return None
    value = (
        value.split(".")[0]
        if re.match(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d\.", value)
        else value
    )
    for fmt in _DATE_FORMATS:
        try:
            naive = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if naive.year <= 1900:
            return None
        return naive.replace(tzinfo=zone(tz))
    return None


def to_shop_time(value, tz, end=False):
    """A naive datetime in the shop's zone; naive input is taken as shop time.

    A ``date`` means the start of that day (``end=True``: its last second).
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(zone(tz))
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time(23, 59, 59) if end else time(0, 0, 0))
    raise TypeError("expected a date or datetime, got %r" % (value,))


def format_search_datetime(value, tz, end=False):
    """``yyyyMMddHHmmss`` in the shop's zone (order/claim searches, QAPI.md §4)."""
    return to_shop_time(value, tz, end=end).strftime("%Y%m%d%H%M%S")


def format_ship_date(value, tz):
    """``yyyyMMdd`` for EstShipDt (QAPI.md §7.1); strings pass through without dashes."""
    if isinstance(value, str):
        return value.replace("-", "").replace("/", "").strip()[:8]
    return to_shop_time(value, tz).strftime("%Y%m%d")


def period_exceeds(start, end, tz, days):
    """True when ``end - start`` (both in shop time) is longer than ``days``.

    Dates count as midnight here, so a ``date`` range of exactly ``days`` days passes.
    """
    return to_shop_time(end, tz) - to_shop_time(start, tz) > timedelta(days=days)


def period_reversed(start, end, tz):
    """True when the search ends before it starts."""
    return to_shop_time(end, tz, end=True) < to_shop_time(start, tz)
