# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the crons schedule with the glue installed: one job per shop and kind, with an
identity key and the kind's channel; nothing for a shop in its problem state."""

from datetime import datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.qoo10_connector.tests.common import Qoo10Case, sandbox

from ..models.qoo10_backend import TEST_CONTEXT_KEY
from .queue_job_common import trap_jobs

SELLER2 = "queue_shop_two"


@tagged("post_install", "-at_install")
class TestQueueEnqueue(Qoo10Case):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop2 = cls.env["qoo10.backend"].create(
            cls._backend_values(
                name="Qoo10 JP 2", shop_login=SELLER2, state="connected"
            )
        )
        cls.shop2.credential_id = cls.env["qoo10.credential"].create(
            {"backend_id": cls.shop2.id}
        )
        cls.shops = cls.backend | cls.shop2
        cls.shops.write({"auto_import_orders": True, "auto_export_stock": True})
        cls.Backend = cls.env["qoo10.backend"].with_context(**{TEST_CONTEXT_KEY: True})

    def setUp(self):
        super().setUp()
        seller = {"user_id": SELLER2, "password": "pw", "api_key": "K2"}
        sandbox("/_sandbox/sellers", seller)
        key = sandbox("/_sandbox/keys", {"user_id": SELLER2, "issue": True})["key"]
        self.shop2.credential_id.seller_auth_key = key

    def jobs(self, shops=None):
        return (
            self.env["queue.job"]
            .search([("model_name", "=", "qoo10.backend"), ("state", "=", "pending")])
            .filtered(lambda job: job.records & (shops or self.shops))
        )

    def kinds(self, jobs):
        return sorted((job.records.id, job.method_name) for job in jobs)

    def run_all_crons(self):
        self.Backend._cron_import_orders()
        self.Backend._cron_sync_claims()
        self.Backend._cron_send_tracking()
        self.Backend._cron_export_stock()

    def test_crons_enqueue_one_job_per_shop_and_kind(self):
        self.env["qoo10.order.line"].search([]).unlink()
        self.clear_calls()
        self.run_all_crons()
        self.assertEqual(self.calls(), [], "the crons call Qoo10 no more")
        expected = sorted(
            (shop.id, f"_qoo10_job_{kind}")
            for shop in self.shops
            for kind in ("import", "claims", "stock")
        )
        jobs = self.jobs()
        self.assertEqual(self.kinds(jobs), expected)
        for job in jobs:
            kind = job.method_name.removeprefix("_qoo10_job_")
            self.assertEqual(job.channel, f"root.qoo10.{kind}")
            self.assertEqual(
                job.identity_key, f"qoo10.backend({job.records.id}).{kind}"
            )
            self.assertIn(job.records.name, job.name)
        # the next runs find the jobs waiting: nothing more is enqueued
        self.run_all_crons()
        self.run_all_crons()
        self.assertEqual(self.kinds(self.jobs()), expected)

    def test_trapped_jobs_carry_identity_and_description(self):
        """queue_job's own trap (jobs not stored, performed in the test)."""
        self.shops.import_from = datetime.now()
        with trap_jobs() as trap:
            self.Backend._cron_import_orders()
            trap.assert_jobs_count(2)
            for shop in self.shops:
                trap.assert_enqueued_job(
                    shop._qoo10_job_confirm,
                    properties={
                        "identity_key": f"qoo10.backend({shop.id}).confirm",
                        "description": f"Qoo10 {shop.name}: send order confirmations",
                    },
                )
            jobs = list(trap.enqueued_jobs)
            trap.perform_enqueued_jobs()
        self.assertFalse(self.jobs(), "trapped: nothing stored")
        self.assertEqual(
            sorted(job.result for job in jobs),
            sorted(f"Done for the Qoo10 shop {shop.name}." for shop in self.shops),
        )

    def test_up_to_date_shop_gets_a_confirmation_job(self):
        self.shops.import_from = datetime.now()
        self.Backend._cron_import_orders()
        self.assertEqual(
            self.kinds(self.jobs()),
            sorted((shop.id, "_qoo10_job_confirm") for shop in self.shops),
        )

    def test_tracking_job_for_shops_with_pending_lines_only(self):
        self.add_carts(self.cart([{"seller_item_code": "Q-1"}]))
        line = self.import_orders().line_ids
        line.write({"tracking_state": "pending", "tracking_ref": "T-1"})
        self.Backend._cron_send_tracking()
        self.assertEqual(
            self.kinds(self.jobs()), [(self.backend.id, "_qoo10_job_tracking")]
        )

    def test_problem_shop_gets_no_job_and_its_job_does_nothing(self):
        self.Backend._cron_sync_claims()
        waiting = self.jobs(self.shop2)
        self.assertEqual(len(waiting), 1)
        self.shop2._qoo10_set_problem("The key was rejected.")
        self.env["queue.job"].search([]).unlink()
        self.run_all_crons()
        self.assertEqual(
            {job.records for job in self.jobs()}, {self.backend}, "shop 2 has none"
        )
        # a job enqueued before the shop's problem runs and does nothing
        self.clear_calls()
        result = self.shop2._qoo10_job_claims()
        self.assertIn("Nothing done", result)
        self.assertEqual(self.calls(), [])

    def test_expired_key_job_does_nothing(self):
        self.shop2.key_expiry_date = datetime.now() - timedelta(minutes=1)
        self.clear_calls()
        self.assertIn("Nothing done", self.shop2._qoo10_job_import())
        self.assertEqual(self.calls(), [])
        self.assertEqual(self.shop2.state, "problem")

    def test_job_rechecks_the_shop_switch(self):
        self.shop2.auto_import_orders = False
        self.clear_calls()
        self.assertIn("Nothing done", self.shop2._qoo10_job_import())
        self.assertIn("Nothing done", self.shop2._qoo10_job_claims())
        self.assertEqual(self.calls(), [])

    def test_without_the_switch_the_crons_run_inline(self):
        """Under Odoo's test mode the crons stay inline unless asked (the other
        addons' tests run as without this addon)."""
        self.add_carts(self.cart([{"seller_item_code": "Q-1"}]))
        self.shops.import_from = datetime.now() - timedelta(hours=5)
        self.env["qoo10.backend"]._cron_import_orders()
        self.assertFalse(self.jobs())
        orders = self.env["qoo10.order"].search([("backend_id", "in", self.shops.ids)])
        self.assertEqual(
            orders.mapped("backend_id.name"), ["Qoo10 JP"], "imported in the cron"
        )

    def test_switched_off_by_system_parameter(self):
        self.env["ir.config_parameter"].set_param("qoo10_connector_queue.enabled", "0")
        self.shops.import_from = datetime.now()
        self.clear_calls()
        self.Backend._cron_sync_claims()
        self.assertFalse(self.jobs())
        self.assertTrue(
            self.calls("ShippingBasic.GetClaimInfo_V3"), "the cron worked inline"
        )

    def test_managers_read_their_shops_jobs_only(self):
        self.Backend._cron_sync_claims()
        other = self.env["res.partner"].with_delay().exists()
        manager_jobs = self.env["queue.job"].with_user(self.manager).search([])
        self.assertEqual(manager_jobs, self.jobs(), "Qoo10 jobs only")
        self.assertNotIn(other.db_record(), manager_jobs)
        backend = self.backend.with_user(self.manager)
        self.assertEqual(backend.qoo10_job_count, 1)
        action = backend.action_view_qoo10_jobs()
        self.assertEqual(
            self.env["queue.job"].with_user(self.manager).search(action["domain"]),
            self.jobs(self.backend),
        )
        with self.assertRaises(AccessError):
            manager_jobs.write({"priority": 1})
        with self.assertRaises(AccessError):
            self.env["queue.job"].with_user(self.user).search([])
