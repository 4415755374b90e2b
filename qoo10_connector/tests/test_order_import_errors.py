# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.qoo10_connector.components import OrderMapper
from odoo.addons.qoo10_connector.qapi.records import parse_order_line

from .common import Qoo10OrderImportCase, sandbox


@tagged("post_install", "-at_install")
class TestOrderImportErrors(Qoo10OrderImportCase):
    """A bad cart, row or answer stops only itself and loses nothing."""

    def test_bad_carts_are_isolated(self):
        self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], currency="SGD", hours_ago=6),
            self.cart(
                [{"seller_item_code": "MUG-001"}],
                receiver={"name": "", "addr1": "", "addr2": "", "zip": ""},
                hours_ago=5,
            ),
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=4),
        )
        orders = self.import_orders()
        self.assertEqual(len(orders), 3)
        by_state = {
            state: orders.filtered(lambda o, s=state: o.sync_state == s)
            for state in ("error", "done")
        }
        self.assertEqual(len(by_state["error"]), 2)
        self.assertEqual(len(by_state["done"]), 1)
        errors = " | ".join(by_state["error"].mapped("sync_error"))
        self.assertIn("SGD", errors)
        self.assertIn("no delivery address", errors)
        self.assertFalse(by_state["error"].sale_order_id)
        # "Retry" keeps the reason while it lasts
        by_state["error"].action_retry()
        self.assertEqual(set(by_state["error"].mapped("sync_state")), {"error"})

    def test_unreadable_rows_are_isolated(self):
        cart_a, cart_b = self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=3),
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=2),
        )
        rows = self.backend._qoo10_order_import().fetch(
            datetime.now() - timedelta(days=1), datetime.now()
        )
        by_pack = {row.pack_no: row for row in rows}
        broken = dict(by_pack[str(cart_a["pack_no"])].raw, OrderQty="abc")
        nameless = dict(by_pack[str(cart_b["pack_no"])].raw, PackNo="", OrderNo="")
        tz = self.backend.tz
        self.backend._qoo10_order_import().import_rows(
            [
                parse_order_line(broken, tz),
                by_pack[str(cart_b["pack_no"])],
                parse_order_line(nameless, tz),
            ],
        )
        order_a = self.env["qoo10.order"].search(
            [("pack_no", "=", str(cart_a["pack_no"]))]
        )
        order_b = self.env["qoo10.order"].search(
            [("pack_no", "=", str(cart_b["pack_no"]))]
        )
        self.assertEqual(order_a.sync_state, "error")
        self.assertIn("OrderQty='abc'", order_a.sync_error)
        self.assertEqual(
            order_a.payload[0]["OrderQty"], "abc", "the raw answer is kept"
        )
        self.assertEqual(order_b.sync_state, "done")
        self.assertIn(
            "without a usable cart or order number", self.backend.message_ids[0].body
        )

    def test_an_unexpected_failure_stops_only_its_cart(self):
        carts = self.add_carts(
            *[
                self.cart([{"seller_item_code": "MUG-001"}], hours_ago=5 - i)
                for i in range(3)
            ]
        )
        bad_pack = str(carts[1]["pack_no"])
        real = OrderMapper.sale_order_values

        def failing(context, order, rows):
            if order.pack_no == bad_pack:
                raise RuntimeError("disk full while creating the order")
            return real(context, order, rows)

        with patch.object(OrderMapper, "sale_order_values", failing):
            orders = self.import_orders()
        bad = orders.filtered(lambda o: o.pack_no == bad_pack)
        self.assertEqual(bad.sync_state, "error")
        self.assertIn("disk full", bad.sync_error)
        self.assertFalse(bad.sale_order_id)
        self.assertEqual(len(bad.line_ids), 1, "what Qoo10 sent is kept")
        good = orders - bad
        self.assertEqual(good.mapped("sync_state"), ["done", "done"])
        self.assertEqual(len(good.sale_order_id), 2)
        bad.action_retry()
        self.assertEqual(bad.sync_state, "done")

    def test_malformed_answer_loses_nothing(self):
        self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        before = self.backend.import_from = datetime.now() - timedelta(days=1)
        sandbox(
            "/_sandbox/faults",
            {"truncate_next": 10, "methods": ["ShippingBasic.GetShippingInfo_v3"]},
        )
        with self.assertRaises(UserError) as caught:
            self.backend.action_import_orders()
        self.assertIn("Qoo10", str(caught.exception))
        self.assertEqual(
            self.backend.import_from,
            before,
            "the import point does not move past failed work",
        )
        sandbox("/_sandbox/faults", {"truncate_next": 0})
        self.assertEqual(len(self.import_orders()), 1)
