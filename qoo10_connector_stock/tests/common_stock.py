# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A shop with one plain listing and one listing of two options on the sandbox, their
three mappings, and helpers to read Qoo10's quantities and move stock."""

from odoo.addons.qoo10_connector.tests.common import SELLER, Qoo10Case, sandbox

OPTIONS = [
    {"names": ["カラー"], "values": ["赤"], "price": 0, "qty": 5, "code": "SK-RED"},
    {"names": ["カラー"], "values": ["青"], "price": 0, "qty": 5, "code": "SK-BLUE"},
]


class Qoo10StockCase(Qoo10Case):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain = cls.make_product("SK-PLAIN", "Plain")
        cls.red = cls.make_product("SK-RED", "Red")
        cls.blue = cls.make_product("SK-BLUE", "Blue")
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.cron = cls.env.ref("qoo10_connector_stock.ir_cron_qoo10_export_stock")

    def setUp(self):
        super().setUp()
        items = sandbox(
            "/_sandbox/items",
            {
                "user_id": SELLER["user_id"],
                "items": [
                    {"seller_code": "SKP", "price": 1000, "qty": 5},
                    {"seller_code": "SKO", "price": 1000, "qty": 0, "options": OPTIONS},
                ],
            },
        )["items"]
        self.codes = {row["seller_code"]: row["item_code"] for row in items}
        values = {"backend_id": self.backend.id}
        self.m_plain, self.m_red, self.m_blue = self.env[
            "qoo10.product.mapping"
        ].create(
            [
                dict(
                    values,
                    seller_item_code="SKP",
                    item_code=self.codes["SKP"],
                    product_id=self.plain.id,
                ),
                dict(
                    values,
                    seller_item_code="SKO",
                    item_code=self.codes["SKO"],
                    option_code="SK-RED",
                    option_name="カラー",
                    option_value="赤",
                    product_id=self.red.id,
                ),
                dict(
                    values,
                    seller_item_code="SKO",
                    item_code=self.codes["SKO"],
                    option_code="SK-BLUE",
                    option_name="カラー",
                    option_value="青",
                    product_id=self.blue.id,
                ),
            ]
        )
        self.mappings = self.m_plain | self.m_red | self.m_blue
        for product, qty in ((self.plain, 10), (self.red, 6), (self.blue, 4)):
            self.env["stock.quant"]._update_available_quantity(product, self.stock, qty)

    def on_qoo10(self):
        """{seller code or option code: quantity} as the sandbox holds them."""
        found = sandbox("/_sandbox/state?item_code=%s" % ",".join(self.codes.values()))[
            "items"
        ]
        quantities = {}
        for item in found.values():
            if item["options"]:
                quantities.update({o["code"]: o["qty"] for o in item["options"]})
            else:
                quantities[item["seller_code"]] = item["qty"]
        return quantities

    def triggers(self):
        return self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", self.cron.id)]
        )

    def picking(self, picking_type, source, dest, product, qty, validate=True):
        picking = (
            self.env["stock.picking"]
            .with_company(self.company)
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "location_id": source.id,
                    "location_dest_id": dest.id,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "location_id": source.id,
                                "location_dest_id": dest.id,
                            },
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        picking.action_assign()
        if validate:
            picking.move_ids.quantity = qty
            picking.button_validate()
            self.assertEqual(picking.state, "done")
        return picking
