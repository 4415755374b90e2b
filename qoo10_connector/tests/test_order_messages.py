# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order screens say what happened: unknown order numbers, Retry, Re-fetch, Map this code."""

from odoo.tests import Form, tagged

from .common import Qoo10Case


@tagged("post_install", "-at_install")
class TestOrderMessages(Qoo10Case):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mug = cls.make_product("MUG-001")

    def test_unknown_numbers_are_named_and_the_others_imported(self):
        (cart,) = self.add_carts(
            self.cart([{"seller_item_code": "MUG-001", "price": 800}])
        )
        order_no = cart["order_nos"][0]
        result = self.import_numbers(order_no, 987654321, cart["pack_no"])
        self.assertEqual(result["tag"], "display_notification")
        message = result["params"]["message"]
        self.assertIn("987654321", message)
        self.assertIn(str(cart["pack_no"]), message)
        self.assertIn("is a cart number, not an order number", message)
        self.assertIn(f"its lines are {order_no}", message)
        shown = self.env["qoo10.order"].search(result["params"]["next"]["domain"])
        self.assertEqual(shown.pack_no, str(cart["pack_no"]))

    def test_only_unknown_numbers(self):
        result = self.import_numbers(987654321)
        self.assertEqual(result["params"]["type"], "warning")
        self.assertIn("987654321", result["params"]["message"])
        self.assertFalse(self.env["qoo10.order"].search([]))

    def _waiting_cart(self, code="CUP-404"):
        self.add_carts(self.cart([{"seller_item_code": code, "price": 900}]))
        order = self.import_orders()
        self.assertEqual(order.sync_state, "unmapped")
        return order

    def test_retry_says_the_cart_still_waits_and_why(self):
        order = self._waiting_cart()
        result = order.action_retry()
        self.assertEqual(result["params"]["type"], "warning")
        self.assertIn("still waits", result["params"]["message"])
        self.assertIn("CUP-404", result["params"]["message"])

    def test_retry_says_the_cart_is_imported(self):
        order = self._waiting_cart()
        self.make_product("CUP-404")
        result = order.action_retry()
        self.assertEqual(result["params"]["type"], "success")
        self.assertIn(order.sale_order_id.name, result["params"]["message"])

    def test_refetch_says_what_happened(self):
        self.add_carts(self.cart([{"seller_item_code": "MUG-001", "price": 800}]))
        order = self.import_orders()
        result = order.action_refetch()
        self.assertEqual(result["params"]["type"], "success")
        self.assertIn("imported", result["params"]["message"])

    def test_map_this_code_opens_a_prefilled_mapping_and_completes_the_cart(self):
        self.add_carts(
            self.cart(
                [
                    {"seller_item_code": "MUG-001", "price": 800},
                    {"seller_item_code": "BAG-01", "option_code": "BAG-RED"},
                    {"seller_item_code": "CUP-404", "price": 900},
                ]
            )
        )
        order = self.import_orders()
        self.assertEqual(order.sync_state, "unmapped")
        waiting = order.line_ids.filtered("code_waiting")
        self.assertEqual(
            sorted(
                waiting.mapped(lambda line: line.option_code or line.seller_item_code)
            ),
            ["BAG-RED", "CUP-404"],
            "the mug has its product: no button on its line",
        )
        action = order.action_map_code()
        self.assertEqual(action["res_model"], "qoo10.product.mapping")
        context = action["context"]
        self.assertEqual(context["default_backend_id"], self.backend.id)
        self.assertEqual(context["default_option_code"], "BAG-RED")
        self.assertNotIn("default_seller_item_code", context)
        cup_line = waiting.filtered(lambda line: line.seller_item_code == "CUP-404")
        cup_context = cup_line.action_map_code()["context"]
        self.assertEqual(cup_context["default_seller_item_code"], "CUP-404")
        for defaults, code in ((context, "BAG-RED"), (cup_context, "CUP-404")):
            form = Form(self.env["qoo10.product.mapping"].with_context(**defaults))
            form.product_id = self.make_product(code)
            form.save()
        self.assertTrue(order.retry_requested)
        self.run_import_cron()
        self.assertEqual(order.sync_state, "done")
        self.assertFalse(order.line_ids.filtered("code_waiting"))
