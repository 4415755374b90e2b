# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the crash and concurrency tests share: a shop whose data is COMMITTED (a separate
Odoo process must see it), separate Odoo processes running the crons on the test
database (odoo_worker.py), and cleanup.

The tests are a ``BaseCase`` that opens its own cursors, as test_concurrency.py does:
each test builds its shop in its own company, commits, and removes what it made at the
end (the company, its warehouse and archived products stay, under names no other test
uses). The queue addon is switched off for the time of the test (system parameter
``qoo10_connector_queue.enabled``): the processes' crons then work inline, as without
that addon, and the test reads their outcome."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name
from odoo.tools import config

from .common import QAPI_PATH, SELLER, jst, sandbox, sandbox_url

WORKER = Path(__file__).with_name("odoo_worker.py")
QUEUE_PARAM = "qoo10_connector_queue.enabled"
COMPANY = "Qoo10 Process Tests KK"
# a log line of a worker that means trouble (Odoo's format: date time pid LEVEL db logger)
TROUBLE = (" ERROR ", " CRITICAL ", "Traceback", "transaction is aborted", "deadlock")
# Odoo logs every failed query at ERROR, those handled too: a serialization failure or a
# lock refused that the connector takes as "busy in another run" (logged at INFO)
HANDLED = (
    "odoo.sql_db: bad query",
    "ERROR: could not serialize access",
    "ERROR: could not obtain lock",
)


class Qoo10ProcessCase(BaseCase):
    carts = 6
    # product codes of the shop (unique to these tests)
    codes = ("PROC-MUG", "PROC-TEE", "PROC-BAG")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def setUp(self):
        super().setUp()
        self.logdir = tempfile.mkdtemp(prefix="qoo10-process-")
        self.addCleanup(shutil.rmtree, self.logdir, ignore_errors=True)
        self.processes = []
        self.addCleanup(self._stop_processes)
        self.ids = self._make_shop()
        self.addCleanup(self._remove_shop)

    # ------------------------------------------------------------------
    # The committed shop
    # ------------------------------------------------------------------
    def env_cursor(self):
        """A committed transaction: ``with self.env_cursor() as env: ...``."""
        return _EnvCursor(self.registry)

    def _make_shop(self):
        sandbox("/_sandbox/reset", {})
        key = sandbox("/_sandbox/keys", {"user_id": SELLER["user_id"], "issue": True})
        with self.env_cursor() as env:
            params = env["ir.config_parameter"]
            self._queue_param = params.get_param(QUEUE_PARAM)
            params.set_param(QUEUE_PARAM, "0")
            params.set_param("qoo10_connector.min_interval", "0")
            env.ref("base.JPY").active = True
            company = env["res.company"].search([("name", "=", COMPANY)]) or env[
                "res.company"
            ].create({"name": COMPANY, "currency_id": env.ref("base.JPY").id})
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            ) or env["stock.warehouse"].create(
                {"name": "Process tests", "code": "PROC", "company_id": company.id}
            )
            products = env["product.product"].create(
                [
                    {
                        "name": code,
                        "default_code": code,
                        "is_storable": True,
                        "company_id": company.id,
                    }
                    for code in self.codes
                ]
            )
            for n, product in enumerate(products):
                env["stock.quant"]._update_available_quantity(
                    product, warehouse.lot_stock_id, 50 + n
                )
            backend = env["qoo10.backend"].create(
                {
                    "name": "Process tests shop",
                    "region": "jp",
                    "api_url": sandbox_url() + QAPI_PATH,
                    "shop_login": SELLER["user_id"],
                    "company_id": company.id,
                    "warehouse_id": warehouse.id,
                    "tax_mode": "none",
                    "import_from": datetime.now() - timedelta(days=1),
                    "state": "connected",
                    "auto_import_orders": True,
                    "auto_confirm_orders": True,
                }
            )
            backend.credential_id = env["qoo10.credential"].create(
                {"backend_id": backend.id, "seller_auth_key": key["key"]}
            )
            return {
                "backend": backend.id,
                "company": company.id,
                "products": products.ids,
                "stock": warehouse.lot_stock_id.id,
            }

    @staticmethod
    def add_items(codes):
        """One Qoo10 item without options per seller code, quantity 0 on Qoo10;
        returns the sandbox's items."""
        return sandbox(
            "/_sandbox/items",
            {
                "user_id": SELLER["user_id"],
                "items": [
                    {"seller_code": code, "title": code, "price": 1000, "qty": 0}
                    for code in codes
                ],
            },
        )["items"]

    def add_carts(self, count=None, hours_ago=2):
        """``count`` paid carts (status 2) of one or two lines in the sandbox."""
        count = self.carts if count is None else count
        return sandbox(
            "/_sandbox/orders",
            {
                "user_id": SELLER["user_id"],
                "carts": [
                    {
                        "status": 2,
                        "order_date": jst(hours_ago + n / 10),
                        "currency": "JPY",
                        "buyer": {"name": f"工程 {n}", "email": f"proc-{n}@example.jp"},
                        "lines": [
                            {"seller_item_code": self.codes[(n + i) % 3], "price": 500}
                            for i in range(1 + n % 2)
                        ],
                    }
                    for n in range(count)
                ],
            },
        )["carts"]

    def _remove_shop(self):
        ids = self.ids
        with self.env_cursor() as env:
            backend = env["qoo10.backend"].browse(ids["backend"])
            orders = env["qoo10.order"].search([("backend_id", "=", backend.id)])
            partners = orders.sale_order_id.partner_id
            orders.sale_order_id.unlink()
            orders.unlink()
            env["qoo10.product.mapping"].search(
                [("backend_id", "=", backend.id)]
            ).unlink()
            backend.unlink()
            (partners | partners.child_ids).unlink()
            env["product.product"].browse(ids["products"]).write(
                {"active": False, "default_code": False}
            )
            params = env["ir.config_parameter"]
            params.set_param(QUEUE_PARAM, self._queue_param or False)

    # ------------------------------------------------------------------
    # Separate Odoo processes
    # ------------------------------------------------------------------
    def start_worker(self, kinds, rounds=1, name="worker", go=None):
        """A separate Odoo process running the crons ``kinds`` ``rounds`` times on the
        test database, with the test command's configuration file."""
        logfile = os.path.join(self.logdir, "%s-%d.log" % (name, len(self.processes)))
        process = subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                config.rcfile,
                get_db_name(),
                logfile,
                str(rounds),
                ",".join(kinds),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd="/",
            env=dict(os.environ, QOO10_WORKER_GO=go or ""),
        )
        process.logfile = logfile
        self.processes.append(process)
        return process

    def wait_held(self, process, method, since, timeout=180):
        """The call of ``method`` the sandbox holds (hold_next), once it is held; only
        calls logged after the sequence number ``since`` count."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = sandbox("/_sandbox/calls?since=%d&method=%s" % (since, method))
            held = [call for call in calls["calls"] if call["fault"] == "hold"]
            if held:
                return held[0]
            if process.poll() is not None:
                self.fail(
                    "the Odoo process ended before calling %s:\n%s"
                    % (method, self.worker_output(process))
                )
            time.sleep(0.2)
        self.fail("no %s call held after %s s" % (method, timeout))

    @staticmethod
    def last_call():
        """The sequence number of the sandbox's last logged call."""
        return max([0] + [call["seq"] for call in sandbox("/_sandbox/calls")["calls"]])

    def kill(self, process):
        """SIGKILL: no rollback, no cleanup, the connection to PostgreSQL cut."""
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        self.assertEqual(process.returncode, -signal.SIGKILL)

    def finish(self, process, timeout=300):
        """Wait for a worker; fail with its output and log when it did not end well."""
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill(process)
            self.fail("the Odoo process did not end:\n%s" % self.worker_output(process))
        self.assertEqual(process.returncode, 0, self.worker_output(process))

    def worker_output(self, process):
        output = process.stdout.read() if process.stdout else ""
        log = Path(process.logfile)
        return output + (
            log.read_text(errors="replace")[-6000:] if log.exists() else ""
        )

    def trouble(self, process):
        """The log lines of a worker that say something went wrong."""
        log = Path(process.logfile)
        if not log.exists():
            return []
        return [
            line
            for line in log.read_text(errors="replace").splitlines()
            if any(word in line for word in TROUBLE)
            and not any(word in line for word in HANDLED)
        ]

    def _stop_processes(self):
        for process in self.processes:
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
            if process.stdout:
                process.stdout.close()
        sandbox("/_sandbox/faults", {"reset": True})


class _EnvCursor:
    def __init__(self, registry):
        self.registry = registry

    def __enter__(self):
        self.cr = self.registry.cursor()
        self.cr.__enter__()
        return api.Environment(self.cr, SUPERUSER_ID, {"tracking_disable": True})

    def __exit__(self, *exc):
        return self.cr.__exit__(*exc)
