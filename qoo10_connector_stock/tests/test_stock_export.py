# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from odoo.addons.qoo10_connector.tests.common import SELLER, Qoo10Case, sandbox


@tagged("post_install", "-at_install")
class TestStockExport(Qoo10Case):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain = cls.make_product("PLAIN-1", "Plain item")
        cls.black_m = cls.make_product("TEE-BLK-M", "Tee black M")
        cls.white_l = cls.make_product("TEE-WHT-L", "Tee white L")
        cls.stock = cls.warehouse.lot_stock_id

    def setUp(self):
        super().setUp()
        items = sandbox(
            "/_sandbox/items",
            {
                "user_id": SELLER["user_id"],
                "items": [
                    {
                        "seller_code": "PLAIN-1",
                        "title": "Plain",
                        "price": 1000,
                        "qty": 1,
                    },
                    {
                        "seller_code": "TEE",
                        "title": "Tee",
                        "price": 2000,
                        "qty": 0,
                        "options": [
                            {
                                "names": ["カラー", "サイズ"],
                                "values": ["黒", "M"],
                                "price": 0,
                                "qty": 1,
                                "code": "TEE-BLK-M",
                            },
                            {
                                "names": ["カラー", "サイズ"],
                                "values": ["白", "L"],
                                "price": 0,
                                "qty": 1,
                                "code": "TEE-WHT-L",
                            },
                        ],
                    },
                ],
            },
        )["items"]
        self.item_codes = {item["seller_code"]: item["item_code"] for item in items}
        Mapping = self.env["qoo10.product.mapping"]
        self.mappings = Mapping.create(
            [
                {
                    "backend_id": self.backend.id,
                    "item_code": self.item_codes["PLAIN-1"],
                    "seller_item_code": "PLAIN-1",
                    "product_id": self.plain.id,
                },
                {
                    "backend_id": self.backend.id,
                    "item_code": self.item_codes["TEE"],
                    "seller_item_code": "TEE",
                    "option_code": "TEE-BLK-M",
                    "option_name": "カラー||*サイズ",
                    "option_value": "黒||*M",
                    "product_id": self.black_m.id,
                },
                {
                    "backend_id": self.backend.id,
                    "item_code": self.item_codes["TEE"],
                    "seller_item_code": "TEE",
                    "option_code": "TEE-WHT-L",
                    "option_name": "カラー||*サイズ",
                    "option_value": "白||*L",
                    "product_id": self.white_l.id,
                },
            ]
        )
        self.env["stock.quant"]._update_available_quantity(self.plain, self.stock, 7)
        self.env["stock.quant"]._update_available_quantity(self.black_m, self.stock, 3)

    def _qoo10_quantities(self):
        items = sandbox(
            f"/_sandbox/state?item_code={','.join(self.item_codes.values())}"
        )["items"]
        plain = items[self.item_codes["PLAIN-1"]]["qty"]
        options = {
            option["code"]: option["qty"]
            for option in items[self.item_codes["TEE"]]["options"]
        }
        return plain, options

    def test_absolute_quantities_per_item_and_per_option(self):
        self.backend.action_export_stock()
        plain, options = self._qoo10_quantities()
        self.assertEqual(plain, 7)
        self.assertEqual(options, {"TEE-BLK-M": 3, "TEE-WHT-L": 0})
        self.assertEqual(set(self.mappings.mapped("stock_state")), {"sent"})
        self.assertEqual(self.mappings.mapped("stock_qty_sent"), [7, 3, 0])

    def test_unchanged_quantities_are_not_sent_again(self):
        self.backend.action_export_stock()
        self.clear_calls()
        self.backend.action_export_stock()
        self.assertEqual(self.calls(), [], "nothing changed, nothing sent")
        self.env["stock.quant"]._update_available_quantity(self.black_m, self.stock, 2)
        self.backend.action_export_stock()
        calls = self.calls()
        self.assertEqual(
            [call["method"] for call in calls], ["ItemsOptions.UpdateInventoryDataBulk"]
        )
        self.assertEqual(self._qoo10_quantities()[1]["TEE-BLK-M"], 5)

    def test_reserved_quantities_are_not_offered(self):
        self.backend.action_export_stock()
        picking_type = self.warehouse.out_type_id
        picking = (
            self.env["stock.picking"]
            .with_company(self.company)
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "location_id": self.stock.id,
                    "location_dest_id": self.env.ref(
                        "stock.stock_location_customers"
                    ).id,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "out",
                                "product_id": self.plain.id,
                                "product_uom_qty": 5,
                                "location_id": self.stock.id,
                                "location_dest_id": self.env.ref(
                                    "stock.stock_location_customers"
                                ).id,
                            },
                        )
                    ],
                }
            )
        )
        picking = picking.with_company(self.company)
        picking.action_confirm()
        picking.action_assign()
        self.backend.action_export_stock()
        self.assertEqual(self._qoo10_quantities()[0], 2)

    def test_a_refused_row_is_shown_and_the_rest_goes_on(self):
        self.mappings[1].option_value = "緑||*XXL"  # no such option on Qoo10
        self.backend.action_export_stock()
        self.assertEqual(self.mappings[1].stock_state, "error")
        self.assertTrue(self.mappings[1].stock_error)
        self.assertEqual(self.mappings[0].stock_state, "sent")
        self.assertEqual(self.mappings[2].stock_state, "sent")
        # the dashboard's card counts it and opens the refused mappings
        self.assertEqual(self.backend.stock_refused_count, 1)
        action = self.backend.action_open_stock_refused()
        self.assertEqual(action["context"], {"search_default_stock_error": 1})
        arch = self.env["qoo10.product.mapping"].get_view(None, "search")["arch"]
        self.assertIn('name="stock_error"', arch)
        domain = action["domain"] + [("stock_state", "=", "error")]
        self.assertEqual(
            self.env["qoo10.product.mapping"].search(domain), self.mappings[1]
        )
        card = self.env.ref("qoo10_connector.qoo10_backend_view_kanban_dashboard")
        card_arch = self.env["qoo10.backend"].get_view(card.id, "kanban")["arch"]
        self.assertIn("action_open_stock_refused", card_arch)

    def test_qoo10_unreachable_keeps_quantities_to_send(self):
        sandbox("/_sandbox/faults", {"drop_next": 2})
        self.backend.action_export_stock()
        self.assertNotIn("sent", self.mappings.mapped("stock_state"))
        self.backend.auto_export_stock = True
        self.env["qoo10.backend"]._cron_export_stock()
        self.assertEqual(set(self.mappings.mapped("stock_state")), {"sent"})
        self.assertEqual(self._qoo10_quantities()[0], 7)

    def test_a_done_delivery_brings_the_stock_sync_forward(self):
        cron = self.env.ref("qoo10_connector_stock.ir_cron_qoo10_export_stock")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self.backend.auto_export_stock = True
        customers = self.env.ref("stock.stock_location_customers")
        picking = (
            self.env["stock.picking"]
            .with_company(self.company)
            .create(
                {
                    "picking_type_id": self.warehouse.out_type_id.id,
                    "location_id": self.stock.id,
                    "location_dest_id": customers.id,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "out",
                                "product_id": self.plain.id,
                                "product_uom_qty": 2,
                                "location_id": self.stock.id,
                                "location_dest_id": customers.id,
                            },
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.quantity = 2
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            triggers + 1,
        )
        self.env["qoo10.backend"]._cron_export_stock()
        self.assertEqual(self._qoo10_quantities()[0], 5)
