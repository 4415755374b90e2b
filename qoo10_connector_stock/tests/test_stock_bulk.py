# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bulk calls matched by key, refused rows kept and retried, an outage, an expired key,
the shop's counts, and the confirmation a first sell-out waits for."""

import json
import zlib

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.qoo10_connector.tests.common import sandbox

from .common_stock import Qoo10StockCase


@tagged("post_install", "-at_install")
class TestStockBulk(Qoo10StockCase):
    def test_rows_without_price_nor_expiry_date(self):
        self.backend.action_export_stock()
        calls = self.calls()
        self.assertEqual(
            sorted(call["method"] for call in calls),
            ["ItemsOptions.UpdateInventoryDataBulk", "ItemsOrder.SetGoodsPriceQtyBulk"],
        )
        for call in calls:
            for row in json.loads(call["params"]["ItemInfoJson"]):
                self.assertNotIn("Price", row)
                self.assertNotIn("ExpireDate", row)
        self.assertEqual(self.on_qoo10(), {"SKP": 10, "SK-RED": 6, "SK-BLUE": 4})
        self.assertEqual(
            (self.backend.stock_last_sent, self.backend.stock_last_unchanged), (3, 0)
        )
        self.assertTrue(self.backend.stock_last_sync_at)
        self.assertEqual(self.mappings.mapped("stock_qty_sent"), [10, 6, 4])
        self.assertTrue(all(self.mappings.mapped("stock_sent_at")))

    def test_partial_failure_matched_by_key_and_retried(self):
        """The refused row is the first of its call: a reading by position would
        blame the wrong option."""
        sandbox("/_sandbox/faults", {"refuse_stock_codes": ["SK-RED"]})
        self.backend.action_export_stock()
        self.assertEqual(self.m_red.stock_state, "error")
        self.assertIn("-10010", self.m_red.stock_error)
        self.assertTrue(self.m_red.stock_pending, "tried again on the next run")
        self.assertEqual(
            (self.m_blue | self.m_plain).mapped("stock_state"), ["sent"] * 2
        )
        self.assertEqual(self.on_qoo10(), {"SKP": 10, "SK-RED": 5, "SK-BLUE": 4})
        self.assertEqual(
            (self.backend.stock_last_sent, self.backend.stock_last_refused), (2, 1)
        )
        self.assertEqual(self.backend.stock_refused_count, 1)
        refused = self.env["qoo10.product.mapping"].search(
            [("backend_id", "=", self.backend.id), ("stock_state", "=", "error")]
        )
        self.assertEqual(refused, self.m_red)
        sandbox("/_sandbox/faults", {"refuse_stock_codes": []})
        self.clear_calls()
        self.backend.auto_export_stock = True
        self.env["qoo10.backend"]._cron_export_stock()
        self.assertEqual(self.m_red.stock_state, "sent")
        self.assertEqual(self.on_qoo10()["SK-RED"], 6)
        rows = json.loads(self.calls()[0]["params"]["ItemInfoJson"])
        self.assertEqual([row["OptionCode"] for row in rows], ["SK-RED"], "only it")
        self.assertEqual(self.backend.stock_last_unchanged, 2)

    def test_unchanged_quantities_not_sent_again(self):
        self.backend.action_export_stock()
        self.clear_calls()
        self.backend.action_export_stock()
        self.assertEqual(self.calls(), [])
        self.assertEqual(
            (self.backend.stock_last_sent, self.backend.stock_last_unchanged), (0, 3)
        )

    def test_outage_then_recovery(self):
        sandbox("/_sandbox/faults", {"drop_next": 10})
        self.backend.action_export_stock()
        self.assertEqual(set(self.mappings.mapped("stock_state")), {"none"})
        self.assertTrue(all(self.mappings.mapped("stock_pending")), "nothing lost")
        self.assertEqual(self.backend.state, "connected")
        sandbox("/_sandbox/faults", {"reset": True})
        self.backend.auto_export_stock = True
        self.env["qoo10.backend"]._cron_export_stock()
        self.assertEqual(set(self.mappings.mapped("stock_state")), {"sent"})
        self.assertFalse(any(self.mappings.mapped("stock_pending")))
        self.assertEqual(self.on_qoo10(), {"SKP": 10, "SK-RED": 6, "SK-BLUE": 4})

    def test_expired_key_puts_the_shop_in_its_problem_state(self):
        sandbox("/_sandbox/faults", {"expire_all_keys": True})
        self.backend.action_export_stock()
        self.assertEqual(self.backend.state, "problem")
        self.assertTrue(all(self.mappings.mapped("stock_pending")))
        self.assertEqual(set(self.mappings.mapped("stock_state")), {"none"})

    def test_first_sell_out_waits_for_a_person(self):
        """Qoo10 shows 5 of each (listings imported); Odoo has 0 blue and 2 red:
        both wait; the plain item (5 -> 10) goes. Confirmed, they go, then unattended."""
        self.env["stock.quant"]._update_available_quantity(self.blue, self.stock, -4)
        self.env["stock.quant"]._update_available_quantity(self.red, self.stock, -4)
        self.backend.action_import_listings()
        while self.env["qoo10.backend"]._cron_import_listings():
            pass
        self.assertEqual(self.mappings.mapped("stock_qty_qoo10"), [5, 5, 5])
        self.backend.action_export_stock()
        self.assertEqual(
            self.mappings.mapped("stock_state"), ["sent", "review", "review"]
        )
        self.assertEqual(self.on_qoo10(), {"SKP": 10, "SK-RED": 5, "SK-BLUE": 5})
        self.assertEqual(self.backend.stock_review_count, 2)
        self.backend.stock_drop_share = 70
        self.backend.action_export_stock()
        self.assertEqual(self.m_red.stock_state, "sent", "5 -> 2 is within 70 %")
        self.assertEqual(self.m_blue.stock_state, "review", "a sell-out always waits")
        self.m_blue.with_user(self.manager).action_qoo10_stock_confirm()
        self.assertTrue(self.m_blue.stock_confirmed)
        self.backend.action_export_stock()
        self.assertEqual(self.on_qoo10(), {"SKP": 10, "SK-RED": 2, "SK-BLUE": 0})
        # after that, a drop to 0 is sent unattended
        self.env["stock.quant"]._update_available_quantity(self.plain, self.stock, -10)
        self.backend.action_export_stock()
        self.assertEqual(self.on_qoo10()["SKP"], 0)
        action = self.env.ref("qoo10_connector_stock.action_qoo10_stock_review")
        self.assertEqual(action.res_model, "qoo10.product.mapping")

    def test_send_stock_now_is_a_managers_button(self):
        """Called over RPC by a Qoo10 User, the button is refused before any call."""
        with self.assertRaises(AccessError):
            self.backend.with_user(self.user).action_export_stock()
        self.assertEqual(self.calls(), [])

    def test_send_stock_now_waits_for_the_stock_cron_of_the_shop(self):
        """Another process holding the shop's stock lock: the button says so and
        sends nothing, so the two never send the same quantities."""
        with self.registry.cursor() as other:
            other.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [zlib.crc32(b"qoo10.stock") & 0x7FFFFFFF, self.backend.id],
            )
            with self.assertRaisesRegex(UserError, "another process"):
                self.backend.action_export_stock()
            other.rollback()
        self.assertEqual(self.calls(), [])
        self.backend.action_export_stock()
        self.assertEqual(self.on_qoo10(), {"SKP": 10, "SK-RED": 6, "SK-BLUE": 4})
