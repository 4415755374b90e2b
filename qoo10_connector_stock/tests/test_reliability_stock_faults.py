# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Faults on the stock sync: while the sandbox fails 20% of the calls in every way (the
call run anyway, only its answer lost), each change of quantity reaches Qoo10 and is
never sent again once Qoo10's answer was read."""

import json
from collections import Counter

from odoo.tests import tagged

from odoo.addons.qoo10_connector.tests.common import SELLER, Qoo10Case, sandbox
from odoo.addons.qoo10_connector.tests.reliability import (
    READ,
    Figures,
    all_calls,
    faults_off,
    faults_on,
)

PLAIN = 20
OPTIONS = 6
CHANGES = 10
MAX_RUNS = 30
METHODS = ("UpdateInventoryDataBulk", "SetGoodsPriceQtyBulk")


@tagged("post_install", "-at_install")
class TestReliabilityStockFaults(Qoo10Case):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("qoo10_connector.timeout", "1")
        params.set_param("qoo10_connector.retries", "1")
        cls.backend.auto_export_stock = True
        cls.stock = cls.warehouse.lot_stock_id
        codes = ["PLAIN-%02d" % n for n in range(PLAIN)]
        codes += ["TEE-%02d" % n for n in range(OPTIONS)]
        cls.products = {code: cls.make_product(code) for code in codes}

    def _items(self):
        items = [
            {"seller_code": "PLAIN-%02d" % n, "title": "P", "price": 1000, "qty": 0}
            for n in range(PLAIN)
        ]
        items.append(
            {
                "seller_code": "TEE",
                "title": "Tee",
                "price": 2000,
                "qty": 0,
                "options": [
                    {
                        "names": ["サイズ"],
                        "values": ["S%02d" % n],
                        "price": 0,
                        "qty": 0,
                        "code": "TEE-%02d" % n,
                    }
                    for n in range(OPTIONS)
                ],
            }
        )
        answer = sandbox(
            "/_sandbox/items", {"user_id": SELLER["user_id"], "items": items}
        )["items"]
        return {item["seller_code"]: item["item_code"] for item in answer}

    def _mappings(self, item_codes):
        values = [
            {
                "backend_id": self.backend.id,
                "item_code": item_codes[code],
                "seller_item_code": code,
                "product_id": self.products[code].id,
            }
            for code in item_codes
            if code != "TEE"
        ]
        values += [
            {
                "backend_id": self.backend.id,
                "item_code": item_codes["TEE"],
                "seller_item_code": "TEE",
                "option_code": "TEE-%02d" % n,
                "option_name": "サイズ",
                "option_value": "S%02d" % n,
                "product_id": self.products["TEE-%02d" % n].id,
            }
            for n in range(OPTIONS)
        ]
        return self.env["qoo10.product.mapping"].create(values)

    def _on_qoo10(self, item_codes):
        found = sandbox("/_sandbox/state?item_code=%s" % ",".join(item_codes.values()))
        quantities = {}
        for item in found["items"].values():
            if item["options"]:
                quantities.update({o["code"]: o["qty"] for o in item["options"]})
            else:
                quantities[item["seller_code"]] = item["qty"]
        return quantities

    def _sync(self, mappings):
        cron = self.env["qoo10.backend"]._cron_export_stock
        for run in range(1, MAX_RUNS + 1):
            cron()
            mappings.invalidate_recordset(["stock_qty_to_send"])
            if set(mappings.mapped("stock_state")) == {"sent"} and not (
                mappings.filtered(lambda m: m.stock_qty_sent != m.stock_qty_to_send)
            ):
                return run
        self.fail("stock not sent after %d runs" % MAX_RUNS)

    def test_each_change_sent_once_under_faults(self):
        figures = Figures("stock faults")
        item_codes = self._items()
        mappings = self._mappings(item_codes)
        self.clear_calls()
        faults_on(seed=3, methods=METHODS)
        runs = 0
        for change in range(CHANGES + 1):
            for n, product in enumerate(self.products.values()):
                self.env["stock.quant"]._update_available_quantity(
                    product, self.stock, 1 + (n + change) % 3
                )
            runs += self._sync(mappings)
        calls = all_calls()
        faults_off()
        expected = {
            code: int(product.with_context(location=self.stock.id).free_qty)
            for code, product in self.products.items()
        }
        self.assertEqual(self._on_qoo10(item_codes), expected, "every change arrived")
        read, lost = self._per_row(calls)
        self.assertEqual(
            read,
            Counter(dict.fromkeys(expected, CHANGES + 1)),
            "each change read once, never sent again",
        )
        faulted = Counter(call["fault"] for call in calls if call["fault"])
        figures.add(
            rows=len(mappings),
            changes=CHANGES + 1,
            calls=len(calls),
            faults_injected=sum(faulted.values()),
            cron_runs=runs,
            resent_after_lost_answer=sum(lost.values()),
        )
        figures.record()

    @staticmethod
    def _per_row(calls):
        """(answers read, answers lost) per option code or seller code sent."""
        read, lost = Counter(), Counter()
        for call in calls:
            if call["method"].split(".")[-1] not in METHODS:
                continue
            target = read if call["fault"] in READ else lost
            rows = json.loads(call["params"]["ItemInfoJson"])
            target.update(row.get("OptionCode") or row["SellerCode"] for row in rows)
        return read, lost
