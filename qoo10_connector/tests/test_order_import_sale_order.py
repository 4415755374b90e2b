# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import Qoo10OrderImportCase, sandbox


@tagged("post_install", "-at_install")
class TestOrderImportSaleOrder(Qoo10OrderImportCase):
    """A cart becomes one sale order: amounts, currency, taxes, shipping, buyer."""

    def test_cart_becomes_one_sale_order_with_buyer_amounts(self):
        (cart,) = self.add_carts(
            self.cart(
                [
                    {
                        "seller_item_code": "TSHIRT",
                        "option_code": "TSHIRT-BLK-M",
                        "option": "カラー:ブラック / サイズ:M",
                        "option_price": 100,
                        "title": "Tシャツ",
                        "price": 1980,
                        "qty": 2,
                        "discount": 200,
                        "seller_discount": 150,
                    },
                    {
                        "seller_item_code": "MUG-001",
                        "title": "マグカップ",
                        "price": 800,
                        "qty": 1,
                    },
                ],
                shipping_rate=600,
                cart_discount_seller=100,
                cart_discount_qoo10=50,
            )
        )
        orders = self.import_orders()
        self.assertEqual(len(orders), 1)
        order = orders
        self.assertEqual(order.pack_no, str(cart["pack_no"]))
        self.assertEqual(order.sync_state, "done", order.sync_error)
        self.assertEqual(
            sorted(order.line_ids.mapped("order_no")),
            sorted(str(n) for n in cart["order_nos"]),
        )
        sale = order.sale_order_id
        self.assertEqual(sale.name, f"Q10-{cart['pack_no']}")
        self.assertEqual(sale.company_id, self.company)
        self.assertEqual(sale.warehouse_id, self.warehouse)
        self.assertEqual(sale.currency_id.name, "JPY")
        self.assertEqual(sale.qoo10_order_id, order)
        # buyer paid: (1980 + 100) x 2 - 200 + 800 + 600 shipping - 100 - 50 cart discounts
        paid = (1980 + 100) * 2 - 200 + 800 + 600 - 100 - 50
        self.assertEqual(order.amount_total, paid)
        # Qoo10 funds 50 of the T-shirt's discount and a 50 coupon: the sale keeps them
        self.assertEqual(order.amount_qoo10_funded, 100)
        self.assertEqual(sale.amount_total, paid + 100)
        tshirt_line = order.line_ids.filtered(
            lambda line: line.option_code == "TSHIRT-BLK-M"
        )
        self.assertEqual(tshirt_line.sale_line_id.product_id, self.tshirt)
        self.assertEqual(
            tshirt_line.sale_line_id.price_unit,
            2080,
            "unit price includes the option surcharge",
        )
        self.assertEqual(tshirt_line.sale_line_id.product_uom_qty, 2)
        self.assertEqual(tshirt_line.settle_price, 0.9 * (1980 + 100) * 2)
        discounts = sale.order_line.filtered(
            lambda line: line.product_id == self.backend.discount_product_id
        )
        self.assertEqual(sorted(discounts.mapped("price_unit")), [-150, -100])
        qoo10_funded = sale.order_line.filtered(
            lambda line: line.product_id == self.backend.qoo10_discount_product_id
        )
        self.assertFalse(qoo10_funded, "Qoo10-funded discounts are not sale lines")
        shipping = sale.order_line.filtered(
            lambda line: line.product_id == self.backend.shipping_product_id
        )
        self.assertEqual(shipping.price_unit, 600)
        # customer and delivery address
        self.assertEqual(sale.partner_id.name, "山田 太郎")
        self.assertEqual(sale.partner_id.email, "taro@example.jp")
        delivery = sale.partner_shipping_id
        self.assertEqual(delivery.parent_id, sale.partner_id)
        self.assertEqual(delivery.type, "delivery")
        self.assertEqual(delivery.name, "山田 花子")
        self.assertEqual(delivery.zip, "150-0043")
        self.assertEqual(delivery.state_id.code, "13", "Tokyo from 東京都")
        self.assertEqual(delivery.street, "渋谷区道玄坂")
        self.assertTrue(
            order.payload
            and order.payload[0].get("PackNo")
            or order.payload[0].get("packNo")
        )

    def test_sale_order_is_in_the_qoo10_currency_whatever_the_buyer_pricelist(self):
        usd = self.env["product.pricelist"].create(
            {"name": "USD list", "currency_id": self.env.ref("base.USD").id}
        )
        self.env["res.partner"].create(
            {
                "name": "山田 太郎",
                "email": "taro@example.jp",
                "property_product_pricelist": usd.id,
            }
        )
        self.add_carts(self.cart([{"seller_item_code": "MUG-001", "price": 800}]))
        order = self.import_orders()
        self.assertEqual(order.sale_order_id.partner_id.property_product_pricelist, usd)
        self.assertEqual(order.sale_order_id.currency_id.name, "JPY")
        self.assertEqual(order.sale_order_id.amount_total, 800)

    def _tax(self, included):
        group = self.env["account.tax.group"].create(
            {"name": "消費税 10%", "company_id": self.company.id}
        )
        return self.env["account.tax"].create(
            {
                "tax_group_id": group.id,
                "name": f"10% {'incl' if included else 'excl'}",
                "amount": 10,
                "type_tax_use": "sale",
                "company_id": self.company.id,
                "price_include_override": "tax_included"
                if included
                else "tax_excluded",
            }
        )

    def test_tax_included_prices_keep_what_the_buyer_paid(self):
        included = self._tax(included=True)
        self.mug.taxes_id = included
        for mode in ("fixed", "product"):
            with self.subTest(mode=mode):
                self.backend.write({"tax_mode": mode, "tax_id": included.id})
                self.add_carts(
                    self.cart(
                        [{"seller_item_code": "MUG-001", "price": 800}],
                        shipping_rate=600,
                        hours_ago=1 if mode == "fixed" else 2,
                    )
                )
                order = self.import_orders().sorted("id")[-1]
                sale = order.sale_order_id
                self.assertEqual(sale.amount_total, 1400)
                mug_line = sale.order_line.filtered(
                    lambda line: line.product_id == self.mug
                )
                self.assertEqual(mug_line.tax_id, included)
                # the shipping fee takes the tax of the goods in both modes
                self.assertAlmostEqual(sale.amount_tax, 1400 / 11, delta=1)
                self.assertFalse(
                    order.message_ids.filtered(lambda m: "not what the buyer" in m.body)
                )

    def test_tax_excluded_from_the_price_is_taken_out_of_qoo10_prices(self):
        """Issue 14: a tax excluded from the price used to come on top (880 for 800
        paid); the line now carries its price-included twin (test_order_amounts)."""
        excluded = self._tax(included=False)
        self.backend.write({"tax_mode": "fixed", "tax_id": excluded.id})
        self.backend.write({"tax_mode": "product", "tax_id": False})
        self.mug.taxes_id = excluded
        self.add_carts(self.cart([{"seller_item_code": "MUG-001", "price": 800}]))
        order = self.import_orders()
        self.assertEqual(order.sync_state, "done")
        self.assertEqual(order.sale_order_id.amount_total, 800)
        self.assertEqual(order.sale_order_id.amount_tax, 73)
        self.assertFalse(
            order.message_ids.filtered(lambda m: "not what the buyer" in m.body)
        )
        with self.assertRaises(ValidationError):
            self.backend.write({"tax_mode": "fixed", "tax_id": False})

    def test_shipping_fee_once_per_cart_in_both_readings(self):
        for placement in ("all", "first"):
            sandbox("/_sandbox/faults", {"shipping_rate_on": placement})
            (cart,) = self.add_carts(
                self.cart(
                    [
                        {"seller_item_code": "MUG-001", "price": 800},
                        {"seller_item_code": "BAG-01", "price": 1200},
                    ],
                    shipping_rate=500,
                )
            )
            self.import_orders()
            order = self.env["qoo10.order"].search(
                [("pack_no", "=", str(cart["pack_no"]))]
            )
            self.assertEqual(
                order.sale_order_id.amount_total, 800 + 1200 + 500, placement
            )

    def test_repeat_buyer_is_found_again(self):
        same_address = {
            "name": "山田 花子",
            "zip": "150-0043",
            "addr1": "東京都渋谷区道玄坂",
            "addr2": "1-2-3",
        }
        other_address = {
            "name": "佐藤 一郎",
            "zip": "530-0001",
            "addr1": "大阪府大阪市北区梅田",
            "addr2": "2-2",
        }
        self.add_carts(
            self.cart(
                [{"seller_item_code": "MUG-001"}], receiver=same_address, hours_ago=5
            ),
            self.cart(
                [{"seller_item_code": "MUG-001"}], receiver=same_address, hours_ago=4
            ),
            self.cart(
                [{"seller_item_code": "MUG-001"}], receiver=other_address, hours_ago=3
            ),
        )
        orders = self.import_orders()
        self.assertEqual(len(orders), 3)
        self.assertEqual(len(orders.sale_order_id.partner_id), 1)
        self.assertEqual(len(orders.sale_order_id.partner_shipping_id), 2)
        buyer = orders.sale_order_id.partner_id
        self.assertEqual(
            self.env["res.partner"].search_count([("email", "=", "taro@example.jp")]), 1
        )
        self.assertEqual(sorted(buyer.child_ids.mapped("state_id.code")), ["13", "27"])
