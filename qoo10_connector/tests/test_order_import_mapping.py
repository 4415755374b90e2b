# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import Qoo10OrderImportCase


@tagged("post_install", "-at_install")
class TestOrderImportMapping(Qoo10OrderImportCase):
    """Which product a Qoo10 line becomes, and carts that wait for one."""

    def test_mapping_order_option_code_then_item_code_then_reference(self):
        option_product = self.make_product("OPT-PRODUCT")
        self.env["qoo10.product.mapping"].create(
            {
                "backend_id": self.backend.id,
                "seller_item_code": "BAG-01",
                "option_code": "BAG-RED",
                "product_id": option_product.id,
            }
        )
        item_no_product = self.make_product("ITEM-NO-PRODUCT")
        self.env["qoo10.product.mapping"].create(
            {
                "backend_id": self.backend.id,
                "item_code": "880002",
                "product_id": item_no_product.id,
            }
        )
        self.add_carts(
            self.cart(
                [
                    {
                        "seller_item_code": "BAG-01",
                        "option_code": "BAG-RED",
                    },  # option mapping wins
                    {
                        "seller_item_code": "BAG-01",
                        "option_code": "BAG-BLUE",
                    },  # no option mapping: item mapping
                    {
                        "seller_item_code": "ANY",
                        "option_code": "MUG-001",
                    },  # internal reference of the option code
                    {
                        "seller_item_code": "MUG-001"
                    },  # internal reference of the item code
                    {
                        "item_code": "880002",
                        "seller_item_code": "MUG-001",
                    },  # Qoo10 Item No. mapping before internal references
                ]
            )
        )
        order = self.import_orders()
        self.assertEqual(order.sync_state, "done", order.sync_error)
        products = [
            line.sale_line_id.product_id for line in order.line_ids.sorted("order_no")
        ]
        self.assertEqual(
            products, [option_product, self.bag, self.mug, self.mug, item_no_product]
        )

    def test_unmapped_line_waits_then_completes_by_itself(self):
        products_before = self.env["product.product"].search_count([])
        self.add_carts(
            self.cart(
                [
                    {"seller_item_code": "MUG-001"},
                    {"seller_item_code": "NEW-ITEM", "option_code": "NEW-RED"},
                ]
            ),
            self.cart([{"seller_item_code": "BAG-01"}]),
        )
        orders = self.import_orders()
        waiting = orders.filtered(lambda o: o.sync_state == "unmapped")
        self.assertEqual(len(waiting), 1)
        self.assertIn("NEW-RED", waiting.sync_error)
        # every code that could map the line: option, seller item code, Qoo10 Item No.
        self.assertEqual(
            set(waiting.missing_codes.split(",")),
            {"NEW-RED", "NEW-ITEM", waiting.line_ids[1].item_code},
        )
        self.assertFalse(waiting.sale_order_id)
        # what Qoo10 sent stays visible while the order waits
        self.assertEqual(waiting.buyer_name, "山田 太郎")
        self.assertEqual(len(waiting.line_ids), 2)
        self.assertEqual(waiting.qoo10_status, "2")
        self.assertIn("NEW-RED", waiting.message_ids[0].body)
        self.assertEqual(
            (orders - waiting).sync_state, "done", "the rest of the batch is imported"
        )
        self.assertEqual(
            self.env["product.product"].search_count([]),
            products_before,
            "no placeholder product",
        )
        unmapped_action = self.env.ref("qoo10_connector.action_qoo10_order_unmapped")
        self.assertIn("search_default_unmapped", unmapped_action.context)
        new = self.make_product("ODOO-NEW")
        self.assert_saved_without_qoo10(
            waiting,
            lambda: self.env["qoo10.product.mapping"].create(
                {
                    "backend_id": self.backend.id,
                    "option_code": "NEW-RED",
                    "product_id": new.id,
                }
            ),
        )
        self.assertEqual(waiting.sync_state, "done")
        self.assertIn(new, waiting.sale_order_id.order_line.product_id)

    def test_internal_reference_set_later_completes_the_order(self):
        self.add_carts(self.cart([{"seller_item_code": "LATER-1"}]))
        order = self.import_orders()
        self.assertEqual(order.sync_state, "unmapped")
        self.assert_saved_without_qoo10(order, lambda: self.make_product("LATER-1"))
        self.assertEqual(order.sync_state, "done")

    def test_listing_without_seller_codes_is_mapped_by_qoo10_item_no(self):
        self.add_carts(self.cart([{"item_code": "990001", "title": "コードなし"}]))
        order = self.import_orders()
        self.assertEqual(order.sync_state, "unmapped")
        self.assertEqual(order.missing_codes, "990001")
        product = self.make_product("NO-SELLER-CODE")
        self.env["qoo10.product.mapping"].create(
            {
                "backend_id": self.backend.id,
                "item_code": "990001",
                "product_id": product.id,
            }
        )
        self.run_import_cron()
        self.assertEqual(order.sync_state, "done", order.sync_error)
        self.assertEqual(order.line_ids.sale_line_id.product_id, product)

    def test_only_carts_that_can_now_complete_are_imported_again(self):
        self.add_carts(
            self.cart([{"seller_item_code": "WAIT-A"}]),
            self.cart([{"seller_item_code": "WAIT-B"}]),
        )
        orders = self.import_orders()
        wait_a = orders.filtered(lambda order: "WAIT-A" in order.missing_codes)
        wait_b = orders.filtered(lambda order: "WAIT-B" in order.missing_codes)
        order_model = type(self.env["qoo10.order"])
        retry = order_model.action_retry
        with patch.object(
            order_model, "action_retry", autospec=True, side_effect=retry
        ) as spy:
            self.make_product("WAIT-A")
            self.assertEqual(spy.call_args_list, [], "the save imports nothing")
            self.assertTrue(wait_a.retry_requested)
            self.assertFalse(wait_b.retry_requested)
            self.run_import_cron()
        self.assertEqual(
            [call.args[0] for call in spy.call_args_list],
            [wait_a],
            "a cart that still cannot complete is not imported again",
        )
        self.assertEqual(wait_a.sync_state, "done")
        self.assertEqual(wait_b.sync_state, "unmapped")

    def test_item_mapping_wakes_a_cart_waiting_on_its_option_code(self):
        self.add_carts(
            self.cart([{"seller_item_code": "WAKE-ITEM", "option_code": "WAKE-OPT"}])
        )
        order = self.import_orders()
        self.assertEqual(order.sync_state, "unmapped")
        self.assertIn("WAKE-OPT", order.sync_error, "the message names the option")
        self.env["qoo10.product.mapping"].create(
            {
                "backend_id": self.backend.id,
                "seller_item_code": "WAKE-ITEM",
                "product_id": self.mug.id,
            }
        )
        self.run_import_cron()
        self.assertEqual(order.sync_state, "done", "the item's mapping covers it")

    def test_import_cron_completes_carts_nothing_else_woke(self):
        product = self.make_product("ARCHIVED-1")
        product.action_archive()
        self.add_carts(self.cart([{"seller_item_code": "ARCHIVED-1"}]))
        order = self.import_orders()
        self.assertEqual(order.sync_state, "unmapped", "archived products are not used")
        product.action_unarchive()
        self.assertEqual(order.sync_state, "unmapped", "unarchiving sets no code")
        self.backend.auto_import_orders = True
        self.env["qoo10.backend"]._cron_import_orders()
        self.assertEqual(order.sync_state, "done", "the cron's pass finds it")

    def test_a_code_maps_to_one_product_per_shop(self):
        mapping = self.env["qoo10.product.mapping"]
        other = self.make_product("OTHER")
        common = {"backend_id": self.backend.id, "product_id": other.id}
        mapping.create(dict(common, seller_item_code="IT-1", item_code="880001"))
        mapping.create(dict(common, seller_item_code="IT-1", option_code="OPT-9"))
        for values in (
            {"seller_item_code": "IT-2", "option_code": "OPT-9"},
            {"seller_item_code": "IT-1"},
            {"seller_item_code": "IT-1", "option_code": ""},
            {"item_code": "880001"},
        ):
            with (
                self.subTest(**values),
                self.assertRaises(IntegrityError),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                mapping.create(dict(common, **values))
                mapping.flush_model()
        shop_2 = self.env["qoo10.backend"].create(
            self._backend_values(name="Second shop", shop_login="other_shop")
        )
        mapping.create(dict(common, backend_id=shop_2.id, seller_item_code="IT-1"))
        with self.assertRaises(ValidationError):
            mapping.create(dict(common, seller_item_code=False))
