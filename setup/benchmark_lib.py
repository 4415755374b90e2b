# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The benchmark's plumbing: the sandbox's control API, databases, memory, tables."""

import contextlib
import cProfile
import json
import os
import pstats
import resource
import sys
import urllib.request

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry


def control(url, path, payload=None):
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(
        url + path,
        data=data,
        headers={"Content-Type": "application/json"},
        method="POST" if data is not None else "GET",
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Databases: each phase gets its own copy of the freshly prepared one.
def admin(sql, dbname="postgres"):
    """Run one statement outside any transaction (CREATE/DROP DATABASE, VACUUM)."""
    _name, info = odoo.sql_db.connection_info_for(dbname)
    connection = psycopg2.connect(**info)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def release(dbname):
    """Close Odoo's connections to a database, so that it can be copied or dropped."""
    Registry.delete(dbname)
    odoo.sql_db.close_db(dbname)


def copy_db(source, target):
    release(source)
    drop_db(target)
    admin(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def drop_db(dbname):
    release(dbname)
    admin(f'DROP DATABASE IF EXISTS "{dbname}"')


def in_transaction(dbname, work, commit):
    """work(env) in one transaction of `dbname`, committed or rolled back."""
    cr = Registry(dbname).cursor()
    try:
        # the cursor's transaction holds its environments weakly: keep this one alive
        # until the commit, which flushes what it still holds
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        result = work(env)
        if commit:
            cr.commit()
        return result
    finally:
        cr.rollback()
        cr.close()


def print_table(results, columns):
    """A Markdown table of the results that have the last column's figure."""
    rows = [r for r in results if columns[-1][1] in r]
    if not rows:
        return
    print("\n| " + " | ".join(title for title, _key in columns) + " |")
    print("|" + "---|" * len(columns))
    for r in rows:
        print("| " + " | ".join(str(r[key]) for _title, key in columns) + " |")


def print_tables(results):
    print_table(
        results,
        [
            ("orders", "orders"),
            ("connector orders/s", "connector_orders_per_s"),
            ("baseline orders/s", "baseline_orders_per_s"),
            ("connector/baseline", "ratio_connector_to_baseline"),
            ("HTTP calls/100 orders", "http_calls_per_100_orders"),
            ("peak RSS MB", "peak_rss_mb_after_connector"),
        ],
    )
    print_table(
        results,
        [
            ("orders", "orders"),
            ("carts waiting for products", "unmapped_waiting"),
            ("their import s", "unmapped_import_s"),
            ("mapping saved s", "mapping_saved_s"),
            ("replaying every waiting cart s", "replay_all_waiting_s"),
        ],
    )


def setup_invoicing(env, backend, policy):
    """QOO10_BENCH_INVOICE=import: the shop invoices at import, on the generic chart,
    its QxMoney settings from "Configure from the chart" (README, Accounting)."""
    if not policy:
        return
    company = backend.company_id
    # a new Japanese company gets its chart when the transaction commits (Odoo queues it
    # then): commit first, so that the QxMoney settings are made on the final chart
    env.cr.commit()
    if not env["account.journal"].search_count(
        [("company_id", "=", company.id), ("type", "=", "sale")], limit=1
    ):
        env["account.chart.template"].try_loading(
            "generic_coa", company, install_demo=False
        )
        env.cr.commit()
    backend.invalidate_recordset(["sale_journal_id"])
    backend._compute_sale_journal_id()
    backend.action_qoo10_configure_accounting()
    backend.invoice_policy = policy


def count_invoices(env):
    """Posted invoices of Qoo10 carts, and those paid by Qoo10."""
    orders = env["qoo10.order"].search([("invoice_id", "!=", False)])
    return {
        "invoices_posted": len(
            orders.invoice_id.filtered(lambda m: m.state == "posted")
        ),
        "invoices_paid_by_qoo10": len(orders.filtered("qxmoney_payment_id")),
        "invoice_errors": env["qoo10.order"].search_count(
            [("invoice_state", "=", "error")]
        ),
    }


def add_invoice_argument(parser):
    parser.add_argument(
        "--invoice",
        default="",
        choices=["", "import"],
        help="import: the shop invoices at import (posted, paid by Qoo10); the "
        "baseline makes no invoices",
    )


@contextlib.contextmanager
def profiled(name):
    """cProfile of the block named ``name`` when QOO10_BENCH_PROFILE asks for it: ``1``
    every block, else a comma-separated list of names (``import`` also matches
    ``import-1000``). Printed to stderr by cumulative and own time; with
    QOO10_BENCH_PROFILE_DIR=<dir> also kept there as ``<name>.prof`` for pstats."""
    wanted = os.environ.get("QOO10_BENCH_PROFILE", "")
    names = wanted.split(",")
    if not (wanted == "1" or name in names or name.split("-")[0] in names):
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        stats = pstats.Stats(profile, stream=sys.stderr)
        print(f"--- profile of {name}", file=sys.stderr, flush=True)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)
        folder = os.environ.get("QOO10_BENCH_PROFILE_DIR")
        if folder:
            stats.dump_stats(os.path.join(folder, f"{name}.prof"))
