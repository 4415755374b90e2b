#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Stock benchmark (QOO10_BENCH_MODE=stock): 10,000 mappings sent to the sandbox.

Seeds the sandbox with ITEMS_WITH_OPTIONS listings carrying OPTIONS options in all and
PLAIN listings without options (default 1,500 / 7,000 / 3,000), and Odoo with one
product per option or plain listing, its stock (one quant each, SQL) and its mapping.
Then, each phase in its own committed transaction, as the cron runs it:

1. first full sync: every quantity sent (bulk calls of 500 rows);
2. the same again with nothing changed: 0 write calls;
3. one delivery of 100 option products validated (its time: the moves mark their
   mappings), then the stock cron's work: 1 write call.

Printed: time and write calls per phase, the quantity computation's time alone, peak
memory. Not a test: it prints figures and never fails on them.

Usage:  python3 setup/benchmark_stock.py -c odoo.conf -d DB --sandbox URL
            [--items-with-options 1500 --options 7000 --plain 3000 --changed 100]
"""

import argparse
import json
import sys
import time

from benchmark_lib import control, in_transaction, peak_mb

import odoo

QAPI_PATH = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi"
WRITES = ("SetGoodsPriceQtyBulk", "UpdateInventoryDataBulk")


def seed_sandbox(url, with_options, options, plain):
    """The listings on the sandbox, in chunks; returns [(seller code, item no., options)]."""
    per_item, extra = divmod(options, with_options)
    items = []
    for n in range(with_options):
        count = per_item + (1 if n < extra else 0)
        items.append(
            {
                "seller_code": f"BO{n:05d}",
                "price": 1000,
                "qty": 0,
                "options": [
                    {
                        "names": ["サイズ"],
                        "values": [f"S{k}"],
                        "price": 0,
                        "qty": 1,
                        "code": f"BO{n:05d}-{k}",
                    }
                    for k in range(count)
                ],
            }
        )
    items += [
        {"seller_code": f"BP{n:05d}", "price": 1000, "qty": 1} for n in range(plain)
    ]
    made = []
    for start in range(0, len(items), 500):
        chunk = items[start : start + 500]
        answer = control(
            url, "/_sandbox/items", {"user_id": "demo_shop", "items": chunk}
        )
        for sent, row in zip(chunk, answer["items"], strict=True):
            made.append(
                (sent["seller_code"], row["item_code"], sent.get("options", []))
            )
    return made


def setup_odoo(env, url, listings):
    company = env.ref("base.main_company")
    env.ref("base.JPY").active = True
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", company.id)], limit=1
    )
    env["ir.config_parameter"].set_param("qoo10_connector.min_interval", "0")
    key = control(url, "/_sandbox/keys", {"user_id": "demo_shop", "issue": True})["key"]
    backend = env["qoo10.backend"].create(
        {
            "name": "Stock benchmark shop",
            "region": "jp",
            "api_url": url + QAPI_PATH,
            "shop_login": "demo_shop",
            "company_id": company.id,
            "warehouse_id": warehouse.id,
            "tax_mode": "none",
            "state": "connected",
            "auto_export_stock": True,
        }
    )
    backend.credential_id = env["qoo10.credential"].create(
        {"backend_id": backend.id, "seller_auth_key": key}
    )
    rows = []
    for seller_code, item_code, options in listings:
        if not options:
            rows.append((seller_code, item_code, None))
        rows += [(seller_code, item_code, option) for option in options]
    codes = [option["code"] if option else code for code, _item, option in rows]
    products = env["product.product"].create(
        [{"name": code, "default_code": code, "is_storable": True} for code in codes]
    )
    env.flush_all()
    env.cr.execute(
        """INSERT INTO stock_quant (product_id, company_id, location_id, quantity,
                  reserved_quantity, in_date, create_date, write_date, create_uid, write_uid)
           SELECT p, %s, %s, 5 + (p %% 20), 0, now(), now(), now(), 1, 1
             FROM unnest(%s) AS p""",
        [company.id, warehouse.lot_stock_id.id, products.ids],
    )
    env["qoo10.product.mapping"].create(
        [
            {
                "backend_id": backend.id,
                "seller_item_code": code,
                "item_code": item,
                "option_code": option["code"] if option else False,
                "option_name": "サイズ" if option else False,
                "option_value": option["values"][0] if option else False,
                "product_id": product.id,
            }
            for (code, item, option), product in zip(rows, products, strict=True)
        ]
    )
    env.flush_all()
    return backend.id


def write_calls(url):
    calls = control(url, "/_sandbox/calls?method=Bulk")["calls"]
    return sum(1 for call in calls if call["method"].split(".")[-1] in WRITES)


def timed_phase(dbname, url, work):
    control(url, "/_sandbox/calls/clear", {})
    start = time.perf_counter()
    result = in_transaction(dbname, work, commit=True)
    elapsed = time.perf_counter() - start
    return round(elapsed, 2), write_calls(url), result


def backend_of(env, backend_id):
    return env["qoo10.backend"].browse(backend_id)


def deliver(env, backend_id, count):
    """One delivery of ``count`` option products, validated; its validation time."""
    backend = backend_of(env, backend_id)
    mappings = env["qoo10.product.mapping"].search(
        [("backend_id", "=", backend_id), ("option_code", "!=", False)], limit=count
    )
    warehouse = backend.warehouse_id
    customers = env.ref("stock.stock_location_customers")
    picking = env["stock.picking"].create(
        {
            "picking_type_id": warehouse.out_type_id.id,
            "location_id": warehouse.lot_stock_id.id,
            "location_dest_id": customers.id,
            "move_ids": [
                (
                    0,
                    0,
                    {
                        "name": m.option_code,
                        "product_id": m.product_id.id,
                        "product_uom_qty": 1,
                        "location_id": warehouse.lot_stock_id.id,
                        "location_dest_id": customers.id,
                    },
                )
                for m in mappings
            ],
        }
    )
    picking.action_confirm()
    picking.action_assign()
    for move in picking.move_ids:
        move.quantity = 1
    start = time.perf_counter()
    picking.button_validate()
    validate_s = time.perf_counter() - start
    pending = env["qoo10.product.mapping"].search_count([("stock_pending", "=", True)])
    return {
        "validate_s": round(validate_s, 2),
        "marked": pending,
        "state": picking.state,
    }


def compute_only(env, backend_id):
    backend = backend_of(env, backend_id)
    mappings = backend._qoo10_stock_mappings()
    start = time.perf_counter()
    backend._qoo10_stock_quantities(mappings)
    return round(time.perf_counter() - start, 2)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--items-with-options", type=int, default=1500)
    parser.add_argument("--options", type=int, default=7000)
    parser.add_argument("--plain", type=int, default=3000)
    parser.add_argument("--changed", type=int, default=100)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    url, db = args.sandbox, args.database
    control(url, "/_sandbox/reset", {})
    start = time.perf_counter()
    listings = seed_sandbox(url, args.items_with_options, args.options, args.plain)
    backend_id = in_transaction(db, lambda env: setup_odoo(env, url, listings), True)
    result = {
        "mappings": args.options + args.plain,
        "prepare_s": round(time.perf_counter() - start, 1),
    }

    def sync(env):
        backend = backend_of(env, backend_id)
        backend._qoo10_cron_work_stock()
        return backend.stock_last_sent, backend.stock_last_unchanged

    first = timed_phase(db, url, sync)
    result.update(
        first_sync_s=first[0],
        first_sync_write_calls=first[1],
        first_sync_sent=first[2][0],
    )
    again = timed_phase(db, url, sync)
    result.update(
        rerun_s=again[0], rerun_write_calls=again[1], rerun_unchanged=again[2][1]
    )
    result["quantity_computation_s"] = in_transaction(
        db, lambda env: compute_only(env, backend_id), False
    )
    delivered = in_transaction(
        db, lambda env: deliver(env, backend_id, args.changed), True
    )
    result.update({f"delivery_{k}": v for k, v in delivered.items()})
    after = timed_phase(db, url, sync)
    result.update(
        after_delivery_s=after[0],
        after_delivery_write_calls=after[1],
        after_delivery_sent=after[2][0],
    )
    result["peak_rss_mb"] = round(peak_mb())
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
