"""The demo's settlement file (setup/demo_settlement.py), without a database: a Shift_JIS
販売詳細内訳 CSV of the sandbox's paid orders that the addon's preset layout reads."""

import csv
import importlib.util
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, ROOT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


demo = _load("demo_settlement", "setup/demo_settlement.py")
sc = _load("qoo10_settle_columns", "qoo10_connector_account/settle_columns.py")

ORDERS = {
    "800000002": {
        "pack_no": 900000001,
        "payment_date": "2026-11-20 10:00:00",
        "total": "2200",
        "qty": 2,
        "seller_item_code": "MUG-001",
        "claim_status": None,
    },
    "800000001": {
        "pack_no": 900000001,
        "payment_date": "2026-11-20 10:00:00",
        "total": "1100.0",
        "qty": 1,
        "seller_item_code": "TEE-RED",
        "claim_status": None,
    },
    "800000003": {"pack_no": 900000002, "payment_date": "", "total": "500"},
    "800000004": {
        "pack_no": 900000003,
        "payment_date": "2026-11-21 09:00:00",
        "total": "700",
        "claim_status": 3,
    },
}


def _preset_spec():
    xml = (ROOT / "qoo10_connector_account/data/sheet_mappings.xml").read_text("utf-8")
    record = xml.split('id="qoo10_sheet_mapping_sales_detail"', 1)[1]
    columns = re.search(r'name="qoo10_columns">(.*?)</field>', record, re.S).group(1)
    return sc.parse_spec(columns)


def test_demo_settlement_file_reads_with_the_preset():
    data = demo.settlement_file(ORDERS)
    text = data.decode("cp932")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header[0] == "購入者の決済日" and len(header) == 31
    columns = sc.check_layout(
        header, _preset_spec(), "購入者の決済日", ("date", "order_no", "amount")
    )
    found = {
        row[columns["order_no"]]: (
            sc.number(row[columns["amount"]]),
            row[columns["pack_no"]],
            sc.event_kind(row[columns["event"]]),
            sc.to_date(row[columns["settle_date"]]).isoformat(),
        )
        for row in body
    }
    assert found == {
        "800000001": (990.0, "900000001", "payment", "2026-11-20"),
        "800000002": (1980.0, "900000001", "payment", "2026-11-20"),
    }, "paid lines only, 10% fee off, unpaid and claimed lines left out"
