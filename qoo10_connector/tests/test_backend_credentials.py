# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SELLER, Qoo10Case, sandbox


@tagged("post_install", "-at_install")
class TestCredentials(Qoo10Case):
    def test_region_sets_url_time_zone_and_currency(self):
        backend = self.env["qoo10.backend"].create(
            {
                "name": "SG shop",
                "region": "sg",
                "shop_login": "sg_shop",
                "company_id": self.company.id,
                "warehouse_id": self.warehouse.id,
            }
        )
        self.assertEqual(
            backend.api_url,
            "https://api.qoo10.sg/GMKT.INC.Front.QAPIService/Giosis.qapi",
        )
        self.assertEqual(backend.tz, "Asia/Singapore")
        self.assertEqual(backend.currency_id.name, "SGD")
        backend.region = "jp"
        self.assertEqual(
            backend.api_url,
            "https://api.qoo10.jp/GMKT.INC.Front.QAPIService/ebayjapan.qapi",
        )
        self.assertEqual(backend.tz, "Asia/Tokyo")
        self.assertEqual(backend.state, "draft")

    def test_issue_key_stores_key_and_expiry(self):
        backend = self.backend
        credential = backend.credential_id
        self.assertEqual(backend.state, "connected")
        self.assertTrue(credential.seller_auth_key)
        self.assertEqual(credential.api_key, SELLER["api_key"])
        self.assertAlmostEqual(
            credential.expires_at,
            credential.issued_at + timedelta(days=365),
            delta=timedelta(days=1),
        )
        self.assertEqual(backend.key_expiry_date, credential.expires_at)
        self.assertGreater(backend.key_days_left, 360)
        self.assertFalse(backend.key_warning)
        self.assertIn("Seller authorization key issued", backend.message_ids[0].body)
        # the key works: Qoo10 accepts it
        self.assertEqual(backend.action_test_connection()["params"]["type"], "success")

    def test_password_is_never_written_anywhere(self):
        password = "S3cret-Pa55-Unique-7731"
        sandbox(
            "/_sandbox/sellers",
            {"user_id": "pw_shop", "password": password, "api_key": "PW-API-KEY"},
        )
        backend = self.env["qoo10.backend"].create(
            self._backend_values(name="PW shop", shop_login="pw_shop")
        )
        wizard = self.env["qoo10.auth.wizard"].create(
            {
                "backend_id": backend.id,
                "login": "pw_shop",
                "password": password,
                "api_key": "PW-API-KEY",
            }
        )
        wizard.action_issue_key()
        self.assertEqual(backend.state, "connected")
        self.env.flush_all()
        self.cr.execute(
            """SELECT table_name, column_name FROM information_schema.columns
               WHERE table_schema = 'public' AND data_type IN ('character varying', 'text', 'jsonb')"""
        )
        columns = self.cr.fetchall()
        self.assertGreater(len(columns), 500)
        hits = []
        for table, column in columns:
            self.cr.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}"::text LIKE %s LIMIT 1',
                [f"%{password}%"],
            )
            if self.cr.fetchone():
                hits.append(f"{table}.{column}")
        self.assertEqual(hits, [])
        # the API key, on the other hand, is kept (on the credential only)
        self.cr.execute(
            "SELECT count(*) FROM qoo10_credential WHERE api_key = 'PW-API-KEY'"
        )
        self.assertEqual(self.cr.fetchone()[0], 1)

    def test_wrong_password_is_refused_and_nothing_stored(self):
        backend = self.env["qoo10.backend"].create(
            self._backend_values(name="Second", shop_login="demo_shop2")
        )
        sandbox(
            "/_sandbox/sellers",
            {"user_id": "demo_shop2", "password": "right", "api_key": "KEY2"},
        )
        with self.assertRaises(UserError) as caught:
            self.issue_key(backend, password="wrong", api_key="KEY2")
        self.assertNotIn("wrong", str(caught.exception).replace("wrong,", ""))
        self.assertFalse(backend.credential_id)
        with self.assertRaises(UserError):
            self.issue_key(backend, password="right", api_key="NOT-THE-KEY")
        self.issue_key(backend, password="right", api_key="KEY2")
        self.assertEqual(backend.state, "connected")

    def test_renewal_replaces_the_key(self):
        old_key = self.backend.credential_id.seller_auth_key
        self.issue_key(self.backend)
        self.assertNotEqual(self.backend.credential_id.seller_auth_key, old_key)
        self.assertEqual(
            len(
                self.env["qoo10.credential"].search(
                    [("backend_id", "=", self.backend.id)]
                )
            ),
            1,
        )
        self.assertIn("renewed", self.backend.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestKeyExpiry(Qoo10Case):
    def test_warning_30_days_before(self):
        self.backend.key_expiry_date = datetime.now() + timedelta(days=20)
        self.assertTrue(self.backend.key_warning)
        self.assertIn(self.backend.key_days_left, (19, 20))
        self.env["qoo10.backend"]._cron_check_key_expiry()
        activities = self.backend.activity_ids
        self.assertIn(self.manager, activities.user_id)
        self.assertNotIn(self.user, activities.user_id)
        self.env["qoo10.backend"]._cron_check_key_expiry()
        self.assertEqual(
            self.backend.activity_ids,
            activities,
            "one activity per manager, not one per run",
        )
        self.assertEqual(self.backend.state, "connected")

    def test_expired_key_stops_the_crons(self):
        self.backend.write(
            {
                "auto_import_orders": True,
                "key_expiry_date": datetime.now() - timedelta(hours=1),
            }
        )
        self.clear_calls()
        self.env["qoo10.backend"]._cron_import_orders()
        self.assertEqual(self.backend.state, "problem")
        self.assertIn("expired", self.backend.problem_message)
        self.assertEqual(
            self.calls(), [], "no call to Qoo10 for a shop whose key has expired"
        )
        self.assertIn("expired", self.backend.message_ids[0].body)

    def test_qoo10_saying_expired_stops_the_crons(self):
        self.backend.auto_import_orders = True
        sandbox("/_sandbox/keys", {"user_id": SELLER["user_id"], "expire": True})
        self.env["qoo10.backend"]._cron_import_orders()
        self.assertEqual(self.backend.state, "problem")
        self.clear_calls()
        self.env["qoo10.backend"]._cron_import_orders()
        self.assertEqual(self.calls(), [])

    def test_a_shop_on_a_sandbox_seller_of_its_own(self):
        """The shared helpers: a shop on its own sandbox seller, connected, and its key
        renewed after the sandbox forgot it."""
        seller = {"user_id": "helper_shop", "password": "h-pass", "api_key": "H-KEY"}
        shop = self.add_sandbox_shop(seller, name="Helper shop")
        self.assertEqual((shop.shop_login, shop.state), ("helper_shop", "connected"))
        old_key = shop.credential_id.seller_auth_key
        sandbox("/_sandbox/reset", {})
        self.renew_sandbox_key(shop, seller)
        self.assertNotEqual(shop.credential_id.seller_auth_key, old_key)
        result = shop.action_test_connection()
        self.assertEqual(result["params"]["type"], "success")
