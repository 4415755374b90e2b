# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bad input: the corpus of malformed Qoo10 rows (reliability_corpus.py), served by the
sandbox in one answer with good carts. Each bad cart gets its own outcome; the good
carts import whatever the others hold."""

from odoo.tests import tagged

from .common import Qoo10OrderImportCase
from .reliability_corpus import CASES, MUG

GOOD_CARTS = 5
# explicit order numbers, so that a case can reuse one of them
GOOD_ORDER_NO = 990000001


@tagged("post_install", "-at_install")
class TestReliabilityBadInput(Qoo10OrderImportCase):
    def _carts(self):
        carts = [
            self.cart([dict(MUG, order_no=GOOD_ORDER_NO + n)], hours_ago=6)
            for n in range(GOOD_CARTS)
        ]
        for n, case in enumerate(CASES):
            lines = case["lines"] or [dict(MUG, row_patch=case["row"])]
            carts.append(self.cart(lines, hours_ago=5 - n * 0.01, **case["cart"]))
        # the same order number as a good cart, in a cart of its own
        carts.append(
            self.cart(
                [dict(MUG, row_patch={"set": {"OrderNo": GOOD_ORDER_NO}})],
                hours_ago=1,
            )
        )
        return carts

    def test_corpus(self):
        self.assertGreaterEqual(len(CASES), 40)
        answer = self.add_carts(*self._carts())
        self.import_orders()
        # a second run changes nothing: the outcomes are stable
        orders = self.import_orders()
        good, bad, twin = (
            answer[:GOOD_CARTS],
            answer[GOOD_CARTS:-1],
            answer[-1],
        )
        for cart in good:
            order = self._order(cart)
            self.assertEqual(order.sync_state, "done", order.sync_error)
            self.assertEqual(order.sale_order_id.amount_total, 800)
        for case, cart in zip(CASES, bad, strict=True):
            with self.subTest(case["name"]):
                self._check(case, cart)
        with self.subTest("an order number of another cart"):
            order = self._order(twin)
            self.assertEqual(order.sync_state, "error")
            self.assertIn(str(GOOD_ORDER_NO), order.sync_error)
            self.assertIn("another Qoo10 cart", order.sync_error)
        done = GOOD_CARTS + sum(case["expect"] == "done" for case in CASES)
        self.assertEqual(len(orders.filtered(lambda o: o.sync_state == "done")), done)

    def _order(self, cart):
        order = self.env["qoo10.order"].search(
            [
                ("backend_id", "=", self.backend.id),
                ("pack_no", "=", str(cart["pack_no"])),
            ]
        )
        if not order:
            line = self.env["qoo10.order.line"].search(
                [
                    ("backend_id", "=", self.backend.id),
                    ("order_no", "=", str(cart["order_nos"][0])),
                ]
            )
            order = line.order_id
        return order

    def _check(self, case, cart):
        order = self._order(cart)
        expect = case["expect"]
        if expect == "noted":
            self.assertFalse(order)
            notes = " ".join(self.backend.message_ids.mapped("body"))
            self.assertIn("without a usable cart or order number", notes)
            return
        self.assertEqual(len(order), 1)
        self.assertTrue(order.payload, "what Qoo10 sent is kept")
        if expect == "done":
            self.assertEqual(order.sync_state, "done", order.sync_error)
            self.assertEqual(order.sale_order_id.amount_total, case["amount"])
            return
        self.assertEqual(order.sync_state, expect)
        self.assertFalse(order.sale_order_id)
        for words in case["says"]:
            self.assertIn(words, order.sync_error)
        self.assertLess(len(order.sync_error), 2000, "a message a user can read")
