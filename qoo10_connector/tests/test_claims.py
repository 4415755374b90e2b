# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import sandbox
from .test_claims_after_sale import ClaimCase


@tagged("post_install", "-at_install")
class TestClaims(ClaimCase):
    def _import_cart(self):
        (cart,) = self.add_carts(
            self.cart(
                [
                    {"seller_item_code": "MUG-001", "qty": 2},
                    {"seller_item_code": "BAG-01"},
                ]
            )
        )
        self.import_orders()
        order = self.env["qoo10.order"].search([("pack_no", "=", str(cart["pack_no"]))])
        self.assertEqual(order.sale_order_id.state, "sale")
        return cart, order

    def test_cancelled_line_updates_the_existing_records(self):
        for claim_format in ("code", "label"):
            sandbox("/_sandbox/faults", {"claim_status_format": claim_format})
            cart, order = self._import_cart()
            mug_no, bag_no = (str(n) for n in cart["order_nos"])
            sandbox(
                "/_sandbox/claims",
                {"order_no": int(mug_no), "claim_status": 3, "reason": "customer"},
            )
            self.backend.action_sync_claims()
            mug_line = order.line_ids.filtered(
                lambda line, n=mug_no: line.order_no == n
            )
            self.assertEqual(mug_line.qoo10_status, "cancel", claim_format)
            self.assertEqual(mug_line.claim_status, "3")
            self.assertEqual(mug_line.claim_family, "cancel")
            self.assertEqual(mug_line.sale_line_id.product_uom_qty, 0)
            self.assertEqual(order.sale_order_id.state, "sale")
            self.assertEqual(
                sum(order.sale_order_id.picking_ids.move_ids.mapped("product_uom_qty")),
                1,
            )
            self.assertIn(mug_no, order.message_ids[0].body)
            # the next import does not bring the cancelled line back
            self.import_orders()
            self.assertEqual(mug_line.qoo10_status, "cancel")
            # the last line cancelled: the whole sale order is
            sandbox("/_sandbox/claims", {"order_no": int(bag_no), "claim_status": 3})
            self.backend.action_sync_claims()
            self.assertEqual(order.qoo10_status, "cancel")
            self.assertEqual(order.sale_order_id.state, "cancel")

    def test_cancel_request_is_noted_and_handed_to_a_person(self):
        cart, order = self._import_cart()
        sandbox(
            "/_sandbox/claims", {"order_no": cart["order_nos"][0], "claim_status": 1}
        )
        self.backend.action_sync_claims()
        line = order.line_ids.filtered(
            lambda line: line.order_no == str(cart["order_nos"][0])
        )
        self.assertEqual(line.claim_status, "1")
        self.assertNotEqual(line.qoo10_status, "cancel")
        self.assertEqual(line.sale_line_id.product_uom_qty, 2)
        self.assertIn("claim", order.message_ids[0].body)
        # the request is accepted or refused in QSM: a to-do says so, nothing moves
        (todo,) = order.sale_order_id.activity_ids
        self.assertIn(line.order_no, todo.summary)
