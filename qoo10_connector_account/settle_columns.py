# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Column layouts of QSM settlement exports: header names with aliases, known positions.

Pure Python (no odoo import), tested without a database. A layout is written as text on
the sheet mapping (``qoo10_columns``), one column per line::

    order_no = 注文番号, 注文No @2
    amount = 精算金額, 精算予定金額, 商品単価金額 @14

``key = alias, alias... @position``: the first alias found in the header row wins; the
position (0-based) is used only when no alias is in the header and no other column of
the layout claimed that position by name. Lines starting with ``#`` are comments.
SETTLEMENT.md §2.3 lists what is known (and how surely).
"""

import hashlib
import re
import unicodedata
from datetime import date, datetime

# Event types of 販売詳細内訳 (column 1), SETTLEMENT.md §2.2.
EVENT_PAYMENT = "決済"
EVENTS = {
    "決済": "payment",
    "キャンセル": "cancel",
    "返品": "return",
    "払い戻し": "refund",
}
REFUND_EVENTS = ("cancel", "return", "refund")
# The 31 columns of 販売詳細内訳 by position, as far as their names are known
# (SETTLEMENT.md §2.3). Files generated for the tests and the demo name the others 項目N,
# as a real export has names we do not know.
SALES_COLUMNS = {
    0: "購入者の決済日",
    1: "区分",
    2: "注文番号",
    5: "決済完了日",
    7: "商品名",
    8: "数量",
    14: "商品単価金額",
    17: "販売店負担割引額",
    20: "精算金額",
    21: "精算日",
    22: "カート番号",
    23: "販売者コード",
    30: "税率",
}
SALES_WIDTH = 31


def sales_header():
    """The header of a generated 販売詳細内訳 file."""
    return [SALES_COLUMNS.get(i, f"項目{i}") for i in range(SALES_WIDTH)]


DATE_FORMATS = (
    "%Y/%m/%d",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y%m%d",
)
_LINE = re.compile(r"^\s*(\w+)\s*=\s*([^@]*?)\s*(?:@\s*(\d+))?\s*$")


class LayoutError(ValueError):
    """The file does not fit the layout; ``missing`` names what is missing."""

    def __init__(self, message, missing=()):
        super().__init__(message)
        self.missing = list(missing)


def parse_spec(text):
    """``{key: (aliases, position or None)}`` from a layout text, in order."""
    spec = {}
    for raw in (text or "").splitlines():
        if not raw.strip() or raw.strip().startswith("#"):
            continue
        match = _LINE.match(raw)
        if not match:
            raise LayoutError(f"Cannot read the column line {raw.strip()!r}")
        key, aliases, position = match.groups()
        names = [name.strip() for name in aliases.split(",") if name.strip()]
        spec[key] = (names, int(position) if position else None)
    return spec


def clean_header(value):
    return str(value or "").replace("\ufeff", "").strip()


def resolve(header, spec):
    """``{key: index}`` for the keys found in ``header`` by alias, else by position."""
    header = [clean_header(name) for name in header]
    found = {}
    for key, (aliases, _position) in spec.items():
        for alias in aliases:
            if alias in header:
                found[key] = header.index(alias)
                break
    claimed = set(found.values())
    for key, (_aliases, position) in spec.items():
        if key in found or position is None or position >= len(header):
            continue
        if position not in claimed:
            found[key] = position
            claimed.add(position)
    return found


def check_layout(header, spec, first_header, required):
    """Column indexes of ``header``, or LayoutError naming what is missing."""
    header = [clean_header(name) for name in header]
    if first_header and (not header or first_header not in header[0]):
        raise LayoutError(
            f"first header is {header[0] if header else '(none)'!r}, not {first_header!r}",
            [first_header],
        )
    columns = resolve(header, spec)
    missing = [key for key in required if key not in columns]
    if missing:
        names = [" / ".join(spec.get(key, ([key], None))[0]) for key in missing]
        raise LayoutError("missing columns: " + "; ".join(names), names)
    return columns


def text(value):
    """A cell as text: ``123456789.0`` from a spreadsheet becomes ``123456789``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# What an amount cell may hold beside its digits: separators, signs, yen, percent.
_AMOUNT_NOISE = re.compile(r"[\s,¥￥円%+]")
_AMOUNT = re.compile(r"^\(?-?(\d+(\.\d*)?|\.\d+)\)?$")


def number(value):
    """A QSM amount: ``1,234``, ``-500``, ``¥1,234``, ``10%``, full-width digits →
    float (0.0 when empty). Text in the cell (``未定``, ``1.2.3``) raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    cleaned = _AMOUNT_NOISE.sub("", unicodedata.normalize("NFKC", str(value or "")))
    cleaned = cleaned.replace("−", "-").replace("▲", "-").replace("△", "-")
    if cleaned in ("", "-"):
        return 0.0
    if not _AMOUNT.match(cleaned):
        raise ValueError(value)
    negative = cleaned.startswith("(") or "-" in cleaned
    return -abs(float(cleaned.strip("()-"))) if negative else float(cleaned)


def to_date(value, formats=DATE_FORMATS):
    """A date cell (text in any QSM format, or a spreadsheet datetime) → date or None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    value = text(value)
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def event_kind(value):
    """``payment`` / ``cancel`` / ``return`` / ``refund`` from the event text ('' if unknown)."""
    value = text(value)
    for label, kind in EVENTS.items():
        if label in value:
            return kind
    return ""


# Q-account history (Qアカウントの履歴, SETTLEMENT.md §2.1, §4.1): words of its rows.
QACCOUNT_WORDS = (
    ("transfer_fee", ("手数料",)),
    ("payout", ("出金", "振込", "送金", "引き出し", "引出")),
    ("settlement", ("精算",)),
)


def qaccount_kind(description):
    """``payout`` / ``transfer_fee`` / ``settlement`` from a Q-account row ('' if other)."""
    for kind, words in QACCOUNT_WORDS:
        if any(word in description for word in words):
            return kind
    return ""


def split_order_numbers(value):
    """カート割引 joins a cart's order numbers with ``" | "``."""
    return [part.strip() for part in text(value).split("|") if part.strip()]


def row_fingerprint(values):
    """A stable id for a row: the same row in two files gives the same id."""
    joined = "\x1f".join(text(value) for value in values)
    return hashlib.sha1(joined.encode()).hexdigest()[:16]


def split_evenly(amount, parts):
    """``amount`` (yen) in ``parts`` whole shares, the remainder on the first one."""
    if parts <= 1:
        return [amount]
    share = int(amount / parts)
    return [amount - share * (parts - 1)] + [share] * (parts - 1)
