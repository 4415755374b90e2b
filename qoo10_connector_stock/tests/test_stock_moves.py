# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every kind of done stock move marks the mappings of its products and brings the stock
cron forward, without calling Qoo10; the cron then sends the new quantity."""

from odoo.tests import tagged

from .common_stock import Qoo10StockCase


@tagged("post_install", "-at_install")
class TestStockMoves(Qoo10StockCase):
    def setUp(self):
        super().setUp()
        self.backend.auto_export_stock = True
        self.env["qoo10.backend"]._cron_export_stock()
        self.assertEqual(self.on_qoo10(), {"SKP": 10, "SK-RED": 6, "SK-BLUE": 4})
        self.assertFalse(any(self.mappings.mapped("stock_pending")))
        self.clear_calls()

    def assert_marked_then_sent(self, move, mapping, expected):
        """``move()`` marks ``mapping`` only, triggers the cron once, calls no Qoo10;
        the cron then sends ``expected``, one call."""
        triggers = self.triggers()
        move()
        self.assertEqual(self.calls(), [], "a stock move never calls Qoo10")
        self.assertEqual(
            self.mappings.filtered("stock_pending"),
            mapping,
            "only its mapping is marked",
        )
        self.assertEqual(self.triggers(), triggers + 1)
        self.env["qoo10.backend"]._cron_export_stock()
        self.assertEqual(len(self.calls()), 1, "one bulk call")
        code = mapping.option_code or mapping.seller_item_code
        self.assertEqual(self.on_qoo10()[code], expected)
        self.assertFalse(mapping.stock_pending)

    def test_delivery(self):
        self.assert_marked_then_sent(
            lambda: self.picking(
                self.warehouse.out_type_id, self.stock, self.customers, self.plain, 4
            ),
            self.m_plain,
            6,
        )

    def test_receipt(self):
        self.assert_marked_then_sent(
            lambda: self.picking(
                self.warehouse.in_type_id, self.suppliers, self.stock, self.red, 5
            ),
            self.m_red,
            11,
        )

    def test_return(self):
        delivery = self.picking(
            self.warehouse.out_type_id, self.stock, self.customers, self.blue, 3
        )
        self.env["qoo10.backend"]._cron_export_stock()
        self.assertEqual(self.on_qoo10()["SK-BLUE"], 1)
        self.clear_calls()

        def give_back():
            wizard = (
                self.env["stock.return.picking"]
                .with_context(active_id=delivery.id, active_model="stock.picking")
                .create({"picking_id": delivery.id})
            )
            wizard.product_return_moves.quantity = 2
            back = wizard._create_return()
            back.move_ids.quantity = 2
            back.button_validate()
            self.assertEqual(back.state, "done")

        self.assert_marked_then_sent(give_back, self.m_blue, 3)

    def test_inventory_adjustment(self):
        def count():
            quant = self.env["stock.quant"].search(
                [("product_id", "=", self.red.id), ("location_id", "=", self.stock.id)]
            )
            quant.inventory_quantity = 2
            quant.action_apply_inventory()

        self.assert_marked_then_sent(count, self.m_red, 2)

    def test_scrap(self):
        def scrap():
            scrap = self.env["stock.scrap"].create(
                {
                    "product_id": self.plain.id,
                    "scrap_qty": 1,
                    "location_id": self.stock.id,
                    "company_id": self.company.id,
                }
            )
            scrap.action_validate()

        self.assert_marked_then_sent(scrap, self.m_plain, 9)

    def test_many_moves_one_update_and_the_switch(self):
        """A transfer of several products marks them all at once; without the switch
        the moves still mark, but nothing brings the cron forward nor sends."""
        self.backend.auto_export_stock = False
        triggers = self.triggers()
        picking = self.picking(
            self.warehouse.out_type_id, self.stock, self.customers, self.red, 1
        )
        self.assertEqual(picking.state, "done")
        self.assertTrue(self.m_red.stock_pending)
        self.assertEqual(self.triggers(), triggers)
        self.env["qoo10.backend"]._cron_export_stock()
        self.assertEqual(self.calls(), [], "the switch is off: the cron sends nothing")
        self.backend.action_export_stock()
        self.assertEqual(self.on_qoo10()["SK-RED"], 5)
