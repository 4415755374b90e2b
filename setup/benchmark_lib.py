# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The benchmark's plumbing: the sandbox's control API, databases, memory, tables."""

import json
import resource
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
