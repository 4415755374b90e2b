# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Faults: N carts (QOO10_SOAK_CARTS, default 200) imported, confirmed on Qoo10 and
shipped with tracking numbers through repeated cron runs while the sandbox fails 20% of
every call in every way (dropped connections, 502, 503, timeouts, truncated JSON, BOM,
HTML error pages, empty bodies), each faulted call run anyway (only its answer lost).

At the end every cart is imported exactly once, each confirmation and tracking number
is sent until Qoo10 answered once and never after, nothing is lost and no cart is left
in error once the faults stop."""

from collections import Counter
from datetime import datetime, timedelta

from odoo.tests import tagged

from .common import Qoo10Case, jst, sandbox
from .reliability import (
    CARTS,
    FAULT_PERCENT,
    Figures,
    all_calls,
    faults_off,
    faults_on,
    per_order,
)

PRODUCTS = ("MUG-001", "TSHIRT-BLK-M", "BAG-01")
MAX_RUNS = 80
DAYS = 8


@tagged("post_install", "-at_install")
class TestReliabilityFaults(Qoo10Case):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("qoo10_connector.timeout", "1")
        params.set_param("qoo10_connector.retries", "1")
        cls.backend.write(
            {
                "auto_import_orders": True,
                "auto_confirm_orders": True,
                "auto_fulfillment": True,
            }
        )
        for code in PRODUCTS:
            product = cls.make_product(code)
            cls.env["stock.quant"]._update_available_quantity(
                product, cls.warehouse.lot_stock_id, CARTS * 10
            )
        cls.carrier = cls.backend.carrier_mapping_ids.filtered(
            lambda mapping: mapping.shipping_corp == "ヤマト宅急便"
        ).carrier_id

    def _carts(self):
        carts = []
        for n in range(CARTS):
            lines = [
                {"seller_item_code": PRODUCTS[(n + i) % 3], "price": 500 + i, "qty": 1}
                for i in range(1 + n % 3)
            ]
            cart = self.cart(lines, buyer={"name": "Buyer %d" % n})
            # over DAYS days: one import window a day
            cart["order_date"] = jst(24.0 * DAYS * (CARTS - n) / CARTS)
            carts.append(cart)
        return self.add_carts(*carts)

    def _run(self):
        """One round of the crons, as Odoo's scheduler would run them, with the
        deliveries that became ready shipped in between."""
        backends = self.env["qoo10.backend"]
        backends._cron_import_orders()
        self._ship_ready()
        backends._cron_send_tracking()
        backends._cron_sync_claims()

    def _done(self):
        orders = self._orders()
        lines = self.env["qoo10.order.line"].search_count(
            [("backend_id", "=", self.backend.id), ("tracking_state", "!=", "sent")]
        )
        return (
            len(orders) == CARTS
            and not lines
            and set(orders.mapped("sync_state")) == {"done"}
        )

    def _orders(self):
        return self.env["qoo10.order"].search([("backend_id", "=", self.backend.id)])

    def test_exactly_once_under_faults(self):
        figures = Figures("faults")
        answer = self._carts()
        order_nos = {str(no) for cart in answer for no in cart["order_nos"]}
        self.backend.import_from = datetime.now() - timedelta(days=DAYS + 1)
        self.clear_calls()
        faults_on(seed=1)
        for runs in range(1, MAX_RUNS + 1):  # noqa: B007 - counted in the figures
            self._run()
            if self._done():
                break
        else:
            self.fail("not done after %d runs" % MAX_RUNS)
        calls = all_calls()
        faults_off()
        self._run()
        duplicates, lost = self._check_imported_once(answer)
        confirm = self._check_once(
            calls, order_nos, ("SetSellerCheckYN_V2", "SetSellerCheckYNBulk")
        )
        tracking = self._check_once(
            calls, order_nos, ("SetSendingInfo", "SetSendingInfoBulk")
        )
        states = sandbox("/_sandbox/state?order_no=%s" % ",".join(order_nos))["orders"]
        self.assertEqual(len(states), len(order_nos))
        self.assertEqual({state["status"] for state in states.values()}, {4})
        refs = {state["tracking_no"] for state in states.values()}
        self.assertEqual(refs, {"YMT-%s" % cart["pack_no"] for cart in answer})
        faulted = Counter(call["fault"] for call in calls if call["fault"])
        figures.add(
            carts=CARTS,
            lines=len(order_nos),
            fault_percent=FAULT_PERCENT,
            calls=len(calls),
            faults_injected=sum(faulted.values()),
            by_kind=dict(sorted(faulted.items())),
            cron_rounds=runs,
            confirmations_resent=confirm[0],
            confirmations_reconciled=confirm[1],
            trackings_resent=tracking[0],
            trackings_reconciled=tracking[1],
            duplicates_found=duplicates,
            lost_found=lost,
        )
        figures.record()

    def _ship_ready(self):
        """The deliveries of imported carts, shipped with their own tracking reference
        (no Qoo10 call)."""
        pickings = self._orders().sale_order_id.picking_ids.filtered(
            lambda picking: picking.state == "assigned"
        )
        for picking in pickings:
            picking.carrier_id = self.carrier
            picking.carrier_tracking_ref = "YMT-%s" % picking.sale_id.client_order_ref
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
                move.picked = True
        pickings._action_done()

    def _check_imported_once(self, answer):
        """(duplicates, lost): carts or lines twice in Odoo, carts or lines missing."""
        orders = self._orders()
        packs = Counter(orders.mapped("pack_no"))
        wanted = {str(cart["pack_no"]) for cart in answer}
        sales = self.env["sale.order"].search([("company_id", "=", self.company.id)])
        wanted_lines = {str(no) for cart in answer for no in cart["order_nos"]}
        lines = Counter(orders.line_ids.mapped("order_no"))
        duplicates = sum(n - 1 for n in packs.values()) + len(sales) - len(orders)
        duplicates += sum(n - 1 for n in lines.values())
        duplicates += len(orders.line_ids) - len(orders.line_ids.sale_line_id)
        lost = len(wanted - set(packs)) + len(wanted_lines - set(lines))
        self.assertEqual((duplicates, lost), (0, 0))
        self.assertEqual(sales, orders.sale_order_id, "one sale order per cart")
        self.assertEqual(set(orders.mapped("sync_state")), {"done"}, "none in error")
        return duplicates, lost

    def _check_once(self, calls, order_nos, methods):
        """Each line was sent until Qoo10's answer was read once, never after (a line
        whose every answer was lost is read back from Qoo10 instead). Returns
        (sends repeated after a lost answer, lines reconciled without an answer)."""
        read, lost = per_order(calls, methods)
        self.assertEqual(set(read) | set(lost), order_nos, "every line sent")
        self.assertEqual(
            {no: n for no, n in read.items() if n != 1},
            {},
            "never sent again once read",
        )
        return sum(lost.values()), len(order_nos - set(read))
