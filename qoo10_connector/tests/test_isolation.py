# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Nothing in one cart stops another, nothing in one shop stops another.

Two shops import through the import cron; the first fails in one way per test, the
second must import all its carts."""

from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.qoo10_connector.components import OrderImport, OrderMapper

from .common import Qoo10Case, sandbox

# what Odoo would say refusing a sale order (a test text: not translated)
REFUSAL = "The customer's country is not allowed."
SHOP_B = {"user_id": "shop_b", "password": "b-pass", "api_key": "B-API-KEY"}


@tagged("post_install", "-at_install")
class TestIsolation(Qoo10Case):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_product("MUG-001")
        cls.shop_b = cls.add_sandbox_shop(SHOP_B, name="Qoo10 JP B", sequence=20)
        cls.backend.sequence = 10
        (cls.backend | cls.shop_b).auto_import_orders = True

    def setUp(self):
        super().setUp()
        self.renew_sandbox_key(self.shop_b, SHOP_B)
        self.start = datetime.now() - timedelta(hours=20)
        (self.backend | self.shop_b).import_from = self.start
        # shop B: two good carts, imported whatever happens to shop A
        sandbox(
            "/_sandbox/orders",
            {
                "user_id": SHOP_B["user_id"],
                "carts": [
                    self.cart([{"seller_item_code": "MUG-001"}], hours_ago=h)
                    for h in (3, 2)
                ],
            },
        )

    def orders(self, backend):
        return self.env["qoo10.order"].search([("backend_id", "=", backend.id)])

    def assert_shop_b_imported(self):
        orders = self.orders(self.shop_b)
        self.assertEqual(orders.mapped("sync_state"), ["done", "done"])
        self.assertGreater(self.shop_b.import_from, self.start)
        self.assertFalse(self.shop_b.last_error)

    def assert_shop_a_stopped(self, *words):
        """Shop A: nothing imported, import point kept, the reason on the shop."""
        self.assertFalse(self.orders(self.backend))
        self.assertEqual(self.backend.import_from, self.start, "nothing is skipped")
        for word in words:
            self.assertIn(word, self.backend.last_error)
        self.assertEqual(self.backend.state, "connected", "not a key problem")

    def test_values_the_database_refuses_stay_on_their_cart(self):
        nul, huge, long_name, good = self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], message="置き配\x00希望"),
            self.cart([{"seller_item_code": "MUG-001", "qty": 2**40}], hours_ago=4),
            self.cart(
                [{"seller_item_code": "MUG-001"}],
                buyer={"name": "長" * 10000, "email": "long@example.jp"},
                hours_ago=5,
            ),
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=6),
        )
        with mute_logger("odoo.addons.qoo10_connector.components.order_import"):
            self.run_import_cron()
        by_pack = {order.pack_no: order for order in self.orders(self.backend)}
        self.assertEqual(by_pack[str(good["pack_no"])].sync_state, "done")
        expected = {
            str(nul["pack_no"]): (
                "ShippingMessage",
                "置き配\\x00希望",
                "NUL character",
            ),
            str(huge["pack_no"]): ("OrderQty", str(2**40), "out of range"),
            str(long_name["pack_no"]): ("長長長", "10000 characters", "longer than"),
        }
        for pack_no, words in expected.items():
            order = by_pack[pack_no]
            with self.subTest(pack_no=pack_no):
                self.assertEqual(order.sync_state, "error")
                for word in words:
                    self.assertIn(word, order.sync_error)
                self.assertTrue(order.payload, "what Qoo10 sent is kept")
        self.assertIn("置き配␀希望", str(by_pack[str(nul["pack_no"])].payload))
        self.assertGreater(self.backend.import_from, self.start, "it moves past them")
        self.assert_shop_b_imported()

    def test_refetch_a_cart_whose_lines_could_not_be_stored(self):
        (cart,) = self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], message="a\x00b")
        )
        self.run_import_cron()
        order = self.orders(self.backend)
        self.assertFalse(order.line_ids, "its lines could not be stored")
        self.clear_calls()
        order.action_refetch()
        calls = self.calls("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2")
        self.assertEqual(
            [call["params"]["OrderNo"] for call in calls],
            [str(no) for no in cart["order_nos"]],
            "Re-fetch asks Qoo10 by the order numbers of the stored rows",
        )
        self.assertEqual(order.sync_state, "error", "Qoo10 still sends the NUL")

    def test_an_unreadable_answer_stops_only_its_shop(self):
        self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        sandbox(
            "/_sandbox/faults",
            {"html_error_next": 1, "methods": ["GetShippingInfo_v3"]},
        )
        self.env["ir.config_parameter"].sudo().set_param("qoo10_connector.retries", "0")
        self.run_import_cron()
        self.assert_shop_a_stopped("Qoo10")
        self.assert_shop_b_imported()
        self.run_import_cron()
        self.assertEqual(self.orders(self.backend).sync_state, "done")
        self.assertFalse(self.backend.last_error, "cleared by the next run that can")

    def test_a_timeout_stops_only_its_shop(self):
        self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("qoo10_connector.retries", "0")
        params.set_param("qoo10_connector.timeout", "1")
        # Odoo's test harness raises any timeout under 10 s to 10 s
        sandbox("/_sandbox/faults", {"slow_next": 1, "slow_ms": 10500})
        self.run_import_cron()
        self.assert_shop_a_stopped("Qoo10 could not be reached")
        self.assert_shop_b_imported()

    def test_a_business_error_stays_on_its_cart(self):
        bad, good = self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=4),
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=3),
        )
        real = OrderMapper.sale_order_values

        def refusing(mapper, order, rows):
            if order.pack_no == str(bad["pack_no"]):
                raise UserError(REFUSAL)
            return real(mapper, order, rows)

        with patch.object(OrderMapper, "sale_order_values", refusing):
            self.run_import_cron()
        by_pack = {order.pack_no: order for order in self.orders(self.backend)}
        self.assertEqual(by_pack[str(bad["pack_no"])].sync_state, "error")
        self.assertIn("not allowed", by_pack[str(bad["pack_no"])].sync_error)
        self.assertEqual(by_pack[str(good["pack_no"])].sync_state, "done")
        self.assertGreater(self.backend.import_from, self.start)
        self.assert_shop_b_imported()

    def test_an_unexpected_exception_stops_only_its_shop(self):
        self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        real = OrderImport.fetch
        shop_a = self.backend

        def failing(importer, start, end):
            if importer.backend == shop_a:
                raise RuntimeError("a bug in a customisation")
            return real(importer, start, end)

        with (
            patch.object(OrderImport, "fetch", failing),
            mute_logger("odoo.addons.qoo10_connector.models.qoo10_backend_sync"),
        ):
            self.run_import_cron()
        self.assert_shop_a_stopped("a bug in a customisation")
        self.assert_shop_b_imported()

    def test_an_unreadable_confirmation_answer_stops_nothing(self):
        (self.backend | self.shop_b).auto_confirm_orders = True
        self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        sandbox(
            "/_sandbox/faults",
            {"html_error_next": 1, "methods": ["SetSellerCheckYN_V2"]},
        )
        self.run_import_cron()
        line = self.orders(self.backend).line_ids
        self.assertEqual(line.confirm_state, "pending", "outcome unknown: sent again")
        self.assertFalse(self.backend.last_error)
        self.assertEqual(
            self.orders(self.shop_b).line_ids.mapped("confirm_state"),
            ["sent", "sent"],
        )
        self.run_import_cron()
        self.assertEqual(line.confirm_state, "sent")
        self.assertEqual(
            len(self.calls("ShippingBasic.SetSellerCheckYN_V2")),
            4,
            "A's line twice (unknown, then sent), B's lines once each",
        )
