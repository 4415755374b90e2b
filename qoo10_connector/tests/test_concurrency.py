# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two imports of one shop at the same time, on two real database connections.

These tests commit (a transaction per thread), so they are a ``BaseCase`` that opens
its own cursors, as Odoo's own concurrency tests do: each test builds its own shop
and removes what it made at the end.
"""

import json
import threading
from collections import Counter
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from .common import QAPI_PATH, SELLER, jst, sandbox, sandbox_url

CARTS = 6


@tagged("post_install", "-at_install")
class TestConcurrentImports(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def setUp(self):
        super().setUp()
        self.ids, self.carts = self._make_shop()
        self.addCleanup(self._remove_shop)

    def _make_shop(self):
        sandbox("/_sandbox/reset", {})
        key = sandbox("/_sandbox/keys", {"user_id": SELLER["user_id"], "issue": True})[
            "key"
        ]
        carts = sandbox(
            "/_sandbox/orders",
            {
                "user_id": SELLER["user_id"],
                "carts": [
                    {
                        "status": 2,
                        "order_date": jst(2 + i),
                        "currency": "JPY",
                        "buyer": {
                            "name": f"並行 {i}",
                            "email": f"concurrent-{i}@example.jp",
                        },
                        "lines": [
                            {"seller_item_code": "CONC-MUG", "price": 500},
                            {"seller_item_code": "CONC-MUG"},
                        ],
                    }
                    for i in range(CARTS)
                ],
            },
        )["carts"]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            env.ref("base.JPY").active = True
            company = env["res.company"].search(
                [("currency_id.name", "=", "JPY")], limit=1
            ) or env["res.company"].create(
                {"name": "Qoo10 Concurrency KK", "currency_id": env.ref("base.JPY").id}
            )
            if not env["stock.warehouse"].search([("company_id", "=", company.id)]):
                env["stock.warehouse"].create(
                    {"name": "Concurrency", "code": "CONC", "company_id": company.id}
                )
            product = env["product.product"].create(
                {"name": "Concurrent mug", "default_code": "CONC-MUG"}
            )
            backend = env["qoo10.backend"].create(
                {
                    "name": "Concurrency shop",
                    "region": "jp",
                    "api_url": sandbox_url() + QAPI_PATH,
                    "shop_login": "concurrency",
                    "company_id": company.id,
                    "warehouse_id": env["stock.warehouse"]
                    .search([("company_id", "=", company.id)], limit=1)
                    .id,
                    "tax_mode": "none",
                    "import_from": datetime.now() - timedelta(days=1),
                    "state": "connected",
                }
            )
            backend.credential_id = env["qoo10.credential"].create(
                {"backend_id": backend.id, "seller_auth_key": key}
            )
            env["ir.config_parameter"].set_param("qoo10_connector.min_interval", "0")
            ids = {"backend": backend.id, "product": product.id, "company": company.id}
        return ids, carts

    def _remove_shop(self):
        ids = self.ids
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = env["qoo10.order"].search([("backend_id", "=", ids["backend"])])
            partners = orders.sale_order_id.partner_id
            orders.sale_order_id.unlink()
            orders.unlink()
            env["qoo10.backend"].browse(ids["backend"]).unlink()
            env["product.product"].browse(ids["product"]).unlink()
            (partners | partners.child_ids).unlink()

    def _run_in_threads(self, target):
        barrier = threading.Barrier(2)
        outcomes = []

        def run():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
                barrier.wait(timeout=30)
                try:
                    outcomes.append(("done", len(target(env))))
                except UserError as error:
                    outcomes.append(("skipped", str(error)))
                    cr.rollback()

        threads = [threading.Thread(target=run) for _ in range(2)]
        # Odoo's runner runs post-install tests while holding Registry._lock, which
        # each thread's Environment takes to look up the registry: lift it while the
        # threads run, as Registry.enter_test_mode() does for HttpCase's server threads.
        with patch.object(Registry, "_lock", DummyRLock()):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=300)
        return outcomes

    def _count(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(DISTINCT o.id), count(DISTINCT s.id), count(l.id) FROM qoo10_order o "
                "LEFT JOIN sale_order s ON s.qoo10_order_id = o.id "
                "LEFT JOIN qoo10_order_line l ON l.order_id = o.id WHERE o.backend_id = %s",
                [self.ids["backend"]],
            )
            return cr.fetchone()

    @mute_logger("odoo.sql_db")  # the losing side's unique violation or lock refusal
    def test_two_concurrent_imports_create_nothing_twice(self):
        ids = self.ids
        sandbox(
            "/_sandbox/faults",
            {"latency_ms": 300, "methods": ["ShippingBasic.GetShippingInfo_v3"]},
        )

        def import_now(env):
            backend = env["qoo10.backend"].browse(ids["backend"])
            return backend._qoo10_order_import().import_window(
                backend.import_from, datetime.now()
            )

        outcomes = self._run_in_threads(import_now)
        sandbox("/_sandbox/faults", {"latency_ms": 0})
        self.assertEqual(len(outcomes), 2, outcomes)
        self.assertIn(("done", CARTS), outcomes)
        orders, sales, lines = self._count()
        self.assertEqual((orders, sales, lines), (CARTS, CARTS, CARTS * 2))

    @mute_logger("odoo.sql_db")  # the losing side's unique violation or lock refusal
    def test_the_database_keys_hold_without_the_shop_lock(self):
        """Even two runs that skip the shop lock cannot bind one cart twice."""
        ids = self.ids
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            backend = env["qoo10.backend"].browse(ids["backend"])
            rows = backend._qoo10_order_import().fetch(
                backend.import_from - timedelta(hours=1), datetime.now()
            )
        self.assertEqual(len({row.pack_no for row in rows}), CARTS)

        def import_rows(env):
            backend = env["qoo10.backend"].browse(ids["backend"])
            return backend._qoo10_order_import().import_rows(rows)

        outcomes = self._run_in_threads(import_rows)
        self.assertEqual(
            [kind for kind, _value in outcomes], ["done", "done"], outcomes
        )
        orders, sales, lines = self._count()
        self.assertEqual((orders, sales, lines), (CARTS, CARTS, CARTS * 2))

    @mute_logger("odoo.sql_db")
    def test_two_concurrent_tracking_senders_send_each_line_once(self):
        ids = self.ids
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            backend = env["qoo10.backend"].browse(ids["backend"])
            backend._qoo10_order_import().import_window(
                backend.import_from, datetime.now()
            )
            lines = env["qoo10.order.line"].search([("backend_id", "=", backend.id)])
            self.assertEqual(len(lines), CARTS * 2)
            lines.write(
                {
                    "tracking_state": "pending",
                    "tracking_ref": "CONC-1",
                    "tracking_carrier": "ヤマト宅急便",
                }
            )
        sandbox("/_sandbox/calls/clear", {})
        sandbox(
            "/_sandbox/faults",
            {"latency_ms": 300, "methods": ["ShippingBasic.SetSendingInfoBulk"]},
        )

        def send(env):
            backend = env["qoo10.backend"].browse(ids["backend"])
            backend._qoo10_send_tracking()
            return env["qoo10.order.line"].search(
                [("backend_id", "=", backend.id), ("tracking_state", "=", "sent")]
            )

        outcomes = self._run_in_threads(send)
        sandbox("/_sandbox/faults", {"latency_ms": 0})
        self.assertEqual(len(outcomes), 2, outcomes)
        calls = sandbox("/_sandbox/calls?method=SetSendingInfo")["calls"]
        # Each line is sent by exactly one of the two senders. Which one takes which
        # lines depends on timing (both may lock part of the outbox: SKIP LOCKED).
        sent = Counter(no for call in calls for no in _sent_order_numbers(call))
        self.assertEqual(len(sent), CARTS * 2, sent)
        self.assertEqual(set(sent.values()), {1}, f"a line was sent twice: {sent}")
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT tracking_state, count(*) FROM qoo10_order_line"
                " WHERE backend_id = %s GROUP BY tracking_state",
                [ids["backend"]],
            )
            self.assertEqual(dict(cr.fetchall()), {"sent": CARTS * 2})


def _sent_order_numbers(call):
    """The order numbers one logged SetSendingInfo(Bulk) call carried."""
    params = call["params"]
    if params.get("ShippingInfoJson"):
        return [str(row["OrderNo"]) for row in json.loads(params["ShippingInfoJson"])]
    return [str(params["OrderNo"])]
