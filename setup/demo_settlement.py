# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A QSM 販売詳細内訳 settlement file (Shift_JIS CSV) for the demo's orders.

Generated from the Qoo10 sandbox's paid orders, not copied from any seller's data: one
決済 row per order line, settled at the line's total less a 10% service fee (within the
shop's 12% tolerance, so the import matches every row whose cart Odoo has invoiced and
Qoo10 has paid). The columns are the 31 of SETTLEMENT.md §2.3 as far as they are known,
placeholders elsewhere (the addon's ``settle_columns.sales_header``). Pure Python (no odoo import).

    python3 setup/demo_settlement.py http://127.0.0.1:8899 > settlement.csv
"""

import csv
import importlib.util
import io
import json
import os
import sys
import urllib.request
from pathlib import Path

FEE_RATE = 0.10


def _settle_columns():
    """The addon's pure column module (SALES_COLUMNS), loaded by its path (importing the
    addon's package would need Odoo): beside setup/ in a checkout, on QOO10_ADDONS_PATH in
    the compose demo."""
    roots = [Path(__file__).resolve().parent.parent]
    roots += [Path(p) for p in os.environ.get("QOO10_ADDONS_PATH", "").split(",") if p]
    for root in roots:
        path = root / "qoo10_connector_account" / "settle_columns.py"
        if path.exists():
            spec = importlib.util.spec_from_file_location("qoo10_settle_columns", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    sys.exit(
        "qoo10_connector_account/settle_columns.py not found: set QOO10_ADDONS_PATH"
    )


HEADER = _settle_columns().sales_header()


def qsm_date(value):
    """``2026-11-25 10:00:00`` (the sandbox's JST dates) → ``2026/11/25``."""
    return (value or "")[:10].replace("-", "/")


def settlement_rows(orders):
    """One 決済 row (dict by header) per paid order line of ``orders`` (the sandbox's
    ``/_sandbox/state`` orders: order number → line)."""
    rows = []
    for order_no, line in sorted(orders.items()):
        paid = qsm_date(line.get("payment_date"))
        total = round(float(line.get("total") or 0))
        if not paid or total <= 0 or line.get("claim_status"):
            continue
        settled = total - round(total * FEE_RATE)
        row = dict.fromkeys(HEADER, "")
        row.update(
            {
                "購入者の決済日": paid,
                "区分": "決済",
                "注文番号": str(order_no),
                "決済完了日": paid,
                "商品名": line.get("seller_item_code") or "",
                "数量": str(line.get("qty") or 1),
                "商品単価金額": f"{total:,}",
                "販売店負担割引額": "0",
                "精算金額": f"{settled:,}",
                "精算日": paid,
                "カート番号": str(line.get("pack_no") or ""),
                "販売者コード": line.get("seller_item_code") or "",
                "税率": "10%",
            }
        )
        rows.append(row)
    return rows


def settlement_file(orders):
    """The bytes of the file: Shift_JIS (CP932) CSV with CRLF, as QSM exports it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in settlement_rows(orders):
        writer.writerow([row[name] for name in HEADER])
    return out.getvalue().encode("cp932")


def sandbox_orders(sandbox_url, seller="demo_shop"):
    url = f"{sandbox_url.rstrip('/')}/_sandbox/state?user_id={seller}&items=0"
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.loads(response.read())["orders"]


if __name__ == "__main__":
    sys.stdout.buffer.write(settlement_file(sandbox_orders(sys.argv[1])))
