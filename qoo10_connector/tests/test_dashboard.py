# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Qoo10 dashboard: each shop's counts, read in grouped queries for all shops at
once, each opening the list it counted; the last import; who sees what."""

from lxml import etree

from odoo.osv import expression
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import sandbox
from .test_claims_after_sale import ClaimCase

COUNTS = {
    "to_confirm_count": "action_open_to_confirm",
    "to_ship_count": "action_open_to_ship",
    "sync_error_count": "action_open_sync_errors",
    "unmapped_count": "action_open_unmapped",
    "claim_todo_count": "action_open_claims",
    "tracking_todo_count": "action_open_tracking",
}


def filters_domain(env, action):
    """The domain the list of ``action`` shows: its domain and, OR'ed as Odoo does for
    filters of one group, the search filters its context turns on."""
    search_view = action.get("search_view_id")
    view_id = search_view[0] if isinstance(search_view, list | tuple) else search_view
    arch = env[action["res_model"]].get_view(view_id or None, "search")["arch"]
    tree = etree.fromstring(arch)
    names = [
        key.removeprefix("search_default_")
        for key, on in action["context"].items()
        if key.startswith("search_default_") and on
    ]
    domains = [
        safe_eval(tree.xpath(f"//filter[@name='{name}']")[0].get("domain"))
        for name in names
    ]
    return expression.AND([action["domain"], expression.OR(domains)])


@tagged("post_install", "-at_install")
class TestDashboard(ClaimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["qoo10.backend"].create(
            cls._backend_values(name="Qoo10 JP 2", shop_login="second_shop")
        )

    def fill_the_shop(self):
        """A shipped cart with a return claim and its tracking to send, a new order, a
        cart waiting for a mapping and one that failed (a currency Qoo10 JP never uses)."""
        self.backend.auto_confirm_orders = True
        order, mug, _bag = self.import_cart()
        order.sale_order_id.user_id = self.manager
        picking = self.ship(order)
        self.assertEqual(picking.state, "done")
        self.claim(mug, 4, reason="サイズ違い")
        self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=2),
            self.cart([{"seller_item_code": "NOPE-1"}], hours_ago=2),
            self.cart([{"seller_item_code": "MUG-001"}], currency="SGD", hours_ago=2),
        )
        self.backend.auto_fulfillment = False
        self.import_orders()
        return order

    def test_counts_open_their_lists(self):
        self.fill_the_shop()
        backend = self.backend.with_user(self.manager)
        self.assertEqual(
            backend.to_confirm_count, 2, "unmapped and error: not confirmed"
        )
        self.assertEqual(backend.to_ship_count, 2, "the new order and the shipped one")
        self.assertEqual(backend.unmapped_count, 1)
        self.assertEqual(backend.sync_error_count, 1)
        self.assertEqual(backend.claim_todo_count, 1)
        self.assertEqual(
            backend.tracking_todo_count,
            2,
            "shipped without a carrier: to fix, per line",
        )
        self.assertEqual(backend.last_import_state, "waiting")
        self.assertIn("2 waiting for a fix", backend.last_import_message)
        for field, method in COUNTS.items():
            action = getattr(backend, method)()
            model = self.env[action["res_model"]].with_user(self.manager)
            listed = model.search(filters_domain(self.env, action))
            self.assertEqual(len(listed), backend[field], field)
            self.assertLessEqual(set(listed.backend_id.ids), {backend.id})
        self.assertEqual(self.other.with_user(self.manager).unmapped_count, 0)

    def test_tracking_count(self):
        self.backend.auto_confirm_orders = True
        order, _mug, _bag = self.import_cart()
        picking = order.sale_order_id.picking_ids
        picking.carrier_id = self.backend.carrier_mapping_ids[:1].carrier_id
        picking.carrier_tracking_ref = "YMT-0001"
        self.ship(order)
        self.assertEqual(self.backend.tracking_todo_count, 2, "one per Qoo10 line")
        action = self.backend.action_open_tracking()
        lines = self.env["qoo10.order.line"].search(filters_domain(self.env, action))
        self.assertEqual(lines, order.line_ids)
        self.backend.action_send_tracking()
        self.backend.invalidate_recordset(["tracking_todo_count"])
        self.assertEqual(self.backend.tracking_todo_count, 0)

    def test_all_shops_in_a_few_grouped_queries(self):
        """One grouped query per count for all the shops on the board, whatever their
        number."""
        self.fill_the_shop()
        self._queries(self.backend | self.other)  # the access rules' caches
        one = self._queries(self.backend)
        self.assertEqual(one, self._queries(self.backend | self.other))
        self.assertLessEqual(one, len(COUNTS) + 3)

    def _queries(self, records):
        self.env.invalidate_all()
        count = self.env.cr.sql_log_count
        records.with_user(self.manager).read([*COUNTS])
        return self.env.cr.sql_log_count - count

    def test_last_import_of_the_cron(self):
        self.backend.auto_import_orders = True
        self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        self.run_import_cron()
        self.assertEqual(self.backend.last_import_state, "done")
        self.assertTrue(self.backend.last_import_date)
        sandbox("/_sandbox/faults", {"expire_all_keys": True})
        self.run_import_cron()
        self.assertEqual(self.backend.last_import_state, "failed")
        self.assertIn("Renew key", self.backend.last_import_message)

    def test_users_and_companies(self):
        """A Qoo10 user sees the counts, not the buttons; a shop of another company is
        not on the board of a user who does not work in it."""
        self.fill_the_shop()
        user_backend = self.backend.with_user(self.user)
        self.assertEqual(user_backend.unmapped_count, 1)
        arch = (
            self.env["qoo10.backend"]
            .with_user(self.user)
            .get_view(
                self.env.ref("qoo10_connector.qoo10_backend_view_kanban_dashboard").id,
                "kanban",
            )["arch"]
        )
        self.assertIn("action_open_unmapped", arch)
        self.assertNotIn("action_import_orders", arch)
        other_company = self.env["res.company"].create({"name": "Other KK"})
        outsider = new_test_user(
            self.env,
            "qoo10_outsider",
            groups="qoo10_connector.group_qoo10_user",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        board = self.env["qoo10.backend"].with_user(outsider).search([])
        self.assertFalse(board)
