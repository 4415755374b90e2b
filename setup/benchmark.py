#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order-import benchmark: the connector against a plain ORM baseline, in one run.

For each size N it seeds N carts in the Qoo10 sandbox, then, in the same database:
  * baseline: creates and confirms the same sale orders directly through the ORM
    (customers found by e-mail, delivery addresses, lines at Qoo10's prices);
  * connector: the shop's import (HTTP to the sandbox, qoo10.order bindings, mapping,
    customers, sale orders, automatic fulfilment and Qoo10 confirmation).
Each phase runs in its own transaction, rolled back afterwards, after a small warm-up.
Printed: orders per second, HTTP calls per 100 orders, peak memory, connector/baseline;
then, with every cart waiting for its products, what saving a mapping costs.

Usage (setup/run_benchmark.sh prepares the database and the sandbox):
  python3 setup/benchmark.py -c odoo.conf -d DB --sandbox URL --orders 1000 10000
"""

import argparse
import json
import resource
import sys
import time
import urllib.request
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

QAPI_PATH = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi"


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


class Bench:
    def __init__(self, env, url):
        self.env = env
        self.url = url

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
                "auto_fulfillment": True,
                "auto_confirm_orders": True,
                "state": "connected",
                "import_from": datetime.now() - timedelta(days=8),
            }
        )
        backend.credential_id = env["qoo10.credential"].create(
            {"backend_id": backend.id, "seller_auth_key": key}
        )
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
        discount, qoo10_discount = (
            backend.discount_product_id,
            backend.qoo10_discount_product_id,
        )
        country = env.ref("base.jp")
        states = {state.code: state for state in country.state_ids}
        partners = {}
        packs = {}
        for row in rows:
            packs.setdefault(row.pack_no, []).append(row)
        for pack_rows in packs.values():
            first = pack_rows[0]
            buyer = partners.get(first.buyer_email)
            if not buyer:
                buyer = partners[first.buyer_email] = env["res.partner"].create(
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
                    lines.append(
                        mappers.fixed_line_values(
                            discount if funded_by == "seller" else qoo10_discount,
                            -amount,
                            title,
                            None,
                        )
                    )
            amounts = mappers.cart_amounts(pack_rows)
            for name, product, sign in (
                ("shipping_rate", backend.shipping_product_id, 1),
                ("cart_discount_seller", discount, -1),
                ("cart_discount_qoo10", qoo10_discount, -1),
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

    def connector(self, backend):
        backend.action_import_orders()
        self.env.flush_all()
        return self.env["qoo10.order"].search_count(
            [("backend_id", "=", backend.id), ("sync_state", "=", "done")]
        )

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
        backend.action_import_orders()
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


def vacuum(dbname):
    """Clear what a rolled-back phase left behind, so the next phase starts even."""
    _name, info = odoo.sql_db.connection_info_for(dbname)
    connection = psycopg2.connect(**info)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        connection.close()


def timed(cr, phase):
    cr.execute("SAVEPOINT bench")
    start = time.perf_counter()
    try:
        count = phase()
        return count, time.perf_counter() - start
    finally:
        cr.execute("ROLLBACK TO SAVEPOINT bench")


def timed_unmapped(env, bench, backend):
    env.cr.execute("SAVEPOINT bench")
    try:
        return bench.unmapped(backend)
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench")
        env.invalidate_all()


def run_size(env, url, size, phases):
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
    bench = Bench(env, url)
    backend = bench.setup_shop(seeded)
    env.invalidate_all()
    result = {"orders": size, "lines": seeded["lines"]}
    if "import" in phases:
        result.update(import_phase(env, url, bench, backend, size))
    if "unmapped" in phases:
        result.update(timed_unmapped(env, bench, backend))
    return result


def import_phase(env, url, bench, backend, size):
    rows = backend._qoo10_fetch_orders(
        datetime.now() - timedelta(days=9), datetime.now()
    )
    # warm-up of both paths on a few carts, rolled back
    timed(env.cr, lambda: bench.baseline(backend, rows[:40]))
    env.invalidate_all()
    vacuum(env.cr.dbname)
    base_count, base_time = timed(env.cr, lambda: bench.baseline(backend, rows))
    env.invalidate_all()
    vacuum(env.cr.dbname)
    base_mem = peak_mb()
    calls_before = len(control(url, "/_sandbox/calls")["calls"])
    conn_count, conn_time = timed(env.cr, lambda: bench.connector(backend))
    env.invalidate_all()
    calls = len(control(url, "/_sandbox/calls")["calls"]) - calls_before
    return {
        "baseline_orders": base_count,
        "baseline_s": round(base_time, 1),
        "connector_orders": conn_count,
        "connector_s": round(conn_time, 1),
        "connector_orders_per_s": round(conn_count / conn_time, 1),
        "baseline_orders_per_s": round(base_count / base_time, 1),
        "http_calls_per_100_orders": round(calls * 100 / size, 2),
        "peak_rss_mb_after_baseline": round(base_mem),
        "peak_rss_mb_after_connector": round(peak_mb()),
        "ratio_connector_to_baseline": round(conn_time / base_time, 2),
    }


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
    args = parser.parse_args()

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    results = []
    for size in args.orders:
        cr = registry.cursor()
        try:  # nothing of the benchmark is ever committed
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            control(args.sandbox, "/_sandbox/reset", {})
            result = run_size(env, args.sandbox, size, args.phases.split(","))
        finally:
            cr.rollback()
            cr.close()
        results.append(result)
        print(json.dumps(result), flush=True)
    print_tables(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
