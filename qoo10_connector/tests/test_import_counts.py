# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What an import says: new, updated and unchanged carts counted apart; the import by
order numbers says only what applies; rows Qoo10 sends that are not records (a string,
a number) are named on the shop while the others import."""

from datetime import datetime, timedelta

from odoo.tests import tagged

from .common import Qoo10OrderImportCase, sandbox


@tagged("post_install", "-at_install")
class TestImportCounts(Qoo10OrderImportCase):
    def import_now(self):
        self.backend.import_from = datetime.now() - timedelta(days=2)
        return self.backend.action_import_orders()["params"]

    def test_import_now_counts_new_updated_and_unchanged_apart(self):
        _first, second = self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=3),
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=2),
            self.cart([{"seller_item_code": "NOPE-1"}], hours_ago=1),
        )[:2]
        message = self.import_now()["message"]
        self.assertIn("2 new, 0 updated, 0 unchanged, 1 waiting for a fix", message)
        # Qoo10 changes one cart: the other two are read again and change nothing
        sandbox("/_sandbox/orders/status", {"pack_no": second["pack_no"], "status": 3})
        message = self.import_now()["message"]
        self.assertIn("0 new, 1 updated, 1 unchanged, 1 waiting for a fix", message)
        message = self.import_now()["message"]
        self.assertIn("0 new, 0 updated, 2 unchanged, 1 waiting for a fix", message)

    def test_numbers_all_unknown_say_nothing_of_other_numbers(self):
        result = self.import_numbers(987654321, 987654322)
        message = result["params"]["message"]
        self.assertIn("987654321, 987654322", message)
        self.assertNotIn("other numbers", message)

    def test_numbers_some_unknown_count_the_others(self):
        (cart,) = self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        result = self.import_numbers(cart["order_nos"][0], 987654321)
        message = result["params"]["message"]
        self.assertIn("987654321", message)
        self.assertIn("1 Qoo10 carts imported from the other numbers", message)

    def test_rows_that_are_not_records_are_named_and_the_rest_imports(self):
        good, _text, _number = self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=3),
            self.cart(
                [{"seller_item_code": "MUG-001", "row_patch": {"replace": "garbage"}}],
                hours_ago=2,
            ),
            self.cart(
                [{"seller_item_code": "MUG-001", "row_patch": {"replace": 4242}}],
                hours_ago=1,
            ),
        )
        params = self.import_now()
        orders = self.env["qoo10.order"].search([("backend_id", "=", self.backend.id)])
        self.assertEqual(orders.mapped("pack_no"), [str(good["pack_no"])])
        self.assertEqual(orders.sync_state, "done")
        self.assertEqual(params["type"], "warning")
        self.assertIn("2 rows Qoo10 sent could not be imported", params["message"])
        self.assertEqual(self.backend.last_import_state, "waiting")
        self.assertIn(
            "2 rows Qoo10 sent could not be imported",
            self.backend.last_import_message,
        )
        note = self.backend.message_ids[0].body
        self.assertIn("not records", note)
        self.assertIn("garbage", note)
        self.assertIn("4242", note)
        # the next import without bad rows says so no more
        sandbox("/_sandbox/reset", {})
        self.renew_sandbox_key(self.backend)
        self.import_now()
        self.assertEqual(self.backend.last_import_state, "done")
        self.assertNotIn("could not be imported", self.backend.last_import_message)
