# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Crash: a separate Odoo process running the crons on the test database is killed
(SIGKILL) while the sandbox holds the answer of a write it has just applied, in the
middle of an import window (its confirmations) and of a tracking send (the stock sync:
qoo10_connector_stock's test_reliability_stock_crash.py);
then the crons run again. Nothing is lost, nothing is there twice, and what Qoo10
applied before the crash is reconciled from what Qoo10 shows, not applied again.

What protects us is the transaction boundary: a cron run commits its work, its outbox
states included, when it ends, so a killed run leaves the database as it was before it
started; the next run reads back from Qoo10 what the lost run did there."""

from collections import Counter

from odoo.tests import tagged

from .common import sandbox
from .process_case import Qoo10ProcessCase
from .reliability import Figures, all_calls, per_order

HOLD_MS = 120000
CONFIRM = ("SetSellerCheckYN_V2", "SetSellerCheckYNBulk")
TRACKING = ("SetSendingInfo", "SetSendingInfoBulk")
ROUND = ("_cron_import_orders", "_cron_send_tracking", "_cron_sync_claims")


@tagged("post_install", "-at_install")
class TestReliabilityCrash(Qoo10ProcessCase):
    def crash(self, kinds, method):
        """Run the crons ``kinds`` in a separate Odoo process; kill it while Qoo10 (the
        sandbox) holds the answer of the ``method`` call it has just applied."""
        sandbox(
            "/_sandbox/faults",
            {"hold_next": 1, "hold_ms": HOLD_MS, "methods": [method]},
        )
        since = self.last_call()
        process = self.start_worker(kinds, name="crash-" + kinds[0])
        held = self.wait_held(process, method, since)
        self.kill(process)
        sandbox("/_sandbox/faults", {"reset": True})
        return held

    def cron_round(self, *names):
        """The crons once each, each run committed, as Odoo's scheduler runs them."""
        for name in names or ROUND:
            with self.env_cursor() as env:
                getattr(env["qoo10.backend"], name)()

    def counts(self):
        with self.env_cursor() as env:
            orders = env["qoo10.order"].search(
                [("backend_id", "=", self.ids["backend"])]
            )
            return {
                "carts": Counter(orders.mapped("pack_no")),
                "lines": Counter(orders.line_ids.mapped("order_no")),
                "sales": len(orders.sale_order_id),
                "sale_lines": len(orders.line_ids.sale_line_id),
                "import_from": env["qoo10.backend"]
                .browse(self.ids["backend"])
                .import_from,
            }

    def line_states(self, field):
        with self.env_cursor() as env:
            lines = env["qoo10.order.line"].search(
                [("backend_id", "=", self.ids["backend"])]
            )
            return {line.order_no: line[field] for line in lines}

    def on_qoo10(self, order_nos):
        return sandbox("/_sandbox/state?order_no=%s" % ",".join(order_nos))["orders"]

    def assert_once(self, counts, carts):
        packs = {str(cart["pack_no"]) for cart in carts}
        order_nos = {str(no) for cart in carts for no in cart["order_nos"]}
        self.assertEqual(
            dict(counts["carts"]), dict.fromkeys(packs, 1), "each cart once"
        )
        self.assertEqual(
            dict(counts["lines"]), dict.fromkeys(order_nos, 1), "each line once"
        )
        self.assertEqual(counts["sales"], len(packs), "one sale order per cart")
        self.assertEqual(counts["sale_lines"], len(order_nos), "one sale line per line")

    def test_killed_in_import_window_tracking_and_stock(self):
        figures = Figures("crash")
        carts = self.add_carts()
        order_nos = [str(no) for cart in carts for no in cart["order_nos"]]
        before = self.counts()
        # (a)+(b) killed in an import window, when the confirmations were applied on
        # Qoo10 and the carts written but not committed
        self.crash(["import"], "SetSellerCheckYNBulk")
        after_crash = self.counts()
        self.assertFalse(after_crash["carts"], "the killed window left no cart")
        self.assertEqual(after_crash["import_from"], before["import_from"])
        states = self.on_qoo10(order_nos)
        self.assertEqual({s["status"] for s in states.values()}, {3}, "Qoo10 applied")
        self.cron_round()
        self.assert_once(self.counts(), carts)
        self._check_applied_once(order_nos, "SetSellerCheck")
        self.assertEqual(
            set(self.line_states("qoo10_status").values()), {"3"}, "read from Qoo10"
        )
        self.assertNotIn("error", set(self.line_states("confirm_state").values()))
        # (c) killed in a tracking send, once Qoo10 applied the tracking numbers;
        # then the import runs first (it reads the lines on delivery: no resend) ...
        first = [str(no) for cart in carts[:3] for no in cart["order_nos"]]
        self._crash_tracking(first, ROUND)
        # ... or the tracking cron first (resent, refused by Qoo10, read back: sent)
        second = [no for no in order_nos if no not in first]
        self._crash_tracking(second, ROUND[1:] + ROUND[:1])
        self._check_applied_once(order_nos, "SetSendingInfo")
        self.assert_once(self.counts(), carts)
        confirm_read, confirm_lost = per_order(all_calls(), CONFIRM)
        self.assertEqual(confirm_read, Counter(), "no confirmation sent again")
        self.assertEqual(
            confirm_lost, Counter(order_nos), "one call, lost in the crash"
        )
        tracking_read, tracking_lost = per_order(all_calls(), TRACKING)
        self.assertEqual(
            tracking_lost, Counter(order_nos), "one call, lost in the crash"
        )
        self.assertEqual(
            tracking_read, Counter(second), "resent only by the tracking cron first"
        )
        figures.add(
            processes_killed=3,
            carts=len(carts),
            lines=len(order_nos),
            confirmations_sent_again=sum(confirm_read.values()),
            trackings_reconciled_by_import=len(first),
            trackings_resent_and_refused=sum(tracking_read.values()),
            duplicates_found=0,
            lost_found=0,
        )
        figures.record()

    def _crash_tracking(self, order_nos, rerun):
        self._queue_tracking(order_nos)
        self.crash(["tracking"], "SetSendingInfoBulk")
        states = self.line_states("tracking_state")
        self.assertEqual(
            {states[no] for no in order_nos}, {"pending"}, "the killed send rolled back"
        )
        self.assertEqual({s["status"] for s in self.on_qoo10(order_nos).values()}, {4})
        self.cron_round(*rerun)
        states = self.line_states("tracking_state")
        self.assertEqual({states[no] for no in order_nos}, {"sent"})
        errors = self.line_states("tracking_error")
        self.assertFalse(any(errors[no] for no in order_nos), errors)

    def _check_applied_once(self, order_nos, write):
        states = self.on_qoo10(order_nos)
        applied = {no: states[no]["applied"].count(write) for no in order_nos}
        self.assertEqual(applied, dict.fromkeys(order_nos, 1), "applied once on Qoo10")

    def _queue_tracking(self, order_nos):
        """The lines shipped: their tracking numbers in the outbox (what a validated
        delivery does, see stock_picking.py), committed."""
        with self.env_cursor() as env:
            lines = env["qoo10.order.line"].search(
                [
                    ("backend_id", "=", self.ids["backend"]),
                    ("order_no", "in", order_nos),
                ]
            )
            for line in lines:
                line.write(
                    {
                        "tracking_state": "pending",
                        "tracking_ref": "CRASH-%s" % line.order_no,
                        "tracking_carrier": "ヤマト宅急便",
                    }
                )
