# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import Qoo10OrderImportCase, sandbox


@tagged("post_install", "-at_install")
class TestOrderImportRerun(Qoo10OrderImportCase):
    """Importing a cart again creates nothing twice and follows Qoo10's changes."""

    def test_rerun_creates_nothing_twice_and_follows_status_changes(self):
        (cart,) = self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}, {"seller_item_code": "BAG-01"}])
        )
        order = self.import_orders()
        sale = order.sale_order_id
        counts = (
            self.env["sale.order"].search_count([]),
            self.env["res.partner"].search_count([]),
        )
        self.import_orders()
        self.import_orders()
        self.assertEqual(
            self.env["qoo10.order"].search_count(
                [("backend_id", "=", self.backend.id)]
            ),
            1,
        )
        self.assertEqual(
            (
                self.env["sale.order"].search_count([]),
                self.env["res.partner"].search_count([]),
            ),
            counts,
        )
        self.assertEqual(order.qoo10_status, "2")
        sandbox("/_sandbox/orders/status", {"pack_no": cart["pack_no"], "status": 3})
        self.import_orders()
        self.assertEqual(order.qoo10_status, "3")
        self.assertEqual(set(order.line_ids.mapped("qoo10_status")), {"3"})
        self.assertEqual(order.sale_order_id, sale)
        self.assertEqual(len(sale.order_line), 2)

    def test_unpaid_orders_switch(self):
        (cart,) = self.add_carts(self.cart([{"seller_item_code": "MUG-001"}], status=1))
        self.backend.auto_fulfillment = True
        self.assertFalse(
            self.import_orders(),
            "unpaid orders are not imported unless the shop says so",
        )
        self.backend.import_unpaid_orders = True
        order = self.import_orders()
        self.assertEqual(order.qoo10_status, "1")
        self.assertEqual(
            order.sale_order_id.state, "draft", "unpaid: a quotation, no delivery"
        )
        self.assertFalse(order.sale_order_id.picking_ids)
        sandbox("/_sandbox/orders/status", {"pack_no": cart["pack_no"], "status": 2})
        self.import_orders()
        self.assertEqual(order.qoo10_status, "2")
        self.assertEqual(
            order.sale_order_id.state, "sale", "paid: the fulfilment switch confirms it"
        )

    def test_refetch_by_order_number(self):
        (cart,) = self.add_carts(
            self.cart(
                [
                    {"seller_item_code": "MUG-001", "price": 800},
                    {"seller_item_code": "BAG-01", "price": 1000},
                ],
                shipping_rate=700,
            )
        )
        wizard = self.env["qoo10.import.orders.wizard"].create(
            {
                "backend_id": self.backend.id,
                "mode": "numbers",
                "order_numbers": str(cart["order_nos"][0]),
            }
        )
        action = wizard.action_import()
        order = self.env["qoo10.order"].search(action["domain"])
        self.assertEqual(order.pack_no, str(cart["pack_no"]))
        self.assertEqual(len(order.line_ids), 2, "the whole cart, from the list API")
        self.assertEqual(order.sale_order_id.amount_total, 800 + 1000 + 700)
        order.action_refetch()
        self.assertEqual(
            self.env["qoo10.order"].search_count(
                [("pack_no", "=", str(cart["pack_no"]))]
            ),
            1,
        )
