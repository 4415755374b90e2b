#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order-import benchmark: the connector against a plain ORM baseline, in one run.

For each size N it seeds N carts in the Qoo10 sandbox and prepares one shop, then gives each
phase its own copy of that fresh database (CREATE DATABASE ... TEMPLATE):
  * baseline: creates and confirms the same sale orders directly through the ORM
    (customers found by e-mail, delivery addresses, lines at Qoo10's prices);
  * connector: the scheduled import (`_cron_import_orders`: HTTP to the sandbox, qoo10.order
    bindings, mapping, customers, sale orders, automatic fulfilment and Qoo10 confirmation).
Both commit one day of orders at a time, as the cron does (one window per run): the
connector through the cron itself, the baseline with the same carts in the same days.
In one transaction, PostgreSQL keeps checking foreign keys with the plans it made while
the tables were empty (sequential scans), and both phases grow quadratic; see README.
Printed: orders per second, HTTP calls per 100 orders, peak memory, connector/baseline;
then, with every cart waiting for its products, what saving a mapping costs.

Usage (setup/run_benchmark.sh prepares the database and the sandbox):
  python3 setup/benchmark.py -c odoo.conf -d DB --sandbox URL --orders 1000 10000
"""

import argparse
import json
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from benchmark_lib import (
    add_invoice_argument,
    admin,
    control,
    copy_db,
    count_invoices,
    drop_db,
    in_transaction,
    peak_mb,
    print_tables,
    setup_invoicing,
)

import odoo
from odoo.modules.registry import Registry

QAPI_PATH = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi"


class Bench:
    def __init__(self, env, url, invoice=""):
        self.env = env
        self.url = url
        self.invoice = invoice

    def setup_shop(self, seeded):
        env = self.env
        env.ref("base.JPY").active = True
        company = env["res.company"].create(
            {
                "name": f"Benchmark KK {time.time()}",
                "currency_id": env.ref("base.JPY").id,
                "country_id": env.ref("base.jp").id,
            }
        )
        env.user.company_ids |= company
        if not env["stock.warehouse"].search([("company_id", "=", company.id)]):
            env["stock.warehouse"].create(
                {"name": "Benchmark", "code": "BNCH", "company_id": company.id}
            )
        env["ir.config_parameter"].set_param("qoo10_connector.min_interval", "0")
        codes = set(seeded["seller_codes"]) | set(seeded["option_codes"])
        env["product.product"].create(
            [
                {
                    "name": code,
                    "default_code": code,
                    "is_storable": True,
                    "company_id": company.id,
                }
                for code in sorted(codes)
            ]
        )
        key = control(
            self.url, "/_sandbox/keys", {"user_id": "demo_shop", "issue": True}
        )["key"]
        backend = env["qoo10.backend"].create(
            {
                "name": "Benchmark shop",
                "region": "jp",
                "api_url": self.url + QAPI_PATH,
                "shop_login": "demo_shop",
                "company_id": company.id,
                "warehouse_id": env["stock.warehouse"]
                .search([("company_id", "=", company.id)], limit=1)
                .id,
                "tax_mode": "none",
                "auto_import_orders": True,
                "auto_fulfillment": True,
                "auto_confirm_orders": True,
                "state": "connected",
                "import_from": datetime.now() - timedelta(days=8),
            }
        )
        backend.credential_id = env["qoo10.credential"].create(
            {"backend_id": backend.id, "seller_auth_key": key}
        )
        setup_invoicing(env, backend, self.invoice)
        env.flush_all()
        return backend

    def baseline(self, backend, rows):
        """The same sale orders (same lines, amounts, customers), created and confirmed
        straight through the ORM, with the lookups a hand-written script would do."""
        from odoo.addons.qoo10_connector import mappers  # noqa: PLC0415 - needs the addons path

        env = self.env(
            context=dict(self.env.context, allowed_company_ids=[backend.company_id.id])
        )
        products = {
            p.default_code: p
            for p in env["product.product"].search(
                [("company_id", "=", backend.company_id.id)]
            )
        }
        # Qoo10-funded discounts are not sale lines (the connector leaves them out too)
        discount = backend.discount_product_id
        country = env.ref("base.jp")
        states = {state.code: state for state in country.state_ids}
        emails = list({row.buyer_email.lower() for row in rows if row.buyer_email})
        partners = {
            partner.email: partner
            for partner in env["res.partner"].search(
                [("email", "in", emails), ("parent_id", "=", False)]
            )
        }
        packs = {}
        for row in rows:
            packs.setdefault(row.pack_no, []).append(row)
        for pack_rows in packs.values():
            first = pack_rows[0]
            email = first.buyer_email.lower()
            buyer = partners.get(email)
            if not buyer:
                buyer = partners[email] = env["res.partner"].create(
                    mappers.buyer_values(first, country)
                )
            delivery = env["res.partner"].create(
                mappers.delivery_values(first, buyer, country, states)
            )
            lines = []
            for row in pack_rows:
                product = products[row.option_code or row.seller_item_code]
                lines.append(mappers.product_line_values(row, product, None))
                for funded_by, amount, title in mappers.discount_lines(row):
                    if funded_by == "seller":
                        lines.append(
                            mappers.fixed_line_values(discount, -amount, title, None)
                        )
            amounts = mappers.cart_amounts(pack_rows)
            for name, product, sign in (
                ("shipping_rate", backend.shipping_product_id, 1),
                ("cart_discount_seller", discount, -1),
            ):
                if amounts[name]:
                    lines.append(
                        mappers.fixed_line_values(
                            product, sign * amounts[name], name, None
                        )
                    )
            order = env["sale.order"].create(
                {
                    "partner_id": buyer.id,
                    "partner_shipping_id": delivery.id,
                    "warehouse_id": backend.warehouse_id.id,
                    "order_line": [(0, 0, values) for values in lines],
                    "client_order_ref": first.pack_no,
                }
            )
            order.action_confirm()
        env.flush_all()
        return len(packs)

    def unmapped(self, backend):
        """Carts waiting for products: what saving a mapping costs while they wait.

        The products' internal references are hidden, so every cart waits as unmapped;
        then a mapping that completes none of them is saved (the pass that looks for
        carts able to complete), and for comparison every waiting cart is replayed (what
        that pass did before it looked first)."""
        env = self.env
        env.cr.execute(
            "UPDATE product_product SET default_code = 'HIDDEN-' || default_code "
            "WHERE default_code IS NOT NULL"
        )
        env.invalidate_all()
        start = time.perf_counter()
        backend._qoo10_order_import().import_range(
            backend.import_from, datetime.now()
        )  # no time limit
        env.flush_all()
        import_s = time.perf_counter() - start
        waiting = env["qoo10.order"].search(
            [("backend_id", "=", backend.id), ("sync_state", "=", "unmapped")]
        )
        start = time.perf_counter()
        env["qoo10.product.mapping"].create(
            {
                "backend_id": backend.id,
                "seller_item_code": "NOT-SOLD-HERE",
                "product_id": backend.shipping_product_id.id,
            }
        )
        env.flush_all()
        mapping_s = time.perf_counter() - start
        start = time.perf_counter()
        waiting.action_retry()
        env.flush_all()
        replay_s = time.perf_counter() - start
        return {
            "unmapped_waiting": len(waiting),
            "unmapped_import_s": round(import_s, 1),
            "mapping_saved_s": round(mapping_s, 2),
            "replay_all_waiting_s": round(replay_s, 1),
        }


def shop(env):
    return env["qoo10.backend"].search([("name", "=", "Benchmark shop")], limit=1)


# ----------------------------------------------------------------------
# Phases
# ----------------------------------------------------------------------
def run_size(dbname, url, size, phases, invoice=""):
    end = datetime.now(ZoneInfo("Asia/Tokyo")) - timedelta(minutes=5)
    seeded = control(
        url,
        "/_sandbox/seed",
        {
            "user_id": "demo_shop",
            "orders": size,
            "seed": 7,
            "end": end.strftime("%Y-%m-%d %H:%M:%S"),
            "status_weights": {"2": 1.0},
        },
    )
    prepared = f"{dbname}_{size}"
    copy_db(dbname, prepared)
    try:
        in_transaction(
            prepared,
            lambda env: Bench(env, url, invoice).setup_shop(seeded),
            commit=True,
        )
        result = {"orders": size, "lines": seeded["lines"]}
        if "import" in phases:
            result.update(import_phase(prepared, url, size))
        if "unmapped" in phases:
            result.update(
                in_transaction(
                    prepared,
                    lambda env: Bench(env, url).unmapped(shop(env)),
                    commit=False,
                )
            )
        return result
    finally:
        drop_db(prepared)


def import_phase(prepared, url, size):
    # warm-up of the Python code paths on a few carts, rolled back and vacuumed away
    in_transaction(
        prepared,
        lambda env: Bench(env, url).baseline(shop(env), fetch_rows(env)[:40]),
        commit=False,
    )
    admin("VACUUM ANALYZE", prepared)
    result = {}
    for phase in (baseline_phase, connector_phase):
        copy = f"{prepared}_{phase.__name__}"
        copy_db(prepared, copy)
        try:
            result.update(phase(copy, url, size))
        finally:
            drop_db(copy)
    result["peak_rss_mb_after_connector"] = round(peak_mb())
    result["ratio_connector_to_baseline"] = round(
        result["connector_s"] / result["baseline_s"], 2
    )
    return result


def fetch_rows(env):
    """The rows the connector will import: from the shop's import point up to now."""
    backend = shop(env)
    return backend._qoo10_order_import().fetch(backend.import_from, datetime.now())


def by_day(env, rows):
    """Rows grouped into the days of the connector's windows (paid on the same day)."""
    from odoo.addons.qoo10_connector import mappers  # noqa: PLC0415 - needs the addons path

    start = shop(env).import_from
    days = {}
    for row in rows:
        paid = mappers.to_utc_naive(row.payment_date or row.order_date)
        days.setdefault(max((paid - start).days, 0), []).append(row)
    return [days[day] for day in sorted(days)]


def baseline_phase(dbname, url, size):
    days = in_transaction(
        dbname, lambda env: by_day(env, fetch_rows(env)), commit=False
    )
    start = time.perf_counter()
    count = 0
    for rows in days:  # one transaction per day, as the connector's cron
        count += in_transaction(
            dbname,
            lambda env, rows=rows: Bench(env, url).baseline(shop(env), rows),
            commit=True,
        )
    elapsed = time.perf_counter() - start
    return {
        "baseline_orders": count,
        "baseline_s": round(elapsed, 1),
        "baseline_orders_per_s": round(count / elapsed, 1),
        "baseline_days": len(days),
        "peak_rss_mb_after_baseline": round(peak_mb()),
    }


def connector_phase(dbname, url, size):
    calls_before = len(control(url, "/_sandbox/calls")["calls"])

    def cron_run(env):
        env["qoo10.backend"]._cron_import_orders()
        return shop(env)._qoo10_order_import().catching_up()

    Registry(dbname)  # loaded before the clock starts, as for the baseline
    start = time.perf_counter()
    runs = 1
    while in_transaction(dbname, cron_run, commit=True):
        runs += 1
    elapsed = time.perf_counter() - start
    calls = len(control(url, "/_sandbox/calls")["calls"]) - calls_before
    count = in_transaction(
        dbname,
        lambda env: env["qoo10.order"].search_count([("sync_state", "=", "done")]),
        commit=False,
    )
    invoices = in_transaction(dbname, count_invoices, commit=False)
    return {
        **invoices,
        "connector_orders": count,
        "connector_s": round(elapsed, 1),
        "connector_orders_per_s": round(count / elapsed, 1),
        "connector_cron_runs": runs,
        "http_calls_per_100_orders": round(calls * 100 / size, 2),
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--orders", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--phases",
        default="import,unmapped",
        help="import (connector vs baseline) and/or unmapped (carts waiting for products)",
    )
    add_invoice_argument(parser)
    args = parser.parse_args()

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    results = []
    for size in args.orders:
        control(args.sandbox, "/_sandbox/reset", {})
        result = run_size(
            args.database, args.sandbox, size, args.phases.split(","), args.invoice
        )
        results.append(result)
        print(json.dumps(result), flush=True)
    print_tables(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
