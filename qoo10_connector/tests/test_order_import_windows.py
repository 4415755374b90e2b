# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.qoo10_connector.components import OrderImport

from .common import Qoo10StockedCase


@tagged("post_install", "-at_install")
class TestOrderImportWindows(Qoo10StockedCase):
    """The import goes window by window: the cron, Import Orders Now, a date range."""

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
        self.assertIn("1 new, 0 updated, 0 unchanged", result["params"]["message"])
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
