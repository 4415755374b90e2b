# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The quantity rule: free quantity in the shop's locations with their children, minus
the buffer, never below 0, capped; 0 for archived or unsaleable products; two shops
on one warehouse each by their own rule."""

from odoo.tests import tagged

from .common_stock import Qoo10StockCase


@tagged("post_install", "-at_install")
class TestStockRule(Qoo10StockCase):
    def qty(self, mapping, backend=None):
        backend = backend or self.backend
        return backend._qoo10_stock_quantities(mapping)[mapping.id]

    def test_free_quantity_minus_reservations(self):
        self.assertEqual(self.qty(self.m_plain), 10)
        self.picking(
            self.warehouse.out_type_id,
            self.stock,
            self.customers,
            self.plain,
            3,
            validate=False,
        )
        self.assertEqual(self.qty(self.m_plain), 7, "3 reserved for a delivery")
        self.assertEqual(self.m_plain.stock_qty_to_send, 7)

    def test_several_locations_with_their_children(self):
        Location = self.env["stock.location"]
        shelf = Location.create(
            {
                "name": "Shelf",
                "location_id": self.stock.id,
                "company_id": self.company.id,
            }
        )
        other = Location.create(
            {
                "name": "Other",
                "location_id": self.warehouse.view_location_id.id,
                "company_id": self.company.id,
            }
        )
        self.env["stock.quant"]._update_available_quantity(self.plain, shelf, 2)
        self.env["stock.quant"]._update_available_quantity(self.plain, other, 5)
        self.assertEqual(self.qty(self.m_plain), 12, "stock and its child shelf")
        self.backend.stock_location_ids = other
        self.assertEqual(self.qty(self.m_plain), 5)
        self.backend.stock_location_ids = other | self.stock
        self.assertEqual(self.qty(self.m_plain), 17)

    def test_buffer_per_shop_overridden_per_mapping_never_below_zero(self):
        self.backend.stock_buffer = 3
        self.assertEqual(self.qty(self.m_plain), 7)
        self.assertEqual(self.qty(self.m_blue), 1)
        self.m_blue.write({"stock_buffer_own": True, "stock_buffer": 9})
        self.assertEqual(self.qty(self.m_blue), 0, "never below 0")
        self.m_blue.stock_buffer = 0
        self.assertEqual(self.qty(self.m_blue), 4, "its own buffer of 0 wins")

    def test_cap_per_shop_and_per_mapping(self):
        self.backend.stock_cap = 8
        self.assertEqual(self.qty(self.m_plain), 8)
        self.assertEqual(self.qty(self.m_red), 6)
        self.m_red.stock_cap = 2
        self.assertEqual(self.qty(self.m_red), 2, "the lower cap")
        self.backend.stock_cap = 0
        self.m_plain.stock_cap = 0
        self.assertEqual(self.qty(self.m_plain), 10, "no cap")

    def test_archived_or_unsaleable_products_send_zero(self):
        self.red.active = False
        self.assertEqual(self.qty(self.m_red), 0)
        self.blue.sale_ok = False
        self.assertEqual(self.qty(self.m_blue), 0)
        self.assertEqual(self.qty(self.m_plain), 10)

    def test_settings_mark_the_mappings(self):
        self.mappings.write({"stock_pending": False})
        self.m_red.stock_cap = 3
        self.assertEqual(self.mappings.mapped("stock_pending"), [False, True, False])
        self.backend.stock_buffer = 1
        self.assertTrue(all(self.mappings.mapped("stock_pending")))

    def test_two_shops_on_one_warehouse_each_by_its_own_rule(self):
        other = self.env["qoo10.backend"].create(
            self._backend_values(name="Qoo10 JP 2", shop_login="other_shop")
        )
        other.write({"stock_buffer": 2, "stock_cap": 5})
        mapping = self.env["qoo10.product.mapping"].create(
            {
                "backend_id": other.id,
                "seller_item_code": "SKP",
                "product_id": self.plain.id,
            }
        )
        self.backend.stock_buffer = 1
        self.assertEqual(self.qty(self.m_plain), 9)
        self.assertEqual(self.qty(mapping, other), 5, "10 - 2, capped at 5")
        self.assertEqual((self.m_plain | mapping).mapped("stock_qty_to_send"), [9, 5])

    def test_kits_send_what_can_be_assembled(self):
        self.assertIn(
            "mrp.bom", self.env, "the test database installs mrp (setup/harness_lib.sh)"
        )
        kit = self.make_product("SK-KIT", "Kit")
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": kit.product_tmpl_id.id,
                "type": "phantom",
                "bom_line_ids": [
                    (0, 0, {"product_id": self.red.id, "product_qty": 2}),
                    (0, 0, {"product_id": self.blue.id, "product_qty": 1}),
                ],
            }
        )
        mapping = self.env["qoo10.product.mapping"].create(
            {
                "backend_id": self.backend.id,
                "seller_item_code": "KIT",
                "product_id": kit.id,
            }
        )
        self.assertEqual(self.qty(mapping), 3, "6 red / 2, 4 blue / 1")
