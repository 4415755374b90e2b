# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Stock follows the listing's kind as imported: option call for an item with options,
item call for one without; an item-level mapping of an item with options is refused."""

from odoo.tests import tagged

from odoo.addons.qoo10_connector.tests.common import SELLER, Qoo10Case, sandbox

OPTIONS = [
    {
        "names": ["カラー", "サイズ"],
        "values": ["黒", "M"],
        "code": "KT-BLK-M",
        "qty": 1,
        "price": 0,
    },
    {
        "names": ["カラー", "サイズ"],
        "values": ["白", "L"],
        "code": "KT-WHT-L",
        "qty": 1,
        "price": 0,
    },
]


@tagged("post_install", "-at_install")
class TestStockListingKind(Qoo10Case):
    def setUp(self):
        super().setUp()
        items = sandbox(
            "/_sandbox/items",
            {
                "user_id": SELLER["user_id"],
                "items": [
                    {"seller_code": "KPLAIN", "qty": 1},
                    {"seller_code": "KTEE", "options": OPTIONS},
                ],
            },
        )["items"]
        self.codes = {row["seller_code"]: row["item_code"] for row in items}
        self.plain = self.make_product("KPLAIN-P")
        self.tee = self.make_product("KTEE-P")
        self.black = self.make_product("KT-BLK-M-P")
        stock = self.warehouse.lot_stock_id
        for product, qty in ((self.plain, 4), (self.tee, 9), (self.black, 2)):
            self.env["stock.quant"]._update_available_quantity(product, stock, qty)
        Mapping = self.env["qoo10.product.mapping"]
        self.item_plain, self.item_tee, self.option_black = Mapping.create(
            [
                {
                    "backend_id": self.backend.id,
                    "seller_item_code": "KPLAIN",
                    "product_id": self.plain.id,
                },
                {
                    "backend_id": self.backend.id,
                    "seller_item_code": "KTEE",
                    "product_id": self.tee.id,
                },
                # typed by hand with the option code only: the import completes it
                {
                    "backend_id": self.backend.id,
                    "option_code": "KT-BLK-M",
                    "product_id": self.black.id,
                },
            ]
        )
        self.backend.action_import_listings()
        while self.env["qoo10.backend"]._cron_import_listings():
            pass

    def test_listing_kind_chooses_the_call_and_refuses_item_stock_of_options(self):
        sandbox("/_sandbox/calls/clear", {})
        self.backend.action_export_stock()
        self.assertEqual(self.item_tee.stock_state, "error")
        self.assertIn("has options", self.item_tee.stock_error)
        self.assertEqual(self.item_plain.stock_state, "sent")
        self.assertEqual(self.option_black.stock_state, "sent")
        self.assertEqual(
            (self.option_black.option_name, self.option_black.option_value),
            ("カラー||*サイズ", "黒||*M"),
        )
        calls = sandbox("/_sandbox/calls")["calls"]
        item_rows = [
            c for c in calls if c["method"] == "ItemsOrder.SetGoodsPriceQtyBulk"
        ]
        option_rows = [
            c for c in calls if c["method"] == "ItemsOptions.UpdateInventoryDataBulk"
        ]
        self.assertEqual(len(item_rows), 1)
        self.assertNotIn(self.codes["KTEE"], item_rows[0]["params"]["ItemInfoJson"])
        self.assertIn("KT-BLK-M", option_rows[0]["params"]["ItemInfoJson"])
        state = sandbox(f"/_sandbox/state?item_code={self.codes['KTEE']}")["items"][
            self.codes["KTEE"]
        ]
        self.assertEqual(
            {o["code"]: o["qty"] for o in state["options"]},
            {"KT-BLK-M": 2, "KT-WHT-L": 1},
        )
