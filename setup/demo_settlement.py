# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A QSM 販売詳細内訳 settlement file (Shift_JIS CSV) for the demo's orders.

Generated from the Qoo10 sandbox's paid orders, not copied from any seller's data: one
決済 row per order line, settled at the line's total less a 10% service fee (within the
shop's 12% tolerance, so the import matches every row whose cart Odoo has invoiced and
Qoo10 has paid). The columns are the 31 of SETTLEMENT.md §2.3 as far as they are known,
placeholders elsewhere, as in the addon's tests. Pure Python (no odoo import).

    python3 setup/demo_settlement.py http://127.0.0.1:8899 > settlement.csv
"""

import csv
import io
import json
import sys
import urllib.request

FEE_RATE = 0.10
KNOWN = {
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
HEADER = [KNOWN.get(i, f"項目{i}") for i in range(31)]


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
