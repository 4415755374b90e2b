# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import QAPI_PATH, SELLER, Qoo10Case, sandbox, sandbox_url


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
class TestConnection(Qoo10Case):
    def _test(self, backend=None):
        return (backend or self.backend).action_test_connection()["params"]

    def test_invalid_key(self):
        self.backend.credential_id.seller_auth_key = "NOT-A-KEY"
        result = self._test()
        self.assertEqual(result["type"], "danger")
        self.assertIn("Get Auth", result["message"])
        self.assertEqual(self.backend.state, "problem")
        notes = " ".join(self.backend.message_ids.mapped("body"))
        self.assertIn("Connection test failed", notes)
        self.assertNotIn("NOT-A-KEY", notes)
        self.assertNotIn("NOT-A-KEY", self.backend.problem_message)
        self.assertTrue(self.backend.activity_ids)

    def test_expired_key(self):
        sandbox("/_sandbox/keys", {"user_id": SELLER["user_id"], "expire": True})
        result = self._test()
        self.assertEqual(result["type"], "danger")
        self.assertIn("expired", result["message"])
        self.assertIn("Renew key", result["message"])
        self.assertEqual(self.backend.state, "problem")
        # a renewed key puts the shop back in service and closes the to-do
        self.issue_key(self.backend)
        self.assertEqual(self.backend.state, "connected")
        self.assertFalse(self.backend.activity_ids)

    def test_not_permitted(self):
        sandbox("/_sandbox/sellers", dict(SELLER, permitted=False))
        result = self._test()
        self.assertIn("does not permit", result["message"])
        self.assertEqual(self.backend.state, "problem")

    def test_unreachable(self):
        self.backend.api_url = (
            "http://127.0.0.1:9" + QAPI_PATH
        )  # discard port: nothing listens
        self.env["ir.config_parameter"].set_param("qoo10_connector.timeout", "2")
        result = self._test()
        self.assertIn("could not be reached", result["message"])
        # unreachable is not a key problem: the shop stays connected and retries later
        self.assertEqual(self.backend.state, "connected")
        self.backend.api_url = sandbox_url() + QAPI_PATH
        self.assertEqual(self._test()["type"], "success")


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


@tagged("post_install", "-at_install")
class TestAccess(Qoo10Case):
    def test_user_cannot_read_credentials(self):
        credential = self.backend.credential_id
        with self.assertRaises(AccessError):
            credential.with_user(self.user).read(["seller_auth_key"])
        with self.assertRaises(AccessError):
            self.env["qoo10.credential"].with_user(self.user).search([])
        # the shop itself is readable, without secrets
        values = self.backend.with_user(self.user).read(
            ["name", "state", "key_expiry_date"]
        )[0]
        self.assertEqual(values["state"], "connected")
        self.assertNotIn(
            "seller_auth_key", self.backend.with_user(self.user).fields_get()
        )

    def test_manager_reads_credentials(self):
        values = self.backend.credential_id.with_user(self.manager).read(
            ["seller_auth_key", "api_key"]
        )[0]
        self.assertTrue(values["seller_auth_key"])
        with self.assertRaises(AccessError):
            self.env["qoo10.backend"].with_user(self.user).create(
                self._backend_values(name="Nope")
            )

    def test_other_company_records_stay_invisible(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        other_backend = self.env["qoo10.backend"].create(
            self._backend_values(
                name="Other shop",
                shop_login="other",
                company_id=other.id,
                warehouse_id=self.env["stock.warehouse"]
                .search([("company_id", "=", other.id)], limit=1)
                .id,
            )
        )
        second = self.env["qoo10.backend"].create(
            self._backend_values(name="Second JP", shop_login="second")
        )
        visible = self.env["qoo10.backend"].with_user(self.manager).search([])
        self.assertIn(second, visible, "several shops per company")
        self.assertIn(self.backend, visible)
        self.assertNotIn(other_backend, visible)
        # one record of every Qoo10 model in each company: only the own ones are visible
        records = {
            backend: self._one_of_each(backend)
            for backend in (self.backend, other_backend)
        }
        for model, mine in records[self.backend].items():
            theirs = records[other_backend][model]
            with self.subTest(model=model):
                found = (
                    self.env[model]
                    .with_user(self.manager)
                    .search([("id", "in", (mine | theirs).ids)])
                )
                self.assertEqual(found, mine)
                with self.assertRaises(AccessError):
                    theirs.with_user(self.manager).read(["company_id"])

    def _one_of_each(self, backend):
        env = self.env
        product = self.make_product(
            f"MC-{backend.id}", company_id=backend.company_id.id
        )
        order = env["qoo10.order"].create({"backend_id": backend.id, "pack_no": "MC-1"})
        carrier = env["delivery.carrier"].create(
            {"name": f"Carrier {backend.id}", "product_id": product.id}
        )
        return {
            "qoo10.credential": backend.credential_id
            or env["qoo10.credential"].create({"backend_id": backend.id}),
            "qoo10.order": order,
            "qoo10.order.line": env["qoo10.order.line"].create(
                {"order_id": order.id, "order_no": "MC-1-1"}
            ),
            "qoo10.product.mapping": env["qoo10.product.mapping"].create(
                {
                    "backend_id": backend.id,
                    "seller_item_code": "MC-ITEM",
                    "product_id": product.id,
                }
            ),
            "qoo10.carrier.mapping": env["qoo10.carrier.mapping"].create(
                {
                    "backend_id": backend.id,
                    "carrier_id": carrier.id,
                    "shipping_corp": "ヤマト宅急便",
                }
            ),
            "qoo10.auth.wizard": env["qoo10.auth.wizard"].create(
                {"backend_id": backend.id, "login": backend.shop_login}
            ),
        }


@tagged("post_install", "-at_install")
class TestUserViews(Qoo10Case):
    def test_user_opens_the_shop_and_its_orders(self):
        form = Form(self.backend.with_user(self.user))
        self.assertEqual(form.state, "connected")
        self.add_carts(self.cart([{"seller_item_code": "NOPE-1"}]))
        order = self.import_orders()
        order_form = Form(order.with_user(self.user))
        self.assertEqual(order_form.sync_state, "unmapped")
        # a user may retry an order once its product is mapped
        order.with_user(self.user).action_retry()
