# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Concurrency: two separate Odoo processes run the import (with its confirmations),
tracking, claims and stock crons at the same time on the same shop, three rounds each,
while a user saves product mappings on a third connection. No record is made twice, no
write reaches Qoo10 twice, no process logs an error (serialization failure, deadlock),
and neither the user's saves nor the crons' outcomes are lost."""

import json
import os
import time
from collections import Counter
from datetime import datetime, timedelta

from odoo.service.model import retrying
from odoo.tests import tagged

from odoo.addons.qoo10_connector.tests.common import sandbox
from odoo.addons.qoo10_connector.tests.process_case import Qoo10ProcessCase
from odoo.addons.qoo10_connector.tests.reliability import Figures, all_calls, per_order

KINDS = ["import", "tracking", "claims", "stock"]
ROUNDS = 3
SAVES = 15
CONFIRM = ("SetSellerCheckYN_V2", "SetSellerCheckYNBulk")
TRACKING = ("SetSendingInfo", "SetSendingInfoBulk")


@tagged("post_install", "-at_install")
class TestReliabilityProcesses(Qoo10ProcessCase):
    def _prepare(self):
        """Carts imported and confirmed, their tracking waiting to be sent; new carts
        on Qoo10; a claim; the shop's products mapped and their stock to send."""
        old = self.add_carts(hours_ago=5)
        with self.env_cursor() as env:
            env["qoo10.backend"]._cron_import_orders()
        with self.env_cursor() as env:
            lines = env["qoo10.order.line"].search(
                [("backend_id", "=", self.ids["backend"])]
            )
            for line in lines:
                line.write(
                    {
                        "tracking_state": "pending",
                        "tracking_ref": "CONC-%s" % line.order_no,
                        "tracking_carrier": "ヤマト宅急便",
                    }
                )
            # the new carts were paid after the last import
            backend = env["qoo10.backend"].browse(self.ids["backend"])
            backend.import_from = datetime.now() - timedelta(hours=3)
        new = self.add_carts(hours_ago=1)
        # a return requested on an imported line: the claims cron reads it
        claimed = str(old[0]["order_nos"][0])
        sandbox("/_sandbox/claims", {"order_no": claimed, "claim_status": 4})
        items = self.add_items(self.codes)
        with self.env_cursor() as env:
            env["qoo10.backend"].browse(self.ids["backend"]).auto_export_stock = True
            mappings = env["qoo10.product.mapping"].create(
                [
                    {
                        "backend_id": self.ids["backend"],
                        "item_code": item["item_code"],
                        "seller_item_code": item["seller_code"],
                        "product_id": product_id,
                    }
                    for item, product_id in zip(
                        items, self.ids["products"], strict=True
                    )
                ]
            )
            self.mapping_ids = mappings.ids
        return old, new, claimed

    def _user_saves(self, processes):
        """A user saving mappings while the processes run, each save retried on a
        concurrency error as Odoo's RPC layer does: (saves, codes created)."""
        saves, created = 0, []
        while saves < SAVES or any(p.poll() is None for p in processes):
            code = "USER-%03d" % saves
            mapping_id = self.mapping_ids[saves % len(self.mapping_ids)]
            with self.env_cursor() as env:

                def save(env=env, code=code, mapping_id=mapping_id):
                    mapping = env["qoo10.product.mapping"].browse(mapping_id)
                    mapping.write({"export_stock": True})
                    env["qoo10.product.mapping"].create(
                        {
                            "backend_id": self.ids["backend"],
                            "seller_item_code": code,
                            "product_id": self.ids["products"][0],
                            "export_stock": False,
                        }
                    )

                retrying(save, env)
            created.append(code)
            saves += 1
            time.sleep(0.3)
        return saves, created

    def test_two_processes_and_a_user_at_once(self):
        figures = Figures("concurrency")
        old, new, claimed = self._prepare()
        carts = old + new
        go = os.path.join(self.logdir, "go")
        self.clear_calls_seq = self.last_call()
        sandbox("/_sandbox/faults", {"latency_ms": 150})
        processes = [
            self.start_worker(KINDS, ROUNDS, name="proc%d" % n, go=go) for n in range(2)
        ]
        for process in processes:
            self.assertEqual(process.stdout.readline().strip(), "ready")
        open(go, "w").close()
        saves, created = self._user_saves(processes)
        for process in processes:
            self.finish(process)
        sandbox("/_sandbox/faults", {"reset": True})
        # what a run stepped aside from (busy in the other), the next run does
        for cron in (
            "_cron_import_orders",
            "_cron_send_tracking",
            "_cron_export_stock",
        ):
            with self.env_cursor() as env:
                getattr(env["qoo10.backend"], cron)()
        trouble = [line for p in processes for line in self.trouble(p)]
        self.assertEqual(trouble, [], "no error in the processes' logs")
        self._check_records(carts, claimed, created)
        duplicates = self._check_calls(old, new, claimed)
        figures.add(
            processes=2,
            rounds=ROUNDS,
            carts=len(carts),
            user_saves=saves,
            errors_logged=len(trouble),
            stock_rows_sent_twice=duplicates,
            duplicates_found=0,
            lost_found=0,
        )
        figures.record()

    def _check_records(self, carts, claimed, created):
        with self.env_cursor() as env:
            orders = env["qoo10.order"].search(
                [("backend_id", "=", self.ids["backend"])]
            )
            packs = Counter(orders.mapped("pack_no"))
            lines = Counter(orders.line_ids.mapped("order_no"))
            self.assertEqual(
                dict(packs),
                {str(cart["pack_no"]): 1 for cart in carts},
                "each cart once",
            )
            wanted = {str(no) for cart in carts for no in cart["order_nos"]}
            self.assertEqual(dict(lines), dict.fromkeys(wanted, 1), "each line once")
            self.assertEqual(len(orders.sale_order_id), len(carts))
            self.assertEqual(len(orders.line_ids.sale_line_id), len(wanted))
            line = orders.line_ids.filtered(lambda line: line.order_no == claimed)
            self.assertTrue(line.claim_status, "the claim was read")
            mappings = env["qoo10.product.mapping"].search(
                [("backend_id", "=", self.ids["backend"])]
            )
            users = Counter(
                m.seller_item_code for m in mappings if m.id not in self.mapping_ids
            )
            self.assertEqual(dict(users), dict.fromkeys(created, 1), "no save lost")
            stock = mappings.browse(self.mapping_ids)
            self.assertEqual(set(stock.mapped("stock_state")), {"sent"})
            self.assertTrue(all(stock.mapped("export_stock")))

    def _check_calls(self, old, new, claimed):
        calls = [c for c in all_calls() if c["seq"] > self.clear_calls_seq]
        old_nos = {str(no) for cart in old for no in cart["order_nos"]}
        new_nos = {str(no) for cart in new for no in cart["order_nos"]}
        confirm_read, confirm_lost = per_order(calls, CONFIRM)
        tracking_read, tracking_lost = per_order(calls, TRACKING)
        self.assertEqual(confirm_lost + tracking_lost, Counter(), "no answer lost")
        self.assertEqual(confirm_read, Counter(new_nos), "each line confirmed once")
        self.assertEqual(tracking_read, Counter(old_nos), "each tracking sent once")
        stock, last, sent_again = Counter(), {}, Counter()
        for call in calls:
            if call["method"].endswith("SetGoodsPriceQtyBulk"):
                for row in json.loads(call["params"]["ItemInfoJson"]):
                    code, qty = row["SellerCode"], row.get("Qty")
                    stock[code] += 1
                    # the same quantity twice in a row is a send repeated
                    sent_again[code] += last.get(code) == qty
                    last[code] = qty
        # The mappings a stock run sends are locked before the call (a save in
        # progress is left for the next run, one committed meanwhile stops the run
        # before it sends): a quantity Qoo10 applied is never sent again.
        self.assertEqual(set(stock), set(self.codes), "each quantity sent")
        self.assertEqual(
            [(code, n) for code, n in sent_again.items() if n], [], "no row sent again"
        )
        items = sandbox("/_sandbox/state?seller_code=%s" % ",".join(self.codes))[
            "items"
        ]
        with self.env_cursor() as env:
            location = env["stock.location"].browse(self.ids["stock"])
            products = env["product.product"].browse(self.ids["products"])
            free = {
                p.default_code: int(p.with_context(location=location.id).free_qty)
                for p in products
            }
        self.assertEqual({i["seller_code"]: i["qty"] for i in items.values()}, free)
        return sum(stock.values()) - len(self.codes)
