# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Keys: a seller key that expires or is revoked in the middle of a cron run puts the
shop in its problem state with nothing of that run half-written; its crons then leave
Qoo10 alone, and after the key is renewed the run resumes and imports everything once."""

from datetime import datetime, timedelta

from odoo.tests import tagged

from .common import Qoo10Case, jst, sandbox

DAYS = 3
CARTS_PER_DAY = 4


@tagged("post_install", "-at_install")
class TestReliabilityKeys(Qoo10Case):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend.write({"auto_import_orders": True, "auto_confirm_orders": True})
        cls.make_product("MUG-001", "Mug")

    def _carts(self):
        carts = [
            self.cart(
                [{"seller_item_code": "MUG-001", "price": 800}],
                buyer={"name": "Buyer %d" % n},
            )
            for n in range(DAYS * CARTS_PER_DAY)
        ]
        for n, cart in enumerate(carts):
            cart["order_date"] = jst(24.0 * DAYS * (len(carts) - n) / len(carts))
        return self.add_carts(*carts)

    def _snapshot(self):
        orders = self.env["qoo10.order"].search([("backend_id", "=", self.backend.id)])
        return (
            self.backend.import_from,
            sorted(orders.mapped("pack_no")),
            sorted(orders.line_ids.mapped("confirm_state")),
            self.env["sale.order"].search_count([("company_id", "=", self.company.id)]),
        )

    def _key_dies(self, how, after_calls, window_kept=False):
        """One cron run in which the key dies at the ``after_calls``-th call.

        ``window_kept``: the key died after the window's carts were read, while their
        confirmations were sent: the carts are in, whole, and their confirmations wait
        in the outbox; else nothing of the run is kept."""
        self.backend.import_from = datetime.now() - timedelta(days=DAYS + 1)
        answer = self._carts()
        cron = self.env["qoo10.backend"]._cron_import_orders
        cron()  # a first window goes in
        before = self._snapshot()
        self.clear_calls()
        sandbox("/_sandbox/faults", {"keys_%s_in" % how: after_calls})
        cron()
        calls = self.calls()
        self.assertEqual(len(calls), after_calls, "the run stopped at the dead key")
        self.assertEqual(self.backend.state, "problem")
        self.assertTrue(self.backend.problem_message)
        if window_kept:
            self._check_window_kept(before)
        else:
            self.assertEqual(self._snapshot(), before, "nothing of the run is kept")
        self.clear_calls()
        cron()
        self.assertEqual(self.calls(), [], "a shop in problem leaves Qoo10 alone")
        self.issue_key(self.backend)  # Renew the key: Get Auth again
        self.assertEqual(self.backend.state, "connected")
        for _run in range(DAYS + 2):
            cron()
        orders = self.env["qoo10.order"].search([("backend_id", "=", self.backend.id)])
        self.assertEqual(
            sorted(orders.mapped("pack_no")),
            sorted(str(cart["pack_no"]) for cart in answer),
        )
        self.assertEqual(set(orders.mapped("sync_state")), {"done"})
        self.assertEqual(set(orders.line_ids.mapped("confirm_state")), {"sent"})
        self.assertEqual(len(orders.sale_order_id), len(orders))

    def _check_window_kept(self, before):
        orders = self.env["qoo10.order"].search([("backend_id", "=", self.backend.id)])
        self.assertGreater(self.backend.import_from, before[0])
        self.assertGreater(len(orders), len(before[1]))
        self.assertEqual(set(orders.mapped("sync_state")), {"done"})
        self.assertEqual(len(orders.sale_order_id), len(orders), "each cart whole")
        self.assertEqual(set(orders.line_ids.mapped("confirm_state")), {"pending"})
        numbers = ",".join(orders.line_ids.mapped("order_no"))
        states = sandbox("/_sandbox/state?order_no=%s" % numbers)["orders"]
        self.assertEqual({state["status"] for state in states.values()}, {2})

    def test_key_expires_while_fetching(self):
        self._key_dies("expire", 1)

    def test_key_expires_while_fetching_the_second_status(self):
        self._key_dies("expire", 2)

    def test_key_expires_while_confirming(self):
        # the window's reads are done (two statuses), its confirmation fails
        self._key_dies("expire", 3, window_kept=True)

    def test_key_revoked_while_confirming(self):
        self._key_dies("revoke", 3, window_kept=True)
