# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Crash: a separate Odoo process running the stock cron is killed (SIGKILL) while the
sandbox holds the answer of the quantities it has just applied; the cron runs again.

The killed run's transaction is gone, so no mapping says "sent": the next run sends the
same absolute quantities again (Qoo10's stock is set, never added to, so applying them
twice changes nothing), marks them sent, and the run after sends nothing."""

import json
from collections import Counter

from odoo.tests import tagged

from odoo.addons.qoo10_connector.tests.common import sandbox
from odoo.addons.qoo10_connector.tests.process_case import Qoo10ProcessCase
from odoo.addons.qoo10_connector.tests.reliability import Figures, all_calls

METHOD = "SetGoodsPriceQtyBulk"


@tagged("post_install", "-at_install")
class TestReliabilityStockCrash(Qoo10ProcessCase):
    def _mappings(self):
        items = self.add_items(self.codes)
        with self.env_cursor() as env:
            backend = env["qoo10.backend"].browse(self.ids["backend"])
            backend.auto_export_stock = True
            env["qoo10.product.mapping"].create(
                [
                    {
                        "backend_id": backend.id,
                        "item_code": item["item_code"],
                        "seller_item_code": item["seller_code"],
                        "product_id": product_id,
                    }
                    for item, product_id in zip(
                        items, self.ids["products"], strict=True
                    )
                ]
            )
        return [item["item_code"] for item in items]

    def _on_qoo10(self, item_codes):
        items = sandbox("/_sandbox/state?item_code=%s" % ",".join(item_codes))["items"]
        return {item["seller_code"]: item["qty"] for item in items.values()}

    def _in_odoo(self):
        with self.env_cursor() as env:
            mappings = env["qoo10.product.mapping"].search(
                [("backend_id", "=", self.ids["backend"])]
            )
            location = env["stock.location"].browse(self.ids["stock"])
            free = {
                m.seller_item_code: int(
                    m.product_id.with_context(location=location.id).free_qty
                )
                for m in mappings
            }
            return free, {m.seller_item_code: m.stock_state for m in mappings}

    def _stock_cron(self):
        with self.env_cursor() as env:
            env["qoo10.backend"]._cron_export_stock()

    def test_killed_in_a_stock_sync(self):
        figures = Figures("stock crash")
        item_codes = self._mappings()
        free, states = self._in_odoo()
        sandbox(
            "/_sandbox/faults", {"hold_next": 1, "hold_ms": 120000, "methods": [METHOD]}
        )
        since = self.last_call()
        process = self.start_worker(["stock"], name="crash-stock")
        self.wait_held(process, METHOD, since)
        self.kill(process)
        sandbox("/_sandbox/faults", {"reset": True})
        self.assertEqual(self._on_qoo10(item_codes), free, "Qoo10 applied them")
        self.assertEqual(self._in_odoo()[1], states, "the killed run left no state")
        self.assertNotIn("sent", set(states.values()))
        self._stock_cron()
        self._stock_cron()  # nothing changed: nothing sent
        self.assertEqual(self._in_odoo()[1], dict.fromkeys(free, "sent"))
        self.assertEqual(self._on_qoo10(item_codes), free, "the same quantities")
        sent = Counter()
        for call in all_calls():
            if call["method"].endswith(METHOD):
                rows = json.loads(call["params"]["ItemInfoJson"])
                sent.update(row["SellerCode"] for row in rows)
        # once in the killed run, once after it (the same absolute quantity), never more
        self.assertEqual(sent, Counter(dict.fromkeys(free, 2)))
        figures.add(
            processes_killed=1,
            rows=len(free),
            rows_sent_again_after_crash=len(free),
            duplicates_found=0,
            lost_found=0,
        )
        figures.record()
