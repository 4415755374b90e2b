#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Many shops on OCA queue_job (qoo10_connector_queue): job workers against the cron.

For N shops of M carts (one sandbox seller each, seeded), each phase gets its own copy
of the prepared database (CREATE DATABASE ... TEMPLATE) and the sandbox seeded afresh
with the same payload (reset, then the same deterministic carts, still new to Qoo10: a
phase before would have confirmed them), the shops' keys of the copy renewed:
  * cron: the plain scheduled import, jobs switched off (system parameter
    qoo10_connector_queue.enabled = 0): one process runs `_cron_import_orders` until
    every shop is up to date, one window per shop and run;
  * jobs, K workers: one cron run enqueues an import job per shop; K worker processes
    (the channel's capacity: K jobs at once) take the waiting jobs one by one and perform
    them with queue_job's own controller code (what /queue_job/runjob runs in an Odoo
    worker), each on its own cursor; a job that leaves its shop behind enqueues the next
    window, so the phase ends when no Qoo10 job waits or runs.
Printed: wall time, carts per second, speed-up against one worker, overhead per shop
against the cron, peak memory (RSS) of each worker process, a table then the figures as
one JSON line.

Usage (setup/run_benchmark.sh prepares the database and the sandbox):
  python3 setup/benchmark_queue.py -c odoo.conf -d DB --sandbox URL --shops 20 --carts 500
      [--workers 1 2] [--no-cron]
"""

import argparse
import json
import subprocess
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from benchmark_lib import control, copy_db, drop_db, in_transaction, peak_mb

import odoo
from odoo.modules.registry import Registry

QAPI_PATH = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi"
SELLER = "bench_queue_{}"
# a worker with nothing to take looks again after this long
IDLE_S = 0.05


# ----------------------------------------------------------------------
# Preparation: N sellers in the sandbox, N shops in Odoo
# ----------------------------------------------------------------------
def seed_sellers(url, shops, carts, end):
    """The sandbox reset and seeded: the same carts for the same arguments (its
    numbering restarts on reset). Returns the product codes and each shop's new key."""
    control(url, "/_sandbox/reset", {})
    codes, keys = set(), []
    for index in range(shops):
        user_id = SELLER.format(index)
        control(
            url,
            "/_sandbox/sellers",
            {"user_id": user_id, "password": "pw", "api_key": f"API-{index}"},
        )
        seeded = control(
            url,
            "/_sandbox/seed",
            {
                "user_id": user_id,
                "orders": carts,
                "seed": 7,
                "end": end.strftime("%Y-%m-%d %H:%M:%S"),
                "status_weights": {"2": 1.0},
            },
        )
        codes |= set(seeded["seller_codes"]) | set(seeded["option_codes"])
        keys.append(
            control(url, "/_sandbox/keys", {"user_id": user_id, "issue": True})["key"]
        )
    return sorted(codes), keys


def setup_shops(env, url, codes, keys):
    env.ref("base.JPY").active = True
    company = env["res.company"].create(
        {
            "name": f"Queue benchmark KK {time.time()}",
            "currency_id": env.ref("base.JPY").id,
            "country_id": env.ref("base.jp").id,
        }
    )
    env.user.company_ids |= company
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", company.id)], limit=1
    ) or env["stock.warehouse"].create(
        {"name": "Benchmark", "code": "QBN", "company_id": company.id}
    )
    env["ir.config_parameter"].set_param("qoo10_connector.min_interval", "0")
    env["product.product"].create(
        [
            {
                "name": c,
                "default_code": c,
                "is_storable": True,
                "company_id": company.id,
            }
            for c in codes
        ]
    )
    for index, key in enumerate(keys):
        backend = env["qoo10.backend"].create(
            {
                "name": f"Queue benchmark shop {index}",
                "region": "jp",
                "api_url": url + QAPI_PATH,
                "shop_login": SELLER.format(index),
                "company_id": company.id,
                "warehouse_id": warehouse.id,
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
    env.flush_all()


def set_keys(dbname, keys):
    """The copy's shops get the keys of the sandbox seeded for their phase."""

    def write(env):
        shops = env["qoo10.backend"].search([("shop_login", "like", "bench_queue_%")])
        for shop in shops:
            index = int(shop.shop_login.rsplit("_", 1)[1])
            shop.credential_id.seller_auth_key = keys[index]

    in_transaction(dbname, write, commit=True)


def done_carts(env):
    return env["qoo10.order"].search_count([("sync_state", "=", "done")])


# ----------------------------------------------------------------------
# Phases
# ----------------------------------------------------------------------
def set_jobs(dbname, enabled):
    in_transaction(
        dbname,
        lambda env: env["ir.config_parameter"].set_param(
            "qoo10_connector_queue.enabled", "1" if enabled else "0"
        ),
        commit=True,
    )


def cron_phase(dbname):
    set_jobs(dbname, False)

    def cron_run(env):
        env["qoo10.backend"]._cron_import_orders()
        return any(
            b._qoo10_order_import().catching_up()
            for b in env["qoo10.backend"].search([])
        )

    Registry(dbname)
    start = time.perf_counter()
    runs = 1
    while in_transaction(dbname, cron_run, commit=True):
        runs += 1
    elapsed = time.perf_counter() - start
    carts = in_transaction(dbname, done_carts, commit=False)
    return {
        "cron_s": round(elapsed, 1),
        "cron_carts": carts,
        "cron_runs": runs,
        "cron_peak_rss_mb": round(peak_mb()),
    }


def jobs_phase(dbname, config, workers):
    set_jobs(dbname, True)
    in_transaction(
        dbname, lambda env: env["qoo10.backend"]._cron_import_orders(), commit=True
    )
    odoo.sql_db.close_db(dbname)
    command = [sys.executable, __file__, "--worker", "-c", config, "-d", dbname]
    processes = [
        subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for _ in range(workers)
    ]
    for process in processes:  # each has loaded its registry, as a running Odoo worker
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError("a job worker did not start")
    start = time.perf_counter()
    for process in processes:  # all go at once (communicate() would wait for each)
        process.stdin.write("go\n")
        process.stdin.close()
    reports = [json.loads(p.stdout.read().strip().splitlines()[-1]) for p in processes]
    for process in processes:
        process.wait()
    elapsed = time.perf_counter() - start
    carts = in_transaction(dbname, done_carts, commit=False)
    return {
        f"jobs_{workers}w_s": round(elapsed, 1),
        f"jobs_{workers}w_carts": carts,
        f"jobs_{workers}w_jobs": sum(r["jobs"] for r in reports),
        f"jobs_{workers}w_peak_rss_mb": [r["peak_rss_mb"] for r in reports],
    }


# ----------------------------------------------------------------------
# A job worker (a process of its own, as an Odoo worker)
# ----------------------------------------------------------------------
TAKE = """
UPDATE queue_job SET state = 'enqueued', date_enqueued = now() at time zone 'utc'
WHERE id = (
    SELECT id FROM queue_job
    WHERE state = 'pending' AND channel LIKE 'root.qoo10.%%'
      AND (eta IS NULL OR eta <= now() at time zone 'utc')
    ORDER BY priority, date_created, id
    LIMIT 1 FOR UPDATE SKIP LOCKED
) RETURNING uuid
"""
BUSY = (
    "SELECT count(*) FROM queue_job WHERE channel LIKE 'root.qoo10.%%'"
    " AND state IN ('pending', 'enqueued', 'started')"
)


def worker(dbname):
    """Take waiting Qoo10 jobs one at a time and perform them, until none is left."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    from odoo.addons.queue_job.controllers.main import (  # noqa: PLC0415
        RunJobController,
    )

    registry = Registry(dbname)
    print("ready", flush=True)
    sys.stdin.readline()
    performed = 0
    while True:
        with registry.cursor() as cr:
            cr.execute(TAKE)
            row = cr.fetchone()
            if not row:
                cr.execute(BUSY)
                busy = cr.fetchone()[0]
        if not row:
            if not busy:
                break
            time.sleep(IDLE_S)
            continue
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            job = RunJobController._acquire_job(env, row[0])
            if job:
                try:
                    RunJobController._runjob(env, job)
                except Exception:  # noqa: BLE001 - stored as failed by the controller
                    cr.rollback()
                performed += 1
    print(json.dumps({"jobs": performed, "peak_rss_mb": round(peak_mb())}), flush=True)


# ----------------------------------------------------------------------
def run(args):
    end = datetime.now(ZoneInfo("Asia/Tokyo")) - timedelta(minutes=5)
    seed = (args.sandbox, args.shops, args.carts, end)
    start = time.perf_counter()
    codes, keys = seed_sellers(*seed)
    result = {
        "shops": args.shops,
        "carts_per_shop": args.carts,
        "seed_s": round(time.perf_counter() - start, 1),
    }
    prepared = f"{args.database}_queue"
    copy_db(args.database, prepared)
    try:
        in_transaction(
            prepared,
            lambda env: setup_shops(env, args.sandbox, codes, keys),
            commit=True,
        )
        phases = [] if args.no_cron else [("cron", cron_phase, ())]
        phases += [(f"{w}w", jobs_phase, (args.config, w)) for w in args.workers]
        for number, (name, phase, extra) in enumerate(phases):
            copy = f"{prepared}_{name}"
            copy_db(prepared, copy)
            try:
                if number:  # the carts new again: the phase before confirmed them
                    set_keys(copy, seed_sellers(*seed)[1])
                result.update(phase(copy, *extra))
            finally:
                drop_db(copy)
    finally:
        drop_db(prepared)
    return summarise(result, args)


def summarise(result, args):
    first = f"jobs_{args.workers[0]}w_s"
    for workers in args.workers[1:]:
        result[f"speedup_{workers}w"] = round(
            result[first] / max(result[f"jobs_{workers}w_s"], 0.01), 2
        )
    if "cron_s" in result:
        result["overhead_per_shop_s_1st_workers"] = round(
            (result[first] - result["cron_s"]) / args.shops, 3
        )
    return result


def print_summary(result, args):
    carts = args.shops * args.carts
    rows = [("cron", "cron")] if "cron_s" in result else []
    rows += [(f"{w} job worker(s)", f"jobs_{w}w") for w in args.workers]
    print(f"{args.shops} shops x {args.carts} carts ({carts} carts)")
    print("| phase | wall s | carts done | carts/s | speed-up | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for label, key in rows:
        seconds = result[f"{key}_s"]
        speedup = result.get(f"speedup_{key[5:]}", "") if key != "cron" else ""
        peak = result[f"{key}_peak_rss_mb"]
        print(
            f"| {label} | {seconds} | {result[f'{key}_carts']} "
            f"| {round(result[f'{key}_carts'] / max(seconds, 0.01), 1)} "
            f"| {speedup} | {peak} |"
        )
    if "overhead_per_shop_s_1st_workers" in result:
        print(
            "overhead per shop, %d worker(s) against the cron: %s s"
            % (args.workers[0], result["overhead_per_shop_s_1st_workers"])
        )
    print("sandbox seeding: %s s per phase" % result["seed_s"], flush=True)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sandbox")
    parser.add_argument("--shops", type=int, default=4)
    parser.add_argument("--carts", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-cron", action="store_true", help="skip the plain cron")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    if args.worker:
        worker(args.database)
        return 0
    result = run(args)
    print_summary(result, args)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
