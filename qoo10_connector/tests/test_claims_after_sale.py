# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every claim family of QAPI.md §8.1, before and after shipment: what moves in Odoo
(a cancellation before shipment only) and the to-do for the person responsible."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import Qoo10Case, sandbox

RETURN = {
    "delivery_company_return": "ヤマト運輸",
    "tracking_no_return": "RT-998877",
}


class ClaimCase(Qoo10Case):
    """The shop fulfils automatically; a mug (2 ordered) and a bag in one cart."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mug = cls.make_product("MUG-001", "Mug")
        cls.bag = cls.make_product("BAG-01", "Bag")
        for product in cls.mug | cls.bag:
            cls.env["stock.quant"]._update_available_quantity(
                product, cls.warehouse.lot_stock_id, 50
            )
        cls.backend.auto_fulfillment = True

    def import_cart(self):
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
        mug, bag = (
            order.line_ids.filtered(lambda ln, n=n: ln.order_no == str(n))
            for n in cart["order_nos"]
        )
        return order, mug, bag

    @staticmethod
    def ship(order):
        """Validate the delivery, as the warehouse does when the parcel leaves."""
        picking = order.sale_order_id.picking_ids
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        return picking

    def claim(self, line, code, **values):
        sandbox(
            "/_sandbox/claims",
            dict(values, order_no=int(line.order_no), claim_status=code),
        )
        self.backend.action_sync_claims()

    @staticmethod
    def todos(order):
        return order.sale_order_id.activity_ids.filtered(
            lambda a: a.summary and "Qoo10" in a.summary
        )

    def moved_qty(self, order):
        moves = order.sale_order_id.picking_ids.move_ids.filtered(
            lambda m: m.state != "cancel"
        )
        return sum(moves.mapped("product_uom_qty"))

    def open_wizard(self, records, **values):
        """The "Cancel on Qoo10" button of a sale order or line, as a Qoo10 manager."""
        action = records.with_user(self.manager).action_qoo10_cancel()
        wizards = self.env[action["res_model"]].with_user(self.manager)
        return wizards.with_context(**action["context"]).create(values)

    def cancel_refused(self, wizard):
        """The wizard's UserError message. No assertRaises: its savepoint would also undo
        the chatter note the wizard keeps in a transaction of its own."""
        try:
            wizard.action_cancel()
        except UserError as error:
            return str(error)
        self.fail("Qoo10's refusal must be shown")

    def assert_unchanged(self, order, *lines):
        for line in lines:
            self.assertFalse(line.claim_status)
            self.assertEqual(line.qoo10_status, "2")
        self.assertEqual(self.moved_qty(order), 3)
        self.assertEqual(order.sale_order_id.state, "sale")


@tagged("post_install", "-at_install")
class TestClaimsAfterSale(ClaimCase):
    def test_return_after_shipment_gives_one_todo_and_moves_nothing(self):
        order, mug, _bag = self.import_cart()
        sale = order.sale_order_id
        sale.user_id = self.manager
        picking = self.ship(order)
        self.assertEqual(picking.state, "done")
        self.assertEqual(mug.sale_line_id.qty_delivered, 2)
        self.claim(mug, 4, reason="サイズ違い", **RETURN)
        self.assertEqual((mug.claim_status, mug.claim_family), ("4", "return"))
        self.assertEqual(mug.return_tracking_no, "RT-998877")
        self.assertEqual(mug.return_carrier, "ヤマト運輸")
        self.assertEqual(mug.claim_payload["trackingNoReturn"], "RT-998877")
        todo = self.todos(order)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.manager, "the salesperson")
        self.assertIn(mug.order_no, todo.summary)
        for text in ("サイズ違い", "RT-998877", "ヤマト運輸", "2"):
            self.assertIn(text, str(todo.note))
        # nothing moved by itself: no return picking, the sale line and invoice status stay
        self.assertEqual(len(sale.picking_ids), 1)
        self.assertEqual(mug.sale_line_id.product_uom_qty, 2)
        self.assertEqual(sale.state, "sale")
        self.assertNotEqual(mug.qoo10_status, "cancel")
        # the same claim read again (the window overlaps): no second to-do
        self.backend.action_sync_claims()
        self.assertEqual(len(self.todos(order)), 1)
        # the next state gets its own to-do, once
        self.claim(mug, 6, reason="サイズ違い", **RETURN)
        self.assertEqual(mug.claim_status, "6")
        self.assertEqual(len(self.todos(order)), 2)
        self.assertIn("RT-998877", order.message_ids[0].body)

    def test_exchange_and_non_receipt_after_shipment(self):
        order, mug, bag = self.import_cart()
        self.ship(order)
        self.claim(mug, 11, reason="色違い")
        self.claim(bag, 14, reason="未着", nr_sol_type="NC")
        self.assertEqual(mug.claim_family, "exchange")
        self.assertEqual(bag.claim_family, "non_receipt")
        self.assertEqual(bag.claim_payload["nrSolType"], "NC")
        todos = self.todos(order)
        self.assertEqual(len(todos), 2)
        # no salesperson: the shop's Qoo10 managers who may read the sale order
        order.sale_order_id.user_id = False
        self.claim(mug, 13)
        self.assertEqual(mug.claim_status, "13")
        new = self.todos(order) - todos
        self.assertTrue(new)
        self.assertIn(self.manager, new.user_id)
        self.assertEqual(order.sale_order_id.state, "sale")
        self.assertEqual(
            (mug | bag).sale_line_id.mapped("qty_delivered"), [2, 1], "nothing moved"
        )

    def test_cancellation_after_shipment_moves_nothing(self):
        order, mug, _bag = self.import_cart()
        self.ship(order)
        self.claim(mug, 3)
        self.assertEqual(mug.qoo10_status, "cancel")
        self.assertEqual(mug.sale_line_id.product_uom_qty, 2)
        self.assertEqual(order.sale_order_id.state, "sale")
        self.assertEqual(len(self.todos(order)), 1)

    def test_claims_before_shipment(self):
        """Before shipment only a completed cancellation moves anything; a request, a
        return or an exchange request gives a to-do."""
        order, mug, bag = self.import_cart()
        self.assertEqual(self.moved_qty(order), 3)
        for code, family in ((1, "cancel"), (4, "return"), (11, "exchange")):
            self.claim(bag, code)
            self.assertEqual(bag.claim_family, family)
            self.assertEqual(bag.sale_line_id.product_uom_qty, 1)
        self.assertEqual(len(self.todos(order)), 3)
        self.claim(mug, 3, reason="お客様都合")
        self.assertEqual(mug.sale_line_id.product_uom_qty, 0)
        self.assertEqual(self.moved_qty(order), 1, "the delivery follows")
        self.assertEqual(len(self.todos(order)), 3, "nothing to do for a cancellation")
        self.claim(bag, 16)
        self.assertEqual(order.sale_order_id.state, "cancel")
        self.assertEqual(order.qoo10_status, "cancel")

    def test_completion_of_an_old_claim_comes_by_its_completion_date(self):
        order, mug, _bag = self.import_cart()
        self.ship(order)
        sandbox("/_sandbox/clock", {"now": "2026-01-05 10:00:00"})
        sandbox("/_sandbox/claims", {"order_no": int(mug.order_no), "claim_status": 4})
        sandbox("/_sandbox/clock", {"now": None})
        self.claim(mug, 6)
        self.assertEqual(mug.claim_status, "6")
        conditions = {
            call["params"].get("search_condition")
            for call in self.calls("ShippingBasic.GetClaimInfo_V3")
        }
        self.assertEqual(conditions, {"2", "3"})


@tagged("post_install", "-at_install")
class TestSellerCancel(ClaimCase):
    def test_seller_cancel_of_a_line(self):
        order, mug, _bag = self.import_cart()
        self.clear_calls()
        wizard = self.open_wizard(
            mug.sale_line_id, reason="shipping_delay", memo="入荷遅れ"
        )
        self.assertEqual(wizard.line_ids, mug)
        result = wizard.action_cancel()
        self.assertEqual(result["params"]["type"], "success")
        (call,) = self.calls("Claim.SetCancelProcess")
        self.assertEqual(call["params"]["ContrNo"], mug.order_no)
        self.assertEqual(call["params"]["CancelReason"], "3")
        self.assertEqual(call["params"]["SellerMemo"], "入荷遅れ")
        state = sandbox(f"/_sandbox/state?order_no={mug.order_no}")["orders"]
        self.assertEqual(state[mug.order_no]["claim_status"], 3)
        self.assertEqual(
            (mug.claim_status, mug.seller_cancel_reason, mug.qoo10_status),
            ("3", "shipping_delay", "cancel"),
        )
        self.assertEqual(mug.sale_line_id.product_uom_qty, 0)
        self.assertEqual(self.moved_qty(order), 1)
        self.assertFalse(mug.sale_line_id.qoo10_cancellable)
        # the next claim sync reads the same cancellation back: not applied twice
        messages = len(order.message_ids)
        self.backend.action_sync_claims()
        self.assertTrue(self.calls("ShippingBasic.GetClaimInfo_V3"))
        self.assertEqual(len(order.message_ids), messages)
        self.assertEqual(mug.seller_cancel_reason, "shipping_delay")
        self.assertFalse(self.todos(order))

    def test_seller_cancel_of_the_whole_order(self):
        order, mug, bag = self.import_cart()
        self.clear_calls()
        wizard = self.open_wizard(order.sale_order_id)
        self.assertEqual(wizard.line_ids, mug | bag)
        self.assertEqual(wizard.reason, "out_of_stock")
        wizard.action_cancel()
        calls = self.calls("Claim.SetCancelProcess")
        self.assertEqual(
            [(c["params"]["ContrNo"], c["params"]["CancelReason"]) for c in calls],
            [(mug.order_no, ""), (bag.order_no, "")],
        )
        self.assertEqual(order.sale_order_id.state, "cancel")
        self.assertEqual(order.qoo10_status, "cancel")

    def test_partly_refused_seller_cancel(self):
        """Qoo10 accepts the first line and refuses the second, shipped meanwhile."""
        order, mug, bag = self.import_cart()
        sandbox("/_sandbox/orders/status", {"order_no": int(bag.order_no), "status": 4})
        result = self.open_wizard(order.sale_order_id).action_cancel()
        self.assertEqual(result["params"]["type"], "warning")
        self.assertIn(bag.order_no, result["params"]["message"])
        self.assertEqual((mug.claim_status, bag.claim_status), ("3", False))
        self.assertEqual(mug.sale_line_id.product_uom_qty, 0)
        self.assertEqual(bag.sale_line_id.product_uom_qty, 1)
        self.assertEqual(order.sale_order_id.state, "sale")
        self.assertIn(bag.order_no, order.message_ids[0].body)

    def test_unreachable_qoo10_changes_nothing(self):
        order, mug, bag = self.import_cart()
        sandbox(
            "/_sandbox/faults", {"drop_next": 1, "methods": ["Claim.SetCancelProcess"]}
        )
        message = self.cancel_refused(self.open_wizard(mug.sale_line_id))
        self.assertIn("could not be reached", message)
        self.assert_unchanged(order, mug, bag)
        self.assertIsNone(
            sandbox(f"/_sandbox/state?order_no={mug.order_no}")["orders"][mug.order_no][
                "claim_status"
            ]
        )

    def test_sale_order_form_without_qoo10_access(self):
        """A salesperson without Qoo10 access still opens sale orders: the Qoo10 cancel
        column and buttons are left out of the form for them."""
        salesman = new_test_user(
            self.env,
            "plain_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        order, _mug, _bag = self.import_cart()
        sale = order.sale_order_id

        def arch(user):
            views = sale.with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        self.assertFalse("qoo10_cancellable" in arch(salesman))
        self.assertFalse("action_qoo10_cancel" in arch(salesman))
        self.assertTrue("action_qoo10_cancel" in arch(self.manager))
        self.assertTrue(sale.with_user(salesman).order_line.read(["product_uom_qty"]))

    def test_only_unshipped_lines_and_only_managers(self):
        order, mug, _bag = self.import_cart()
        with self.assertRaises(AccessError):
            order.sale_order_id.with_user(self.user).action_qoo10_cancel()
        self.ship(order)
        self.assertFalse(mug.sale_line_id.qoo10_cancellable)
        with self.assertRaises(UserError):
            self.open_wizard(order.sale_order_id)


@tagged("post_install", "-at_install")
class TestSellerCancelRefused(ClaimCase, HttpCase):
    """An HttpCase: the refusal note is written in a transaction of its own
    (``registry.cursor()``), which shares the test's transaction only in test mode."""

    def test_refused_seller_cancel_changes_nothing(self):
        order, mug, bag = self.import_cart()
        sandbox("/_sandbox/faults", {"refuse_cancel_next": 1})
        wizard = self.open_wizard(order.sale_order_id, reason="order_change")
        message = self.cancel_refused(wizard)
        self.assertIn(mug.order_no, message)
        self.assertIn("-10004", message)
        self.assertEqual(len(self.calls("Claim.SetCancelProcess")), 1, "stops there")
        self.assert_unchanged(order, mug, bag)
        order.invalidate_recordset(["message_ids"])
        self.assertIn("-10004", order.message_ids[0].body, "noted in the chatter")
