# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bad input in the web client: HTML and scripts in buyer data show as text."""

from odoo.http import root
from odoo.tests import HttpCase, tagged

from .common import Qoo10Case
from .reliability_corpus import SCRIPT

NAME = SCRIPT + "<b>太字</b>"
ADDRESS = '<img src=x onerror="window.qoo10_xss=2">'


@tagged("post_install", "-at_install")
class TestReliabilityHtml(HttpCase, Qoo10Case):
    def test_buyer_html_shows_as_text(self):
        self.assertTrue(root.statics)  # see test_ui: read the manifests in this thread
        self.make_product("MUG-001", "Mug")
        self.add_carts(
            self.cart(
                [{"seller_item_code": "MUG-001", "price": 800}],
                buyer={"name": NAME, "email": "xss@example.jp"},
                receiver={
                    "name": NAME,
                    "zip": "150-0043",
                    "addr1": "東京都渋谷区道玄坂",
                    "addr2": ADDRESS,
                },
            )
        )
        order = self.import_orders()
        self.assertEqual(order.sync_state, "done", order.sync_error)
        self.assertEqual(order.buyer_name, NAME, "kept as Qoo10 sent it")
        self.assertEqual(order.sale_order_id.partner_id.name, NAME)
        self.env.flush_all()
        for url in (
            "/odoo/action-qoo10_connector.action_qoo10_order/%d" % order.id,
            "/odoo/action-sale.action_orders/%d" % order.sale_order_id.id,
        ):
            with self.subTest(url):
                self.start_tour(url, "qoo10_html_as_text_tour", login="qoo10_manager")
