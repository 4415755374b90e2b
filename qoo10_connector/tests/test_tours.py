# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The user's day in a real browser (static/tests/tours/): registering a shop, the
dashboard, mapping a waiting code, shipping with a tracking number, Japanese."""

from unittest.mock import patch

from odoo.tests import new_test_user, tagged

from ..qapi import const
from .common import QAPI_PATH, sandbox, sandbox_url
from .test_listings_import import OPTIONS, put_items
from .tour_case import Qoo10TourCase


@tagged("post_install", "-at_install", "is_tour")
class TestTours(Qoo10TourCase):
    def test_register_a_shop(self):
        """Configuration > Shops > New, Get Auth and Test Connection, against the sandbox
        (the region's API URL points at it, as a system administrator would set it)."""
        sandbox(
            "/_sandbox/sellers",
            {
                "user_id": "tour_shop",
                "password": "tour-pass",
                "api_key": "TOUR-API-KEY",
            },
        )
        self.clear_calls()
        with patch.dict(const.REGION_URLS, {"jp": sandbox_url() + QAPI_PATH}):
            self.start_tour("/odoo", "qoo10_register_tour", login="qoo10_manager")
        shop = self.env["qoo10.backend"].search([("name", "=", "Qoo10 Tour Shop")])
        self.assertEqual(shop.state, "connected")
        self.assertEqual(shop.company_id, self.company)
        self.assertEqual(shop.currency_id.name, "JPY")
        self.assertTrue(shop.credential_id.seller_auth_key)
        methods = [call["method"] for call in self.calls()]
        self.assertIn("CertificationAPI.CreateCertificationKey", methods)
        self.assertEqual(len(methods), 2, "the key request and the connection test")

    def test_dashboard(self):
        """A Qoo10 user opens the app: its dashboard, then a count's list."""
        self.make_product("MUG-001", "Mug")
        self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}]),
            self.cart([{"seller_item_code": "NEW-GADGET"}]),
        )
        self.backend.action_import_orders()
        self.env["qoo10.backend"].create(
            self._backend_values(name="Second Shop", shop_login="second_shop")
        )
        self.start_tour("/odoo", "qoo10_dashboard_tour", login="qoo10_user")

    def test_listings_read_as_money(self):
        """Listing prices are Floats shown as money: the user reads yen."""
        put_items(
            {
                "seller_code": "TOUR-TS",
                "title": "Tシャツ",
                "price": 1980,
                "options": OPTIONS,
            }
        )
        self.backend.action_import_listings()
        for _step in range(20):
            if not self.env["qoo10.backend"]._cron_import_listings():
                break
        self.assertEqual(self.backend.listing_ids.price, 1980)
        self.start_tour("/odoo", "qoo10_listing_tour", login="qoo10_user")

    def test_map_a_waiting_code(self):
        gadget = self.make_product("GADGET-PRO", "Gadget pro")
        self.add_carts(self.cart([{"seller_item_code": "NEW-GADGET"}]))
        order = self.import_orders()
        self.assertEqual(order.sync_state, "unmapped")
        self.start_tour("/odoo", "qoo10_map_code_tour", login="qoo10_manager")
        mapping = self.env["qoo10.product.mapping"].search(
            [("seller_item_code", "=", "NEW-GADGET")]
        )
        self.assertEqual(
            (mapping.backend_id, mapping.product_id), (self.backend, gadget)
        )
        self.assertTrue(order.retry_requested)
        self.backend.auto_import_orders = True
        self.run_import_cron()
        self.assertEqual(order.sync_state, "done")
        self.assertEqual(order.sale_order_id.order_line.product_id[:1], gadget)

    def test_ship_with_tracking(self):
        """A warehouse user without Qoo10 rights validates the delivery; the tracking
        cron then brings the number to Qoo10."""
        self.backend.write({"auto_fulfillment": True, "auto_confirm_orders": True})
        mug = self.make_product("MUG-001", "Mug")
        stock = self.warehouse.lot_stock_id
        self.env["stock.quant"]._update_available_quantity(mug, stock, 10)
        self.add_carts(self.cart([{"seller_item_code": "MUG-001", "qty": 2}]))
        order = self.import_orders()
        self.assertEqual(order.qoo10_status, "3")
        mapping = self.backend.carrier_mapping_ids.filtered(
            lambda m: m.shipping_corp == "ヤマト宅急便"
        )
        picking = order.sale_order_id.picking_ids
        picking.carrier_id = mapping.carrier_id
        new_test_user(
            self.env,
            "qoo10_warehouse",
            groups="stock.group_stock_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        self.start_tour("/odoo", "qoo10_tracking_tour", login="qoo10_warehouse")
        self.assertEqual(picking.state, "done")
        line = order.line_ids
        self.assertEqual(
            (line.tracking_state, line.tracking_ref), ("pending", "YMT-TOUR-0001")
        )
        self.env["qoo10.backend"]._cron_send_tracking()
        self.assertEqual(line.tracking_state, "sent")
        state = sandbox(f"/_sandbox/state?order_no={line.order_no}")["orders"][
            line.order_no
        ]
        self.assertEqual(state["status"], 4)
        self.assertEqual(
            (state["tracking_no"], state["shipping_corp"]),
            ("YMT-TOUR-0001", "ヤマト宅急便"),
        )

    def test_shop_form_in_japanese(self):
        self.env["res.lang"]._activate_lang("ja_JP")
        self.env["ir.module.module"]._load_module_terms(
            ["qoo10_connector"], ["ja_JP"], overwrite=True
        )
        self.manager.lang = "ja_JP"
        self.start_tour("/odoo", "qoo10_shop_ja_tour", login="qoo10_manager")
