# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import Qoo10Case


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

    def test_mappings_read_by_users_written_by_managers(self):
        product = self.make_product("ACL-1")
        values = {"backend_id": self.backend.id, "seller_item_code": "ACL-1"}
        Mapping = self.env["qoo10.product.mapping"]
        mapping = Mapping.with_user(self.manager).create(
            dict(values, product_id=product.id)
        )
        as_user = mapping.with_user(self.user)
        self.assertEqual(
            as_user.read(["seller_item_code"])[0]["seller_item_code"], "ACL-1"
        )
        self.assertEqual(
            Mapping.with_user(self.user).search([("id", "=", mapping.id)]), mapping
        )
        with self.assertRaises(AccessError):
            as_user.write({"seller_item_code": "ACL-2"})
        with self.assertRaises(AccessError):
            Mapping.with_user(self.user).create(
                dict(values, seller_item_code="ACL-3", product_id=product.id)
            )
        with self.assertRaises(AccessError):
            as_user.unlink()
        mapping.with_user(self.manager).write({"seller_item_code": "ACL-4"})
        self.assertEqual(mapping.seller_item_code, "ACL-4")
        mapping.with_user(self.manager).unlink()
        self.assertFalse(mapping.exists())

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
