#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Settlement benchmark: a 販売詳細内訳 file of N rows imported and matched against N open
Qoo10 receivables (qoo10_connector_account, on OCA's statement import).

In a database where qoo10_connector_account is installed, in one transaction that is
rolled back: a Japanese company, a shop with its Q-account journal, N Qoo10 carts of one
line each with the payment Qoo10 made for it (memo = cart number) on the clearing
account, then the file (Shift_JIS CSV) through OCA's import wizard. Printed: the time to
prepare, the import's time (parse, create, match), rows per second and peak memory.

The carts and payments are prepared 2,000 at a time, the tables ANALYZEd after each
(see ``analyze``): the import itself runs on planner statistics that know the
receivables, but not the rows it adds.

Usage:  python3 setup/benchmark_settlement.py -c odoo.conf -d DB --rows 500 [2000 ...]
QOO10_BENCH_PROFILE=1 (or =prepare, =import): a cProfile of the preparation and of the
import (benchmark_lib.profiled); QOO10_BENCH_PROFILE_DIR=<dir> also keeps them there
(prepare-N.prof, import-N.prof) for pstats.
"""

import argparse
import base64
import csv
import io
import sys
import time

from benchmark_lib import peak_mb, profiled

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry

PREPARE_CHUNK = 2000
TABLES = (
    "account_move",
    "account_move_line",
    "account_payment",
    "qoo10_order",
    "qoo10_order_line",
    "account_partial_reconcile",
)


def prepare(env, rows):
    env.ref("base.JPY").active = True
    company = env["res.company"].create(
        {
            "name": f"Settlement Bench KK {time.time()}",
            "currency_id": env.ref("base.JPY").id,
            "country_id": env.ref("base.jp").id,
        }
    )
    env.user.company_ids |= company
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", company.id)], limit=1
    )
    if not warehouse:
        warehouse = env["stock.warehouse"].create(
            {"name": "Bench", "code": "BNCH", "company_id": company.id}
        )
    env["account.chart.template"].try_loading("jp", company, install_demo=False)
    clearing = env["account.account"].create(
        {
            "name": "Qoo10 receivable",
            "code": "119001",
            "account_type": "asset_current",
            "reconcile": True,
            "company_ids": [Command.set(company.ids)],
        }
    )
    journal = env["account.journal"].create(
        {"name": "Q account", "code": "QACC", "type": "bank", "company_id": company.id}
    )
    journal.inbound_payment_method_line_ids.payment_account_id = clearing
    backend = env["qoo10.backend"].create(
        {
            "name": "Bench shop",
            "shop_login": "bench_shop",
            "region": "jp",
            "company_id": company.id,
            "warehouse_id": warehouse.id,
            "qxmoney_journal_id": journal.id,
            "qxmoney_clearing_account_id": clearing.id,
        }
    )
    buyer = env["res.partner"].create({"name": "Qoo10 buyer"})
    # the preparation is not measured: no chatter, 2,000 carts at a time
    quiet = env(context=dict(env.context, tracking_disable=True))
    order_ids = []
    for start in range(0, rows, PREPARE_CHUNK):
        orders = quiet["qoo10.order"].create(
            [
                {
                    "backend_id": backend.id,
                    "pack_no": str(900000000 + i),
                    "line_ids": [
                        Command.create(
                            {"order_no": str(800000000 + i), "total": 1100.0}
                        )
                    ],
                }
                for i in range(start, min(start + PREPARE_CHUNK, rows))
            ]
        )
        payments = quiet["account.payment"].create(
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": buyer.id,
                    "journal_id": journal.id,
                    "amount": 1100.0,
                    "memo": order.pack_no,
                }
                for order in orders
            ]
        )
        payments.action_post()
        order_ids += orders.ids
        env.flush_all()
        env.invalidate_all()
        analyze(env)
    return env, backend, journal, env["qoo10.order"].browse(order_ids)


def analyze(env):
    """Fresh planner statistics of the tables the preparation filled, as autovacuum
    keeps them for receivables committed long before a settlement file comes. ANALYZE
    in the transaction counts its own new rows; without it PostgreSQL still believes
    the tables of the fresh database empty and plans Odoo's balance check of a chunk's
    moves as nested sequential scans (36 s a query at 13,000 carts)."""
    for table in TABLES:
        env.cr.execute(f"ANALYZE {table}")  # pylint: disable=sql-injection


def settlement_file(orders):
    header = ["購入者の決済日", "区分", "注文番号", "精算金額", "精算日", "商品名"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for order in orders:
        writer.writerow(
            ["2026/11/10", "決済", order.line_ids.order_no, "990", "2026/11/25", "Mug"]
        )
    return out.getvalue().encode("cp932")


def run(env, rows):
    t0 = time.perf_counter()
    with profiled(f"prepare-{rows}"):
        env, backend, journal, orders = prepare(env, rows)
        env.flush_all()
    t1 = time.perf_counter()
    mem0 = peak_mb()
    wizard = (
        env["account.statement.import"]
        .with_context(journal_id=journal.id)
        .create(
            {
                "statement_file": base64.b64encode(settlement_file(orders)),
                "statement_filename": "bench.csv",
                "sheet_mapping_id": backend.qoo10_settle_mapping_id.id,
                "qoo10_backend_id": backend.id,
            }
        )
    )
    queries0 = env.cr.sql_log_count
    with profiled(f"import-{rows}"):
        wizard.import_file_button()
        env.flush_all()
    t2 = time.perf_counter()
    queries = env.cr.sql_log_count - queries0
    lines = env["account.bank.statement.line"].search([("journal_id", "=", journal.id)])
    matched = len(lines.filtered("is_reconciled"))
    return {
        "rows": rows,
        "prepare_s": round(t1 - t0, 1),
        "import_s": round(t2 - t1, 1),
        "rows_per_s": round(rows / (t2 - t1), 1),
        "rows_per_min": round(rows * 60 / (t2 - t1)),
        "queries_per_row": round(queries / rows, 1),
        "matched": matched,
        "peak_mb": round(peak_mb(), 1),
        "peak_before_mb": round(mem0, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--rows", type=int, nargs="+", default=[500])
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    for rows in args.rows:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            result = run(env, rows)
            cr.rollback()
        print(result, flush=True)
        if result["matched"] != rows:
            sys.exit(f"only {result['matched']} of {rows} rows matched")


if __name__ == "__main__":
    main()
