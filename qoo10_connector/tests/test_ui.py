# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.http import root
from odoo.tests import HttpCase, tagged

from .common import Qoo10Case


@tagged("post_install", "-at_install")
class TestUi(HttpCase, Qoo10Case):
    """The manager's path in a real browser: shop, connection test, import, orders."""

    def test_shop_tour(self):
        # The browser's first requests would read every addon manifest at once, in
        # several server threads; Python 3.11 before 3.11.8 can then fail a compile()
        # with "AST constructor recursion depth mismatch" (CPython gh-106905). Read them
        # once here, in this thread.
        self.assertTrue(root.statics)
        self.make_product("MUG-001", "Mug")
        self.add_carts(self.cart([{"seller_item_code": "MUG-001", "price": 800}]))
        self.start_tour("/odoo", "qoo10_shop_tour", login="qoo10_manager")
        order = self.env["qoo10.order"].search([("backend_id", "=", self.backend.id)])
        self.assertEqual(order.sync_state, "done")
