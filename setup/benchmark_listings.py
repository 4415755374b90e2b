#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Listings and mappings benchmark (QOO10_BENCH_MODE=listings in setup/run_benchmark.sh).

1. "Import Qoo10 listings": seeds ITEMS items of OPTIONS combination options each in the
   sandbox (a tenth on hold, S1), products for a quarter of the codes, then runs the
   listing cron step by step, each step committed as the cron does, until no work is
   left; then once more (the re-run: everything read again, nothing new).
2. The mapping workbook: ROWS rows (new option codes, the product by internal reference,
   a few rows with problems), preview, apply, then the report of every row (written when
   the user downloads it), each in its own transaction.
Printed: seconds, HTTP calls to the sandbox, peak memory of this process (it runs Odoo).

Usage (setup/run_benchmark.sh prepares the database and the sandbox):
  python3 setup/benchmark_listings.py -c odoo.conf -d DB --sandbox URL \
      --items 5000 --options 4 --rows 60000
"""

import argparse
import base64
import json
import resource
import sys
import time

from benchmark import Bench, shop
from benchmark_lib import control, in_transaction, peak_mb, profiled

import odoo
from odoo.modules.registry import Registry

SEED_CHUNK = 500


def seed_items(url, items, options):
    """The shop's catalogue in the sandbox; returns (seller codes, option codes)."""
    sellers, codes = [], []
    batch = []
    for n in range(items):
        seller = "BL-%05d" % n
        rows = [
            {
                "names": ["カラー", "サイズ"],
                "values": ["色%d" % (k % 3), "S%d" % k],
                "code": "%s-%d" % (seller, k),
                "qty": k + 1,
                "price": 0 if k == 0 else 100,
            }
            for k in range(options)
        ]
        sellers.append(seller)
        codes += [row["code"] for row in rows]
        batch.append(
            {
                "seller_code": seller,
                "price": 1000 + n % 500,
                "status": "S1" if n % 10 == 9 else "S2",
                "options": rows,
            }
        )
        if len(batch) == SEED_CHUNK:
            control(url, "/_sandbox/items", {"user_id": "demo_shop", "items": batch})
            batch = []
    if batch:
        control(url, "/_sandbox/items", {"user_id": "demo_shop", "items": batch})
    return sellers, codes


def http_calls(url):
    return len(control(url, "/_sandbox/calls")["calls"])


def listing_run(dbname, url, label):
    control(url, "/_sandbox/calls/clear", {})

    def start(env):
        shop(env).action_import_listings()

    def step(env):
        return env["qoo10.backend"]._cron_import_listings()

    Registry(dbname)
    started, cpu = time.perf_counter(), cpu_seconds()
    in_transaction(dbname, start, commit=True)
    steps = 1
    while in_transaction(dbname, step, commit=True):
        steps += 1
    elapsed = time.perf_counter() - started
    counts = in_transaction(dbname, count_listings, commit=False)
    return {
        f"{label}_s": round(elapsed, 1),
        f"{label}_cpu_s": round(cpu_seconds() - cpu, 1),
        f"{label}_cron_steps": steps,
        f"{label}_http_calls": http_calls(url),
        f"{label}_peak_rss_mb": round(peak_mb()),
        **{f"{label}_{k}": v for k, v in counts.items()},
    }


def cpu_seconds():
    """CPU time of this process (Odoo, all its threads): a figure that a loaded machine
    disturbs less than the elapsed time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def count_listings(env):
    Row = env["qoo10.listing.option"]
    return {
        "listings": env["qoo10.listing"].search_count([]),
        "listing_errors": env["qoo10.listing"].search_count(
            [("read_state", "=", "error")]
        ),
        "options": Row.search_count([("kind", "=", "combination")]),
        "mapped": Row.search_count([("mapping_id", "!=", False)]),
    }


def workbook(rows, products):
    from odoo.addons.qoo10_connector import mapping_sheet  # noqa: PLC0415 - addons path

    lines = [
        {
            "shop": "Benchmark shop",
            "item_code": str(900000000 + n // 4),
            "seller_item_code": "WB-%05d" % (n // 4),
            "option_name": "カラー||*サイズ",
            "option_value": "色%d||*S%d" % (n % 3, n % 4),
            "option_code": "WB-%06d" % n,
            "product": products[n % len(products)],
        }
        for n in range(rows)
    ]
    for n in range(0, rows, 1000):  # one problem row per thousand: unknown product
        lines[n]["product"] = "NO-SUCH-PRODUCT"
    return mapping_sheet.write_workbook(lines, info=False)


def workbook_run(dbname, rows):
    def prepare(env):
        products = env["product.product"].search(
            [("default_code", "like", "BL-%")], limit=2000
        )
        data = workbook(rows, products.mapped("default_code"))
        backend = shop(env)
        wizard = env["qoo10.mapping.import.wizard"].create(
            {
                "file": base64.b64encode(data),
                "backend_id": backend.id,
                "company_id": backend.company_id.id,
            }
        )
        return wizard.id, len(data)

    wizard_id, size = in_transaction(dbname, prepare, commit=True)
    result = {"workbook_rows": rows, "workbook_kb": size // 1024}
    for action in ("preview", "apply", "download_report"):
        started, cpu = time.perf_counter(), cpu_seconds()
        with profiled(action):
            counts = in_transaction(
                dbname,
                lambda env, a=action: run_wizard(env, wizard_id, a),
                commit=True,
            )
        result[f"workbook_{action}_s"] = round(time.perf_counter() - started, 1)
        result[f"workbook_{action}_cpu_s"] = round(cpu_seconds() - cpu, 1)
        result[f"workbook_{action}_counts"] = counts
        result[f"workbook_{action}_peak_rss_mb"] = round(peak_mb())
    return result


def run_wizard(env, wizard_id, action):
    wizard = env["qoo10.mapping.import.wizard"].browse(wizard_id)
    getattr(wizard, f"action_{action}")()
    return [
        wizard.create_count,
        wizard.update_count,
        wizard.skip_count,
        wizard.error_count,
    ]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--options", type=int, default=4)
    parser.add_argument("--rows", type=int, default=60000)
    args = parser.parse_args()

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    control(args.sandbox, "/_sandbox/reset", {})
    sellers, codes = seed_items(args.sandbox, args.items, args.options)
    seeded = {"seller_codes": sellers[::4], "option_codes": codes[::4]}
    in_transaction(
        args.database,
        lambda env: Bench(env, args.sandbox).setup_shop(seeded),
        commit=True,
    )
    result = {"items": args.items, "options": len(codes)}
    with profiled("import"):
        result.update(listing_run(args.database, args.sandbox, "import"))
    with profiled("reimport"):
        result.update(listing_run(args.database, args.sandbox, "reimport"))
    if args.rows:
        result.update(workbook_run(args.database, args.rows))
    print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
