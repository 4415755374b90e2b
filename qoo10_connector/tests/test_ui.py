# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .tour_case import Qoo10TourCase


@tagged("post_install", "-at_install", "is_tour")
class TestUi(Qoo10TourCase):
    """The manager's path in a real browser: shop, connection test, import, orders."""

    def test_shop_tour(self):
        self.make_product("MUG-001", "Mug")
        self.add_carts(self.cart([{"seller_item_code": "MUG-001", "price": 800}]))
        self.start_tour("/odoo", "qoo10_shop_tour", login="qoo10_manager")
        order = self.env["qoo10.order"].search([("backend_id", "=", self.backend.id)])
        self.assertEqual(order.sync_state, "done")
        self.assertEqual(
            order.sale_order_id.order_line.product_id.default_code, "MUG-001"
        )
