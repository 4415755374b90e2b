# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Product-code mappings in an .xlsx workbook: read, check, write. No ORM in here.

The wizard (``wizards/qoo10_mapping_import_wizard.py``) resolves shops, products and the
existing mappings once per file and passes them in as plain dicts; this module turns rows
into decisions (create / update / skip / error with a problem code) that the wizard words
and applies. openpyxl runs in read-only / write-only mode so memory stays bounded.
"""

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

import openpyxl

# key, English header, Japanese header (QSM words)
COLUMNS = (
    ("shop", "Shop", "ショップ"),
    ("item_code", "Item No.", "商品番号"),
    ("seller_item_code", "Seller Item Code", "販売者商品コード"),
    ("option_name", "Option Name", "オプション名"),
    ("option_value", "Option Value", "オプション値"),
    ("option_code", "Option Code", "販売者オプションコード"),
    (
        "product",
        "Product (internal reference or barcode)",
        "商品（内部参照またはバーコード）",
    ),
)
COLUMN_KEYS = tuple(key for key, *_labels in COLUMNS)
# Shown in exports for the reader; ignored on import.
INFO_COLUMNS = (
    ("title", "Title"),
    ("status", "Qoo10 Status"),
    ("qty", "Qoo10 Qty"),
    ("state", "Mapping"),
    ("reason", "Why not mapped"),
)
REQUIRED = ("item_code", "seller_item_code", "option_code", "product")
CODE_KEYS = ("option_code", "seller_item_code", "item_code")

CREATE, UPDATE, SKIP, ERROR = "create", "update", "skip", "error"


def _norm(text):
    return re.sub(r"[\s._()（）/・-]+", "", str(text or "")).lower()


HEADER_KEYS = {
    _norm(label): key for key, *labels in COLUMNS for label in (key, *labels)
}


def cell_text(value):
    """A cell as text: codes typed as numbers lose no digit and gain no ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@dataclass
class SheetRow:
    number: int  # the row number Excel shows
    values: dict
    action: str = ""
    problem: str = ""
    args: dict = field(default_factory=dict)
    shop_id: int = 0
    product_id: int = 0
    mapping_id: int = 0
    existing: dict = field(default_factory=dict)  # the mapping found, as read by check

    def key(self):
        """What a mapping is found by: option code, else Seller Item Code, else Item No."""
        for name, kind in zip(CODE_KEYS, ("option", "item", "item_no"), strict=True):
            if self.values.get(name):
                return kind, self.values[name]
        return None

    def fail(self, problem, **args):
        self.action, self.problem, self.args = ERROR, problem, args


@dataclass
class SheetRead:
    rows: list
    missing: list  # required columns the header lacks


def read_rows(data):
    """Rows of the first sheet; the first non-empty row is the header."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        lines = enumerate(book.worksheets[0].iter_rows(values_only=True), 1)
        header = None
        for _number, line in lines:
            if any(cell_text(v) for v in line):
                header = [HEADER_KEYS.get(_norm(v)) for v in line]
                break
        if header is None:
            return SheetRead([], list(REQUIRED))
        missing = [key for key in REQUIRED if key not in header]
        rows = []
        for number, line in lines:
            values = {k: cell_text(v) for k, v in zip(header, line, strict=False) if k}
            if any(values.values()):
                rows.append(SheetRow(number, values))
        return SheetRead(rows, missing)
    finally:
        book.close()


def rows_to_json(rows):
    """Rows and their decisions as JSON-ready lists (the wizard keeps them between the
    preview, the apply and the report): [number, values in COLUMNS order, action,
    problem, args]."""
    return [
        [
            row.number,
            [row.values.get(k) for k in COLUMN_KEYS],
            row.action,
            row.problem,
            row.args,
        ]
        for row in rows
    ]


def rows_from_json(data, decided=True):
    """``rows_to_json`` back to rows; ``decided=False`` drops the decisions (to decide
    again)."""
    rows = []
    for number, values, action, problem, args in data:
        row = SheetRow(
            number,
            {k: v for k, v in zip(COLUMN_KEYS, values, strict=True) if v is not None},
        )
        if decided:
            row.action, row.problem, row.args = action, problem, args
        rows.append(row)
    return rows


def check_rows(rows, shops, default_shop, products, mappings, replace=False):
    """Decide every row. ``shops``: {normalised name: id}; ``products``: {code: [ids]} by
    internal reference and {("barcode", code): [ids]} by barcode (both count: two
    products behind one text is a problem, not a pick); ``mappings``:
    {(shop id, key): {"id", "product_id", fields...}}. ``replace``: a row may move an
    already mapped code to another product."""
    for row in rows:
        _check_row(row, shops, default_shop, products, mappings, replace)
    _check_duplicates(rows)
    return rows


def _check_row(row, shops, default_shop, products, mappings, replace):
    shop = row.values.get("shop")
    row.shop_id = shops.get(_norm(shop)) if shop else default_shop
    if not row.shop_id:
        return row.fail("unknown_shop", shop=shop or "")
    key = row.key()
    if key is None:
        return row.fail("empty_code")
    reference = row.values.get("product")
    if not reference:
        row.action, row.problem = SKIP, "no_product_given"
        return None
    found = list(
        dict.fromkeys(
            products.get(reference, []) + products.get(("barcode", reference), [])
        )
    )
    if len(found) != 1:
        return row.fail(
            "several_products" if found else "unknown_product", product=reference
        )
    row.product_id = found[0]
    existing = mappings.get((row.shop_id, key))
    if not existing:
        row.action = CREATE
        return None
    row.mapping_id, row.existing = existing["id"], existing
    if existing["product_id"] != row.product_id and not replace:
        return row.fail("already_mapped", product=existing.get("product_name", ""))
    row.action = UPDATE if update_values(row, existing) else SKIP
    return None


def update_values(row, existing):
    """What applying the row changes on its existing mapping (blank fields are kept)."""
    values = {
        name: row.values[name]
        for name in ("item_code", "seller_item_code", "option_name", "option_value")
        if row.values.get(name) and row.values[name] != (existing.get(name) or "")
    }
    if existing["product_id"] != row.product_id:
        values["product_id"] = row.product_id
    return values


def _check_duplicates(rows):
    """A code twice in the file: the first row counts, the others are reported; when they
    name different products none is applied (nothing is mapped to a guess)."""
    groups = defaultdict(list)
    for row in rows:
        if row.action != ERROR and row.key():
            groups[(row.shop_id, row.key())].append(row)
    for same in groups.values():
        if len(same) < 2:
            continue
        first = same[0]
        if len({r.product_id for r in same}) > 1:
            first.fail(
                "conflicting_rows", rows=", ".join(str(r.number) for r in same[1:])
            )
        for row in same[1:]:
            row.fail("duplicate_row", first=first.number)


def write_workbook(rows, info=True, problems=False):
    """An .xlsx of ``rows`` (dicts by column key); ``problems`` adds Row/Result/Problem."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Qoo10 mappings")
    columns = [(key, label) for key, label, _ja in COLUMNS]
    if info:
        columns += list(INFO_COLUMNS)
    if problems:
        columns = (
            [("row", "Row")] + columns + [("result", "Result"), ("problem", "Problem")]
        )
    sheet.append([label for _key, label in columns])
    for row in rows:
        sheet.append([row.get(key, "") for key, _label in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
