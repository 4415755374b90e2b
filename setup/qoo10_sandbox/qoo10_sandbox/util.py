"""Small helpers shared by the sandbox modules: JST clock formats, numbers, phones."""

import re
from datetime import datetime, timedelta, timezone
from decimal import ROUND_DOWN, Decimal, InvalidOperation

# Japan has no DST: a fixed offset avoids depending on the tzdata package.
JST = timezone(timedelta(hours=9), "JST")
DT_FMT = "%Y-%m-%d %H:%M:%S"
D_FMT = "%Y-%m-%d"


def jst_now():
    """Current wall-clock time in JST, naive."""
    return datetime.now(JST).replace(tzinfo=None, microsecond=0)


def fmt_dt(value):
    """datetime -> 'YYYY-MM-DD HH:MM:SS'; None/'' -> ''."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    return value.strftime(DT_FMT)


def parse_dt(text):
    """Parse 'YYYY-MM-DD HH:MM:SS' (or 'YYYY-MM-DD', or ISO 'T') into a naive datetime."""
    if text is None:
        return None
    if isinstance(text, datetime):
        return text
    text = str(text).strip().replace("T", " ")
    if not text:
        return None
    for fmt in (DT_FMT, "%Y-%m-%d %H:%M", D_FMT):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError("bad datetime %r (want YYYY-MM-DD HH:MM:SS)" % text)


_QDATE_RE = re.compile(r"^\d{8}(\d{6})?$")


def parse_qdate(text, end=False):
    """Parse a QAPI search date (yyyyMMdd or yyyyMMddHHmmss).

    Returns (instant, inclusive_upper) or None when malformed. For an 8-digit end
    date the whole day is included (upper bound 23:59:59), but the instant used to
    measure the window length stays at 00:00:00.
    """
    text = (text or "").strip()
    if not _QDATE_RE.match(text):
        return None
    try:
        if len(text) == 8:
            instant = datetime.strptime(text, "%Y%m%d")
            upper = instant + timedelta(days=1, seconds=-1) if end else instant
        else:
            instant = datetime.strptime(text, "%Y%m%d%H%M%S")
            upper = instant
    except ValueError:
        return None
    return instant, upper


def to_decimal(value, default=None):
    if value is None or value == "":
        return default
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        value = repr(value)
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValueError("not a number: %r" % (value,)) from None


def num(value):
    """Amount for JSON output: int when integral, else float."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def settle_90(pre_discount, currency="JPY"):
    """90 % of the pre-discount amount, rounded down (yen or cents)."""
    quantum = Decimal("1") if currency in ("JPY", "KRW") else Decimal("0.01")
    value = (Decimal(pre_discount) * Decimal("0.9")).quantize(
        quantum, rounding=ROUND_DOWN
    )
    return num(value)


def fmt_phone(phone):
    """Japanese phone in Qoo10's '+81-90-1234-5678' form; empty -> '+81--'."""
    phone = (phone or "").strip()
    if not phone:
        return "+81--"
    if phone.startswith("+"):
        return phone
    if phone.startswith("0"):
        phone = phone[1:]
    return "+81-" + phone
