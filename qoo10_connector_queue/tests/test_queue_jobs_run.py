# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Jobs executed for real: committed transactions, queue_job's own job controller
(the code behind /queue_job/runjob that the job runner calls in each worker), two
threads with a cursor each standing for two Odoo workers.

A ``BaseCase`` that opens its own cursors, as qoo10_connector's test_concurrency does:
each test builds two shops on two sandbox sellers and removes what it made."""

import threading
import time
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from odoo.addons.qoo10_connector.tests.common import (
    QAPI_PATH,
    jst,
    sandbox,
    sandbox_url,
)
from odoo.addons.queue_job.controllers.main import RunJobController

CARTS = 4
SELLERS = ("queue_shop_a", "queue_shop_b")
MUTE = ("odoo.addons.queue_job.controllers.main", "odoo.sql_db")


@tagged("post_install", "-at_install")
class TestQueueJobsRun(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def setUp(self):
        super().setUp()
        sandbox("/_sandbox/reset", {})
        self._remove_shops()  # what a crashed run may have left
        self.shops, self.product = self._make_shops()
        self.addCleanup(self._remove_shops)

    # ------------------------------------------------------------------
    # Fixture: two shops of two sellers, CARTS carts each
    # ------------------------------------------------------------------
    def _seller(self, user_id):
        sandbox(
            "/_sandbox/sellers",
            {"user_id": user_id, "password": "pw", "api_key": f"API-{user_id}"},
        )
        carts = [
            {
                "status": 2,
                "order_date": jst(2 + i),
                "currency": "JPY",
                "buyer": {"name": f"ジョブ {i}", "email": f"{user_id}-{i}@example.jp"},
                "lines": [{"seller_item_code": "QJOB-MUG", "price": 500}],
            }
            for i in range(CARTS)
        ]
        sandbox("/_sandbox/orders", {"user_id": user_id, "carts": carts})
        return sandbox("/_sandbox/keys", {"user_id": user_id, "issue": True})["key"]

    def _make_shops(self):
        keys = [self._seller(user_id) for user_id in SELLERS]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            env.ref("base.JPY").active = True
            company = env["res.company"].search(
                [("currency_id.name", "=", "JPY")], limit=1
            ) or env["res.company"].create(
                {"name": "Qoo10 Queue KK", "currency_id": env.ref("base.JPY").id}
            )
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            ) or env["stock.warehouse"].create(
                {"name": "Queue", "code": "QJOB", "company_id": company.id}
            )
            product = env["product.product"].create(
                {"name": "Job mug", "default_code": "QJOB-MUG"}
            )
            shops = env["qoo10.backend"]
            for user_id, key in zip(SELLERS, keys, strict=True):
                shop = shops.create(
                    {
                        "name": f"Queue {user_id}",
                        "region": "jp",
                        "api_url": sandbox_url() + QAPI_PATH,
                        "shop_login": user_id,
                        "company_id": company.id,
                        "warehouse_id": warehouse.id,
                        "tax_mode": "none",
                        "import_from": datetime.now() - timedelta(days=1),
                        "state": "connected",
                        "auto_import_orders": True,
                    }
                )
                shop.credential_id = env["qoo10.credential"].create(
                    {"backend_id": shop.id, "seller_auth_key": key}
                )
                shops |= shop
            params = env["ir.config_parameter"]
            params.set_param("qoo10_connector.min_interval", "0")
            self.retries = params.get_param("qoo10_connector.retries") or False
            params.set_param("qoo10_connector.retries", "0")
            return shops.ids, product.id

    def _remove_shops(self):
        sandbox("/_sandbox/faults", {"reset": True})
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            shops = (
                env["qoo10.backend"]
                .with_context(active_test=False)
                .search([("shop_login", "in", SELLERS)])
            )
            env["queue.job"].search([("model_name", "=", "qoo10.backend")]).filtered(
                lambda job: job.records & shops
            ).unlink()
            orders = env["qoo10.order"].search([("backend_id", "in", shops.ids)])
            partners = orders.sale_order_id.partner_id
            orders.sale_order_id.unlink()
            orders.unlink()
            shops.unlink()
            env["product.product"].search([("default_code", "=", "QJOB-MUG")]).unlink()
            (partners | partners.child_ids).unlink()
            env["ir.config_parameter"].set_param(
                "qoo10_connector.retries", getattr(self, "retries", False)
            )

    # ------------------------------------------------------------------
    # Enqueue and perform, as the crons and the job runner do
    # ------------------------------------------------------------------
    def enqueue(self, shop_id, kind, identity=True):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            shop = env["qoo10.backend"].browse(shop_id)
            if identity:
                return shop._qoo10_enqueue(kind).uuid
            # a job enqueued while an earlier one of the shop was already running
            return getattr(shop.with_delay(), f"_qoo10_job_{kind}")().uuid

    def perform(self, uuid, barrier=None):
        """What /queue_job/runjob does for one job, on a cursor of its own."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if barrier:
                barrier.wait(timeout=30)
            job = RunJobController._acquire_job(env, uuid)
            try:
                RunJobController._runjob(env, job)
            except Exception:  # noqa: BLE001 - the job is stored as failed
                cr.rollback()

    def run_jobs(self, *uuids):
        """The job runner's part: mark the jobs enqueued, then perform them at once,
        each in its own thread (a worker); returns each thread's (start, end)."""
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE queue_job SET state = 'enqueued', eta = NULL WHERE uuid IN %s",
                [uuids],
            )
        barrier = threading.Barrier(len(uuids))
        spans = {}

        def work(uuid):
            start = time.monotonic()
            self.perform(uuid, barrier)
            spans[uuid] = (start, time.monotonic())

        threads = [threading.Thread(target=work, args=(uuid,)) for uuid in uuids]
        # Odoo's runner holds Registry._lock during post-install tests (see
        # qoo10_connector/tests/test_concurrency.py)
        with patch.object(Registry, "_lock", DummyRLock()), mute_logger(*MUTE):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=300)
        return spans

    def job(self, uuid):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT state, retry, eta, result, exc_message FROM queue_job"
                " WHERE uuid = %s",
                [uuid],
            )
            return dict(
                zip(
                    ("state", "retry", "eta", "result", "exc"),
                    cr.fetchone(),
                    strict=True,
                )
            )

    def counts(self, shop_id):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(DISTINCT o.id), count(DISTINCT s.id), count(l.id)"
                " FROM qoo10_order o LEFT JOIN sale_order s ON s.qoo10_order_id = o.id"
                " LEFT JOIN qoo10_order_line l ON l.order_id = o.id"
                " WHERE o.backend_id = %s",
                [shop_id],
            )
            return cr.fetchone()

    def shop(self, shop_id, *names):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["qoo10.backend"].browse(shop_id).read(list(names))[0]

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_two_shops_jobs_run_at_once(self):
        sandbox(
            "/_sandbox/faults",
            {"latency_ms": 300, "methods": ["ShippingBasic.GetShippingInfo_v3"]},
        )
        uuids = [self.enqueue(shop_id, "import") for shop_id in self.shops]
        spans = self.run_jobs(*uuids)
        self.assertLess(
            max(start for start, _end in spans.values()),
            min(end for _start, end in spans.values()),
            "the two shops' jobs ran at the same time",
        )
        for uuid, shop_id in zip(uuids, self.shops, strict=True):
            self.assertEqual(self.job(uuid)["state"], "done", self.job(uuid))
            self.assertEqual(self.counts(shop_id), (CARTS, CARTS, CARTS))
        # the claims and confirmation jobs of both shops, at once as well
        spans = self.run_jobs(
            *[
                self.enqueue(shop, kind)
                for shop in self.shops
                for kind in ("claims", "confirm")
            ]
        )
        self.assertEqual(len(spans), 4)

    def test_one_shop_two_jobs_at_once_import_once(self):
        """The shop lock holds across workers: the second job waits and retries."""
        sandbox(
            "/_sandbox/faults",
            {"latency_ms": 500, "methods": ["ShippingBasic.GetShippingInfo_v3"]},
        )
        shop = self.shops[0]
        first = self.enqueue(shop, "import")
        second = self.enqueue(shop, "import", identity=False)
        self.run_jobs(first, second)
        states = sorted(self.job(uuid)["state"] for uuid in (first, second))
        self.assertEqual(states, ["done", "pending"])
        waiting = next(
            self.job(uuid)
            for uuid in (first, second)
            if self.job(uuid)["state"] == "pending"
        )
        self.assertEqual(waiting["retry"], 1)
        self.assertIn("already running", waiting["result"])
        self.assertEqual(self.counts(shop), (CARTS, CARTS, CARTS))

    def test_two_tracking_jobs_of_one_shop_send_each_line_once(self):
        shop = self.shops[0]
        self.run_jobs(self.enqueue(shop, "import"))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            lines = env["qoo10.order.line"].search([("backend_id", "=", shop)])
            self.assertEqual(len(lines), CARTS)
            lines.write(
                {
                    "tracking_state": "pending",
                    "tracking_ref": "JOB-1",
                    "tracking_carrier": "ヤマト宅急便",
                }
            )
        sandbox("/_sandbox/calls/clear", {})
        sandbox(
            "/_sandbox/faults",
            {"latency_ms": 300, "methods": ["ShippingBasic.SetSendingInfoBulk"]},
        )
        jobs = self.enqueue(shop, "tracking"), self.enqueue(shop, "tracking", False)
        self.run_jobs(*jobs)
        # the second job finds the shop's tracking work running: it waits and retries
        states = sorted(self.job(uuid)["state"] for uuid in jobs)
        self.assertEqual(states, ["done", "pending"])
        calls = sandbox("/_sandbox/calls?method=SetSendingInfo")["calls"]
        self.assertEqual(len(calls), 1, "the second job sent nothing")
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT tracking_state, count(*) FROM qoo10_order_line"
                " WHERE backend_id = %s GROUP BY tracking_state",
                [shop],
            )
            self.assertEqual(dict(cr.fetchall()), {"sent": CARTS})

    def test_transient_error_retried_with_backoff(self):
        shop = self.shops[0]
        sandbox(
            "/_sandbox/faults",
            {"bad_gateway_next": 1, "methods": ["ShippingBasic.GetShippingInfo_v3"]},
        )
        uuid = self.enqueue(shop, "import")
        self.run_jobs(uuid)
        job = self.job(uuid)
        self.assertEqual((job["state"], job["retry"]), ("pending", 1), job)
        self.assertGreater(job["eta"], datetime.now() + timedelta(seconds=30))
        self.assertIn("Qoo10 could not be reached", job["result"])
        self.assertEqual(self.counts(shop), (0, 0, 0))
        # the retry, once Qoo10 answers again
        self.run_jobs(uuid)
        self.assertEqual(self.job(uuid)["state"], "done")
        self.assertEqual(self.counts(shop), (CARTS, CARTS, CARTS))

    def test_unreadable_answer_retried_as_the_cron_would(self):
        """Qoo10's HTML error page with HTTP 200 (its servers failing) is retried, not
        failed at once as a wrong API URL (found by the fault run with jobs)."""
        shop = self.shops[0]
        sandbox(
            "/_sandbox/faults",
            {"html_error_next": 1, "methods": ["ShippingBasic.GetShippingInfo_v3"]},
        )
        uuid = self.enqueue(shop, "import")
        self.run_jobs(uuid)
        job = self.job(uuid)
        self.assertEqual((job["state"], job["retry"]), ("pending", 1), job)
        self.assertIn("could not be read", job["result"])
        self.assertEqual(self.counts(shop), (0, 0, 0))
        self.run_jobs(uuid)
        self.assertEqual(self.job(uuid)["state"], "done")
        self.assertEqual(self.counts(shop), (CARTS, CARTS, CARTS))

    def test_permanent_error_fails_with_qoo10_message_and_stops_the_shop(self):
        shop, other = self.shops
        sandbox("/_sandbox/keys", {"user_id": SELLERS[0], "revoke": True})
        failing, running = self.enqueue(shop, "claims"), self.enqueue(other, "claims")
        self.run_jobs(failing, running)
        job = self.job(failing)
        self.assertEqual(job["state"], "failed")
        self.assertIn("-90001", job["exc"])
        self.assertIn("Get Auth", job["exc"])
        self.assertEqual(self.job(running)["state"], "done", "the other shop goes on")
        kept = self.shop(shop, "state", "last_error")
        self.assertEqual(kept["state"], "problem", "kept though the job rolled back")
        self.assertIn("-90001", kept["last_error"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            record = env["queue.job"].search([("uuid", "=", failing)])
            action = record.open_related_action()
            self.assertEqual(
                (action["res_model"], action["res_id"]), ("qoo10.backend", shop)
            )
        # the problem shop's next job runs and calls Qoo10 no more
        sandbox("/_sandbox/calls/clear", {})
        uuid = self.enqueue(shop, "import")
        self.run_jobs(uuid)
        job = self.job(uuid)
        self.assertEqual(job["state"], "done")
        self.assertIn("Nothing done", job["result"])
        self.assertEqual(sandbox("/_sandbox/calls")["calls"], [])
