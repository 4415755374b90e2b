# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from odoo.tests import tagged

from .common import Qoo10StockedCase, sandbox


@tagged("post_install", "-at_install")
class TestOrderWorkflow(Qoo10StockedCase):
    """The switches of the seed: automatic confirmation on Qoo10, automatic fulfilment."""

    def _state(self, order_no):
        return sandbox(f"/_sandbox/state?order_no={order_no}")["orders"][str(order_no)]

    def _expected_ship_date(self, lead_days):
        today = datetime.now(ZoneInfo("Asia/Tokyo")).date()
        return today + timedelta(days=lead_days)

    def test_switches_off_touch_nothing(self):
        (cart,) = self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        self.clear_calls()
        order = self.import_orders()
        self.assertEqual(order.sale_order_id.state, "draft")
        self.assertFalse(order.sale_order_id.picking_ids)
        self.assertEqual(order.line_ids.confirm_state, "none")
        self.assertFalse(self.calls("ShippingBasic.SetSellerCheckYN_V2"))
        self.assertEqual(self._state(cart["order_nos"][0])["status"], 2)

    def test_auto_confirmation_on_qoo10(self):
        self.backend.write(
            {
                "auto_confirm_orders": True,
                "confirm_lead_days": 3,
                "confirm_delay_type": "1",
            }
        )
        (cart,) = self.add_carts(
            self.cart(
                [{"seller_item_code": "MUG-001"}, {"seller_item_code": "MUG-001"}]
            )
        )
        self.clear_calls()
        order = self.import_orders()
        self.assertEqual(set(order.line_ids.mapped("confirm_state")), {"sent"})
        self.assertEqual(order.qoo10_status, "3")
        ship_date = self._expected_ship_date(3)
        self.assertEqual(set(order.line_ids.mapped("est_ship_date")), {ship_date})
        for order_no in cart["order_nos"]:
            state = self._state(order_no)
            self.assertEqual(state["status"], 3)
            self.assertEqual(
                state["est_ship_dt"].replace("-", ""), ship_date.strftime("%Y%m%d")
            )
        calls = self.calls("ShippingBasic.SetSellerCheckYN_V2")
        self.assertEqual(len(calls), 2)
        self.assertEqual(calls[0]["params"].get("DelayType"), "1")
        # sent once: later imports and crons do not send again
        self.import_orders()
        self.backend._qoo10_send_confirmations()
        self.assertEqual(len(self.calls("ShippingBasic.SetSellerCheckYN_V2")), 2)

    def test_many_lines_use_the_bulk_call(self):
        self.backend.auto_confirm_orders = True
        self.add_carts(
            *[
                self.cart([{"seller_item_code": "MUG-001"}], hours_ago=1 + i)
                for i in range(6)
            ]
        )
        self.clear_calls()
        orders = self.import_orders()
        self.assertEqual(set(orders.line_ids.mapped("confirm_state")), {"sent"})
        self.assertEqual(len(self.calls("ShippingBasic.SetSellerCheckYNBulk")), 1)
        self.assertFalse(self.calls("ShippingBasic.SetSellerCheckYN_V2"))

    def test_confirmation_waits_while_qoo10_is_unreachable(self):
        self.backend.auto_confirm_orders = True
        (cart,) = self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        sandbox(
            "/_sandbox/faults",
            {"drop_next": 1, "methods": ["ShippingBasic.SetSellerCheckYN_V2"]},
        )
        order = self.import_orders()
        self.assertEqual(order.sync_state, "done")
        self.assertEqual(order.line_ids.confirm_state, "pending", "kept in the outbox")
        self.assertEqual(self._state(cart["order_nos"][0])["status"], 2)
        self.backend.auto_import_orders = True
        self.env["qoo10.backend"]._cron_import_orders()
        self.assertEqual(order.line_ids.confirm_state, "sent")
        self.assertEqual(self._state(cart["order_nos"][0])["status"], 3)

    def test_refused_confirmation_is_shown_on_the_order(self):
        self.backend.auto_confirm_orders = True
        (cart,) = self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        sandbox(
            "/_sandbox/claims", {"order_no": cart["order_nos"][0], "claim_status": 4}
        )  # return requested
        self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        orders = self.import_orders()
        self.assertEqual(set(orders.line_ids.mapped("confirm_state")), {"sent"})
        # a line Qoo10 already moved on: confirmation refused, shown with Qoo10's words
        line = orders[0].line_ids[0]
        line.write({"confirm_state": "pending"})
        sandbox("/_sandbox/orders/status", {"order_no": line.order_no, "status": 4})
        self.backend._qoo10_send_confirmations()
        self.assertEqual(line.confirm_state, "error")
        self.assertTrue(line.confirm_error)
        self.assertIn(line.order_no, line.order_id.message_ids[0].body)

    def test_auto_fulfillment_creates_and_reserves_one_delivery(self):
        self.backend.auto_fulfillment = True
        self.add_carts(
            self.cart(
                [
                    {"seller_item_code": "MUG-001", "qty": 2},
                    {"seller_item_code": "MUG-001"},
                ]
            )
        )
        order = self.import_orders()
        sale = order.sale_order_id
        self.assertEqual(sale.state, "sale")
        self.assertEqual(sale.date_order, order.order_date, "Qoo10's order date stays")
        self.assertEqual(len(sale.picking_ids), 1, "one delivery per Qoo10 cart")
        picking = sale.picking_ids
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(picking.partner_id, sale.partner_shipping_id)
        self.assertEqual(sum(picking.move_ids.mapped("product_uom_qty")), 3)
        # independent of the confirmation switch
        self.assertEqual(set(order.line_ids.mapped("confirm_state")), {"none"})
