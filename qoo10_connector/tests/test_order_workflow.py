# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest.mock import patch
from zoneinfo import ZoneInfo

from odoo.tests import tagged

from odoo.addons.qoo10_connector.components import OrderImport

from .common import Qoo10Case, sandbox


@tagged("post_install", "-at_install")
class TestOrderWorkflow(Qoo10Case):
    """The switches of the seed: automatic confirmation on Qoo10, automatic fulfilment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mug = cls.make_product("MUG-001", "Mug")
        cls.env["stock.quant"]._update_available_quantity(
            cls.mug, cls.warehouse.lot_stock_id, 100
        )

    def _state(self, order_no):
        return sandbox(f"/_sandbox/state?order_no={order_no}")["orders"][str(order_no)]

    def _expected_ship_date(self, lead_days):
        today = datetime.now(ZoneInfo("Asia/Tokyo")).date()
        return today + timedelta(days=lead_days)

    def test_switches_off_touch_nothing(self):
        (cart,) = self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        self.clear_calls()
        order = self.import_orders()
        self.assertEqual(order.sale_order_id.state, "draft")
        self.assertFalse(order.sale_order_id.picking_ids)
        self.assertEqual(order.line_ids.confirm_state, "none")
        self.assertFalse(self.calls("ShippingBasic.SetSellerCheckYN_V2"))
        self.assertEqual(self._state(cart["order_nos"][0])["status"], 2)

    def test_auto_confirmation_on_qoo10(self):
        self.backend.write(
            {
                "auto_confirm_orders": True,
                "confirm_lead_days": 3,
                "confirm_delay_type": "1",
            }
        )
        (cart,) = self.add_carts(
            self.cart(
                [{"seller_item_code": "MUG-001"}, {"seller_item_code": "MUG-001"}]
            )
        )
        self.clear_calls()
        order = self.import_orders()
        self.assertEqual(set(order.line_ids.mapped("confirm_state")), {"sent"})
        self.assertEqual(order.qoo10_status, "3")
        ship_date = self._expected_ship_date(3)
        self.assertEqual(set(order.line_ids.mapped("est_ship_date")), {ship_date})
        for order_no in cart["order_nos"]:
            state = self._state(order_no)
            self.assertEqual(state["status"], 3)
            self.assertEqual(
                state["est_ship_dt"].replace("-", ""), ship_date.strftime("%Y%m%d")
            )
        calls = self.calls("ShippingBasic.SetSellerCheckYN_V2")
        self.assertEqual(len(calls), 2)
        self.assertEqual(calls[0]["params"].get("DelayType"), "1")
        # sent once: later imports and crons do not send again
        self.import_orders()
        self.backend._qoo10_send_confirmations()
        self.assertEqual(len(self.calls("ShippingBasic.SetSellerCheckYN_V2")), 2)

    def test_many_lines_use_the_bulk_call(self):
        self.backend.auto_confirm_orders = True
        self.add_carts(
            *[
                self.cart([{"seller_item_code": "MUG-001"}], hours_ago=1 + i)
                for i in range(6)
            ]
        )
        self.clear_calls()
        orders = self.import_orders()
        self.assertEqual(set(orders.line_ids.mapped("confirm_state")), {"sent"})
        self.assertEqual(len(self.calls("ShippingBasic.SetSellerCheckYNBulk")), 1)
        self.assertFalse(self.calls("ShippingBasic.SetSellerCheckYN_V2"))

    def test_confirmation_waits_while_qoo10_is_unreachable(self):
        self.backend.auto_confirm_orders = True
        (cart,) = self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        sandbox(
            "/_sandbox/faults",
            {"drop_next": 1, "methods": ["ShippingBasic.SetSellerCheckYN_V2"]},
        )
        order = self.import_orders()
        self.assertEqual(order.sync_state, "done")
        self.assertEqual(order.line_ids.confirm_state, "pending", "kept in the outbox")
        self.assertEqual(self._state(cart["order_nos"][0])["status"], 2)
        self.backend.auto_import_orders = True
        self.env["qoo10.backend"]._cron_import_orders()
        self.assertEqual(order.line_ids.confirm_state, "sent")
        self.assertEqual(self._state(cart["order_nos"][0])["status"], 3)

    def test_refused_confirmation_is_shown_on_the_order(self):
        self.backend.auto_confirm_orders = True
        (cart,) = self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        sandbox(
            "/_sandbox/claims", {"order_no": cart["order_nos"][0], "claim_status": 4}
        )  # return requested
        self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        orders = self.import_orders()
        self.assertEqual(set(orders.line_ids.mapped("confirm_state")), {"sent"})
        # a line Qoo10 already moved on: confirmation refused, shown with Qoo10's words
        line = orders[0].line_ids[0]
        line.write({"confirm_state": "pending"})
        sandbox("/_sandbox/orders/status", {"order_no": line.order_no, "status": 4})
        self.backend._qoo10_send_confirmations()
        self.assertEqual(line.confirm_state, "error")
        self.assertTrue(line.confirm_error)
        self.assertIn(line.order_no, line.order_id.message_ids[0].body)

    def test_auto_fulfillment_creates_and_reserves_one_delivery(self):
        self.backend.auto_fulfillment = True
        self.add_carts(
            self.cart(
                [
                    {"seller_item_code": "MUG-001", "qty": 2},
                    {"seller_item_code": "MUG-001"},
                ]
            )
        )
        order = self.import_orders()
        sale = order.sale_order_id
        self.assertEqual(sale.state, "sale")
        self.assertEqual(sale.date_order, order.order_date, "Qoo10's order date stays")
        self.assertEqual(len(sale.picking_ids), 1, "one delivery per Qoo10 cart")
        picking = sale.picking_ids
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(picking.partner_id, sale.partner_shipping_id)
        self.assertEqual(sum(picking.move_ids.mapped("product_uom_qty")), 3)
        # independent of the confirmation switch
        self.assertEqual(set(order.line_ids.mapped("confirm_state")), {"none"})

    def _cron_remaining(self):
        """What the import cron tells Odoo is left (>0: run again at once)."""
        cron = self.env.ref("qoo10_connector.ir_cron_qoo10_import_orders")
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": cron.id, "remaining": 0, "done": 0}
        )
        self.env["qoo10.backend"].with_context(
            ir_cron_progress_id=progress.id
        )._cron_import_orders()
        return progress.remaining

    def test_cron_comes_back_at_once_only_while_behind(self):
        self.backend.write(
            {
                "auto_import_orders": True,
                "import_from": datetime.now() - timedelta(days=3),
            }
        )
        self.assertEqual(self._cron_remaining(), 1, "two more days to import")
        # a window ends at "now": a few seconds later the shop is a few seconds behind,
        # which the next scheduled run covers (no endless run of tiny windows)
        self.backend.import_from = datetime.now() - timedelta(seconds=20)
        self.assertTrue(
            self.backend._qoo10_order_import().next_window(), "20 seconds to import"
        )
        self.assertFalse(self.backend._qoo10_order_import().catching_up())
        self.assertEqual(self._cron_remaining(), 0)
        self.assertGreater(
            self.backend.import_from, datetime.now() - timedelta(seconds=5)
        )
        # with a slow Qoo10, the shop is over a second behind once its window is done
        self.backend.import_from = datetime.now() - timedelta(seconds=20)
        with self._slow_windows() as windows:
            self.assertEqual(self._cron_remaining(), 0)
        self.assertEqual(len(windows), 1)

    def test_import_now_stops_once_caught_up(self):
        self.backend.import_from = datetime.now() - timedelta(seconds=20)
        with self._slow_windows() as windows:
            result = self.backend.action_import_orders()
        self.assertEqual(len(windows), 1, "no run of ever smaller windows")
        self.assertNotIn("not imported yet", result["params"]["message"])

    @contextmanager
    def _slow_windows(self):
        """Windows that take two seconds each; yields the windows imported."""
        model = OrderImport
        import_window = model.import_window
        windows = []

        def slow(importer, start, end, *args):
            windows.append((start, end))
            result = import_window(importer, start, end, *args)
            time.sleep(2.1)  # Odoo's clock counts whole seconds
            return result

        with patch.object(model, "import_window", slow):
            yield windows

    def test_import_now_leaves_a_long_backlog_to_the_cron(self):
        from ..models import qoo10_backend_sync  # noqa: PLC0415

        self.backend.import_from = datetime.now() - timedelta(days=3)
        self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=60),
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=2),
        )
        cron = self.env.ref("qoo10_connector.ir_cron_qoo10_import_orders")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        with patch.object(qoo10_backend_sync, "IMPORT_NOW_SECONDS", -1):
            self.backend.auto_import_orders = False
            result = self.backend.action_import_orders()
            self.assertEqual(self._bound_carts(), 1, "one window, then it stops")
            self.assertIn("import again", result["params"]["message"])
            self.backend.auto_import_orders = True
            result = self.backend.action_import_orders()
        self.assertIn("in the background", result["params"]["message"])
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]) - triggers,
            "the cron is woken up for the rest",
        )
        self.env["qoo10.backend"]._cron_import_orders()
        self.assertEqual(self._bound_carts(), 2)
        result = self.backend.action_import_orders()
        self.assertNotIn("background", result["params"]["message"])

    def test_range_import_stops_and_says_where(self):
        from ..models import qoo10_backend_sync  # noqa: PLC0415

        self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=60),
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=2),
        )
        date_from = datetime.now() - timedelta(days=3)
        wizard = self.env["qoo10.import.orders.wizard"].create(
            {"backend_id": self.backend.id, "date_from": date_from}
        )
        with patch.object(qoo10_backend_sync, "IMPORT_NOW_SECONDS", -1):
            result = wizard.action_import()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("Import again from there", result["params"]["message"])
        shown = self.env["qoo10.order"].search(result["params"]["next"]["domain"])
        self.assertEqual(len(shown), 1, "the first day only")
        self.assertEqual(self._bound_carts(), 1)
        result = wizard.action_import()  # no time limit reached: the whole range
        self.assertEqual(result["res_model"], "qoo10.order")
        self.assertEqual(self._bound_carts(), 2)

    def _bound_carts(self):
        return self.env["qoo10.order"].search_count(
            [("backend_id", "=", self.backend.id)]
        )

    def test_cron_imports_window_by_window(self):
        self.backend.write(
            {
                "auto_import_orders": True,
                "import_from": datetime.now() - timedelta(days=3),
            }
        )
        self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=60),
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=30),
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=2),
        )
        model = self.env["qoo10.backend"]
        imported = []
        for _run in range(5):
            model._cron_import_orders()
            imported.append(
                self.env["qoo10.order"].search_count(
                    [("backend_id", "=", self.backend.id)]
                )
            )
            if self.backend._qoo10_order_import().next_window() is None:
                break
        self.assertEqual(imported[-1], 3)
        self.assertGreater(len(imported), 1, "long ranges are cut into batches")
        self.assertEqual(imported, sorted(imported))
        self.assertGreater(
            self.backend.import_from, datetime.now() - timedelta(minutes=5)
        )
