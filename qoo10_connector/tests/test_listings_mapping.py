# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Mapping proposals from imported listings (each rule and each reason), a manager's
decision, access rights, and "Create products" on unmapped codes."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_listings_import import OPTIONS, ListingCase, put_items


@tagged("post_install", "-at_install")
class TestListingProposals(ListingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.by_reference = cls.make_product("MAP-REF")
        cls.by_barcode = cls.make_product("OTHER-REF", barcode="4900000000017")
        cls.option_product = cls.make_product("TS-BK-M")
        cls.twin_a = cls.make_product("TWIN", name="Twin A")
        cls.twin_b = cls.make_product("TWIN-B", barcode="TWIN")

    def setUp(self):
        super().setUp()
        put_items(
            {"seller_code": "MAP-REF"},
            {"seller_code": "4900000000017"},
            {"seller_code": "TWIN"},
            {"seller_code": "NOBODY"},
            {"seller_code": ""},
            {
                "seller_code": "TS-1",
                "title": "Tシャツ",
                "price": 2000,
                "options": OPTIONS,
            },
        )
        self.import_listings()
        rows = self.env["qoo10.listing.option"].search(
            [("backend_id", "=", self.backend.id)]
        )
        self.rows = {r.code or "(none)": r for r in rows}

    def test_each_rule_and_reason(self):
        rows = self.rows
        self.assertEqual(rows["MAP-REF"].product_id, self.by_reference)
        self.assertEqual(rows["4900000000017"].product_id, self.by_barcode)
        self.assertEqual(rows["TS-BK-M"].product_id, self.option_product)
        self.assertEqual(rows["TS-BK-M"].mapping_id.option_value, "黒||*M")
        self.assertEqual(
            rows["TS-BK-M"].mapping_id.item_code, rows["TS-BK-M"].item_code
        )
        self.assertEqual(
            (rows["TWIN"].map_state, rows["TWIN"].map_reason),
            ("conflict", "several_products"),
        )
        self.assertEqual(rows["TWIN"].candidate_product_ids, self.twin_a | self.twin_b)
        self.assertEqual(
            (rows["NOBODY"].map_state, rows["NOBODY"].map_reason),
            ("unmapped", "no_product"),
        )
        self.assertEqual(rows["(none)"].map_reason, "no_code")
        self.assertEqual(rows["TS-BK-L"].map_reason, "no_product")
        self.assertFalse(rows["TWIN"].mapping_id, "nothing mapped to a guess")

    def test_manager_decides_and_rerun_keeps_it(self):
        twin = self.rows["TWIN"]
        twin.with_user(self.manager).product_id = self.twin_b
        self.assertEqual(twin.map_state, "mapped")
        self.assertEqual(twin.mapping_id.seller_item_code, "TWIN")
        self.import_listings()
        self.assertEqual(twin.product_id, self.twin_b)
        mappings = self.env["qoo10.product.mapping"].search(
            [("backend_id", "=", self.backend.id)]
        )
        self.assertEqual(len(mappings), 4, "re-run links, never duplicates")
        twin.with_user(self.manager).product_id = False
        self.assertEqual(twin.map_state, "conflict")
        with self.assertRaises(AccessError):
            self.rows["NOBODY"].with_user(self.user).product_id = self.twin_a
        self.assertTrue(self.rows["NOBODY"].with_user(self.user).read(["map_state"]))

    def test_duplicate_code_on_qoo10(self):
        put_items({"seller_code": "X-1", "options": [dict(OPTIONS[0], code="MAP-REF")]})
        self.import_listings()
        rows = self.env["qoo10.listing.option"].search([("code", "=", "MAP-REF")])
        self.assertEqual(len(rows), 2)
        unlinked = rows.filtered(lambda r: not r.mapping_id)
        self.assertEqual(unlinked.map_reason, "duplicate_code")

    def test_create_products_from_unmapped_codes(self):
        selected = (
            self.rows["NOBODY"]
            | self.rows["TS-BK-L"]
            | self.rows["(none)"]
            | self.rows["MAP-REF"]
        )
        wizard = (
            self.env["qoo10.create.products.wizard"]
            .with_user(self.manager)
            .with_context(active_model="qoo10.listing.option", active_ids=selected.ids)
            .create({})
        )
        self.assertEqual(wizard.ready_ids, self.rows["NOBODY"] | self.rows["TS-BK-L"])
        self.assertIn("already mapped", wizard.skipped)
        action = wizard.action_create()
        products = self.env["product.product"].browse(action["domain"][0][2])
        by_code = {p.default_code: p for p in products}
        self.assertEqual(set(by_code), {"NOBODY", "TS-BK-L"})
        self.assertEqual(
            by_code["TS-BK-L"].list_price, 2100, "item price + option price"
        )
        self.assertIn("黒 / L", by_code["TS-BK-L"].name)
        self.assertTrue(by_code["NOBODY"].is_storable)
        self.assertEqual(self.rows["TS-BK-L"].product_id, by_code["TS-BK-L"])
        self.assertFalse(self.rows["(none)"].mapping_id, "never a placeholder")

    def test_create_one_product_with_variants(self):
        def option(color, size, price=0):
            return {
                "names": ["カラー", "サイズ"],
                "values": [color, size],
                "code": f"PK-{color}-{size}",
                "qty": 1,
                "price": price,
            }

        put_items(
            {
                "seller_code": "PK-1",
                "title": "パーカー",
                "price": 3000,
                "options": [
                    option("黒", "M"),
                    option("黒", "L", 300),
                    option("白", "M"),
                ],
            }
        )
        self.import_listings()
        rows = self.env["qoo10.listing.option"].search([("code", "like", "PK-%")])
        self.assertEqual(len(rows), 3)
        wizard = (
            self.env["qoo10.create.products.wizard"]
            .with_user(self.manager)
            .with_context(
                active_model="qoo10.listing.option",
                active_ids=(rows | self.rows["NOBODY"]).ids,
            )
            .create({"layout": "variants"})
        )
        action = wizard.action_create()
        products = self.env["product.product"].browse(action["domain"][0][2])
        self.assertEqual(len(products), 4)
        variants = products.filtered(lambda p: p.default_code.startswith("PK-"))
        template = variants.product_tmpl_id
        self.assertEqual(len(template), 1, "one product, its options as variants")
        self.assertEqual(template.name, "パーカー")
        self.assertEqual(template.list_price, 3000)
        self.assertEqual(
            template.attribute_line_ids.attribute_id.mapped("name"),
            ["カラー", "サイズ"],
        )
        self.assertEqual(
            sorted(template.product_variant_ids.mapped("default_code")),
            ["PK-白-M", "PK-黒-L", "PK-黒-M"],
            "no variant for 白 L, which Qoo10 does not sell",
        )
        by_code = {p.default_code: p for p in variants}
        self.assertEqual(by_code["PK-黒-L"].lst_price, 3300, "the size L extra")
        self.assertEqual(by_code["PK-白-M"].lst_price, 3000)
        for row in rows:
            self.assertEqual(row.product_id, by_code[row.code])
        # the item without options still gets its own product
        alone = self.rows["NOBODY"].product_id
        self.assertEqual(alone.default_code, "NOBODY")
        self.assertEqual(len(alone.product_tmpl_id.product_variant_ids), 1)
