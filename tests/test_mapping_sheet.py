"""``qoo10_connector/mapping_sheet.py`` without a database: workbooks in and out, and the
decision for each row (create / update / skip / problem)."""

import importlib.util
import io
import json

import openpyxl
from qapi_loader import REPO_ROOT


def _load():
    path = REPO_ROOT / "qoo10_connector" / "mapping_sheet.py"
    spec = importlib.util.spec_from_file_location("qoo10_mapping_sheet", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sheet = _load()


def _book(header, *rows):
    book = openpyxl.Workbook()
    book.active.append([])  # a blank first line: the header is the first non-empty one
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_headers_in_japanese_any_order_and_numeric_codes():
    data = _book(
        [
            "販売者オプションコード",
            "商品（内部参照またはバーコード）",
            "販売者商品コード",
            "商品番号",
            "Note",
        ],
        [4900000000017, "P-1", "S-1", 1000123456.0, "ignored"],
    )
    read = sheet.read_rows(data)
    assert read.missing == []
    (row,) = read.rows
    assert row.number == 3
    assert row.values == {
        "option_code": "4900000000017",
        "product": "P-1",
        "seller_item_code": "S-1",
        "item_code": "1000123456",
    }


def test_missing_columns_are_named():
    read = sheet.read_rows(_book(["Shop", "Item No."], ["x", "1"]))
    assert read.missing == ["seller_item_code", "option_code", "product"]


def _rows(*values):
    return [sheet.SheetRow(n, dict(v)) for n, v in enumerate(values, 2)]


def test_decisions():
    existing = {
        (1, ("option", "OPT-1")): {
            "id": 10,
            "product_id": 5,
            "option_name": "",
            "product_name": "P5",
        },
        (1, ("item", "ITEM-1")): {
            "id": 11,
            "product_id": 6,
            "seller_item_code": "ITEM-1",
        },
    }
    rows = _rows(
        {"option_code": "NEW", "product": "P-7"},
        {"option_code": "OPT-1", "product": "P-7"},
        {"seller_item_code": "ITEM-1", "product": "P-6", "item_code": "99"},
        {"seller_item_code": "ITEM-1", "product": "P-6"},
        {"option_code": "X", "product": ""},
        {"shop": "nope", "option_code": "Y", "product": "P-7"},
        {"option_code": "Z", "product": "TWIN"},
    )
    products = {"P-7": [7], "P-6": [6], "TWIN": [8], ("barcode", "TWIN"): [9]}
    sheet.check_rows(rows, {"qoo10jp": 1}, 1, products, existing)
    assert [(r.action, r.problem) for r in rows] == [
        ("create", ""),
        ("error", "already_mapped"),
        ("update", ""),
        ("error", "duplicate_row"),
        ("skip", "no_product_given"),
        ("error", "unknown_shop"),
        ("error", "several_products"),
    ]
    assert rows[1].args == {"product": "P5"}
    assert sheet.update_values(rows[2], existing[(1, ("item", "ITEM-1"))]) == {
        "item_code": "99"
    }
    replaced = _rows({"option_code": "OPT-1", "product": "P-7"})
    sheet.check_rows(replaced, {}, 1, products, existing, replace=True)
    assert replaced[0].action == "update"


def test_same_code_with_two_products_applies_neither():
    rows = _rows(
        {"option_code": "A", "product": "P-1"}, {"option_code": "A", "product": "P-2"}
    )
    sheet.check_rows(rows, {}, 1, {"P-1": [1], "P-2": [2]}, {})
    assert [r.problem for r in rows] == ["conflicting_rows", "duplicate_row"]


def test_write_workbook_round_trip():
    data = sheet.write_workbook(
        [{"shop": "Qoo10 JP", "option_code": "A", "product": "P"}]
    )
    read = sheet.read_rows(data)
    assert read.missing == []
    assert read.rows[0].values["option_code"] == "A"


def test_rows_kept_as_json_with_or_without_their_decisions():
    """What the wizard keeps between preview, apply and report (``sheet_rows``)."""
    rows = _rows(
        {"option_code": "OPT-1", "product": "P", "shop": ""}, {"item_code": "9"}
    )
    rows[0].fail("unknown_product", product="P")
    kept = json.loads(json.dumps(sheet.rows_to_json(rows)))
    back = sheet.rows_from_json(kept)
    assert [(r.number, r.values) for r in back] == [(r.number, r.values) for r in rows]
    assert (back[0].action, back[0].problem, back[0].args) == (
        sheet.ERROR,
        "unknown_product",
        {"product": "P"},
    )
    again = sheet.rows_from_json(kept, decided=False)
    assert (again[0].action, again[0].problem, again[0].args) == ("", "", {})
    assert again[0].values == rows[0].values
