# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sale orders total what the buyer paid on Qoo10 plus what Qoo10 funded, to the yen, on
the Japanese chart.

The company is on ``l10n_jp``: its sale taxes, 10% and 8% (food), are excluded from the
price and it rounds taxes globally. Qoo10's amounts include consumption tax, so the tax of
each rate is what Japan's rules give for a tax-included total, once per rate and
document: ``total x rate / (100 + rate)``, rounded half-up as Odoo rounds currencies.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from odoo import Command
from odoo.tests import tagged

from .common import Qoo10Case


def japanese_tax(total, rate):
    """Consumption tax in a tax-included ``total`` at ``rate`` percent, to the yen."""
    tax = Decimal(str(total)) * Decimal(str(rate)) / (100 + Decimal(str(rate)))
    return float(tax.quantize(Decimal(1), ROUND_HALF_UP))


class Qoo10AmountsCase(Qoo10Case):
    """The shop on "Taxes of the product", a 10% mug, an 8% tea and an untaxed card."""

    chart_template = "jp"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.tax10 = chart.ref("l10n_jp_tax_sale_exc_10")
        cls.tax8 = chart.ref("l10n_jp_tax_sale_exc_8")
        cls.backend.tax_mode = "product"
        cls.mug = cls.make_product(
            "MUG-001", "Mug", taxes_id=[Command.set(cls.tax10.ids)]
        )
        cls.tea = cls.make_product(
            "TEA-01", "Green tea", taxes_id=[Command.set(cls.tax8.ids)]
        )
        cls.card = cls.make_product(
            "CARD-01", "Gift card", is_storable=False, taxes_id=[Command.clear()]
        )

    def import_cart(self, lines, **values):
        (cart,) = self.add_carts(self.cart(lines, **values))
        self.import_orders()
        order = self.env["qoo10.order"].search([("pack_no", "=", str(cart["pack_no"]))])
        self.assertEqual(order.sync_state, "done", order.sync_error)
        return order

    def assert_paid(self, order):
        """The sale order totals what the buyer paid plus the discounts Qoo10 funds,
        each rate taxed the Japanese way."""
        sale = order.sale_order_id
        expected = order.amount_total + order.amount_qoo10_funded
        self.assertEqual(sale.amount_total, expected, order.pack_no)
        self.assertEqual(sale.amount_untaxed + sale.amount_tax, expected)
        self.assertEqual(self.tax_per_rate(sale), self.japanese_taxes(sale))
        self.assertFalse(
            order.message_ids.filtered(lambda m: "not what the buyer" in m.body)
        )

    @staticmethod
    def tax_per_rate(sale):
        """{tax group name: tax amount} as the sale order shows them."""
        (subtotal,) = sale.tax_totals["subtotals"] or [{"tax_groups": []}]
        return {
            group["group_name"]: group["tax_amount_currency"]
            for group in subtotal["tax_groups"]
        }

    @staticmethod
    def japanese_taxes(sale):
        """{tax group name: tax} from the tax-included total of each rate's lines."""
        totals = defaultdict(float)
        for line in sale.order_line:
            for tax in line.tax_id:
                totals[tax] += line.price_unit * line.product_uom_qty
        return {
            tax.tax_group_id.name: japanese_tax(total, tax.amount)
            for tax, total in totals.items()
        }

    def invoice(self, sale):
        sale.action_confirm()
        invoice = sale._create_invoices()
        invoice.action_post()
        return invoice

    @staticmethod
    def invoice_taxes(invoice):
        """{tax: tax amount} from the invoice's tax journal items."""
        amounts = defaultdict(float)
        for line in invoice.line_ids.filtered("tax_line_id"):
            amounts[line.tax_line_id] -= line.amount_currency
        return dict(amounts)


@tagged("post_install", "-at_install")
class TestOrderAmounts(Qoo10AmountsCase):
    def test_l10n_jp_taxes_keep_what_the_buyer_paid(self):
        """The defect of issue 14: l10n_jp's 10% excluded tax used to come on top."""
        order = self.import_cart(
            [
                {
                    "seller_item_code": "MUG-001",
                    "price": 1987,
                    "qty": 2,
                    "discount": 200,
                    "seller_discount": 50,
                }
            ],
            shipping_rate=600,
            cart_discount_seller=300,
            cart_discount_qoo10=100,
        )
        self.assertEqual(order.amount_total, 2 * 1987 - 200 + 600 - 400)
        # Qoo10 funds 150 of the line discount and its 100 coupon: not the seller's sales
        self.assertEqual(order.amount_qoo10_funded, 150 + 100)
        self.assert_paid(order)
        sale = order.sale_order_id
        self.assertEqual(sale.amount_tax, japanese_tax(3974 + 250, 10))
        twin = sale.order_line.tax_id
        self.assertEqual(len(twin), 1, "discounts and shipping take the mug's tax")
        self.assertTrue(twin.price_include)
        self.assertEqual(twin.qoo10_source_tax_id, self.tax10)
        self.assertEqual(len(sale.order_line), 4, "mug, seller discount, fee, coupon")
        self.assertFalse(sale.order_line.filtered(lambda line: not line.tax_id))

    def test_invoice_totals_what_the_buyer_paid(self):
        order = self.import_cart(
            [
                {"seller_item_code": "MUG-001", "price": 1987, "discount": 100},
                {"seller_item_code": "TEA-01", "price": 648, "qty": 3},
            ],
            shipping_rate=500,
            cart_discount_seller=200,
        )
        self.assert_paid(order)
        self.assertEqual(
            order.amount_qoo10_funded, 100, "the mug's discount is Qoo10's"
        )
        invoice = self.invoice(order.sale_order_id)
        self.assertEqual(invoice.amount_total, order.amount_total + 100)
        self.assertEqual(invoice.amount_tax, order.sale_order_id.amount_tax)
        taxes = self.invoice_taxes(invoice)
        self.assertEqual(
            {tax.qoo10_source_tax_id: amount for tax, amount in taxes.items()},
            {
                # 500 and -200 shared as 1,887 : 1,944; the mug at 1,987: its
                # discount is Qoo10's
                self.tax10: japanese_tax(1987 + 246 - 99, 10),
                self.tax8: japanese_tax(1944 + 254 - 101, 8),
            },
        )

    def test_twin_tax_reports_as_its_source(self):
        """The tax report sees the twin's amounts where it sees the source tax's."""
        order = self.import_cart([{"seller_item_code": "MUG-001", "price": 1100}])
        twin = order.sale_order_id.order_line.tax_id
        for twin_line, line in zip(
            twin.repartition_line_ids, self.tax10.repartition_line_ids, strict=True
        ):
            for name in ("repartition_type", "document_type", "account_id", "tag_ids"):
                self.assertEqual(twin_line[name], line[name], name)
        self.assertEqual(twin.tax_group_id, self.tax10.tax_group_id)
        self.assertEqual(twin.amount, 10)
        self.import_cart([{"seller_item_code": "MUG-001", "price": 800}], hours_ago=1)
        twins = self.env["account.tax"].search(
            [("qoo10_source_tax_id", "=", self.tax10.id)]
        )
        self.assertEqual(twins, twin, "created once")

    def test_mixed_rates_share_shipping_and_coupons_by_rate(self):
        order = self.import_cart(
            [
                {"seller_item_code": "MUG-001", "price": 1100},
                {"seller_item_code": "TEA-01", "price": 648, "qty": 3},
            ],
            shipping_rate=500,
            cart_discount_seller=200,
        )
        self.assert_paid(order)
        sale = order.sale_order_id
        shipping = sale.order_line.filtered(
            lambda line: line.product_id == self.backend.shipping_product_id
        )
        self.assertEqual(
            {line.tax_id.qoo10_source_tax_id: line.price_unit for line in shipping},
            {self.tax10: 181, self.tax8: 319},
            "500 shared as 1,100 : 1,944",
        )
        self.assertEqual(
            self.tax_per_rate(sale),
            {
                self.tax10.tax_group_id.name: japanese_tax(1100 + 181 - 72, 10),
                self.tax8.tax_group_id.name: japanese_tax(1944 + 319 - 128, 8),
            },
        )

    def test_rounding_line_when_odoo_rounds_rates_apart(self):
        """100 at 10% and 425 at 8%: Odoo's untaxed total (rounded across the rates)
        plus each rate's rounded tax comes to 524; a one-yen line makes it 525."""
        order = self.import_cart(
            [
                {"seller_item_code": "MUG-001", "price": 100},
                {"seller_item_code": "TEA-01", "price": 425},
            ]
        )
        self.assert_paid(order)
        sale = order.sale_order_id
        rounding = sale.order_line.filtered(lambda line: not line.tax_id)
        self.assertEqual(rounding.product_id.default_code, "QOO10-ROUNDING")
        self.assertEqual(rounding.price_subtotal, 1)
        self.assertEqual(self.invoice(sale).amount_total, 525)

    def test_price_included_and_untaxed_products_are_kept(self):
        included = self.tax10.copy(
            {"name": "10% incl.", "price_include_override": "tax_included"}
        )
        self.mug.taxes_id = included
        order = self.import_cart(
            [
                {"seller_item_code": "MUG-001", "price": 1987},
                {"seller_item_code": "CARD-01", "price": 3000},
            ],
            shipping_rate=300,
        )
        self.assert_paid(order)
        sale = order.sale_order_id
        self.assertEqual(sale.order_line.tax_id, included, "no twin of a twin")
        self.assertFalse(
            self.env["account.tax"].search([("qoo10_source_tax_id", "=", included.id)])
        )
        card = sale.order_line.filtered(lambda line: line.product_id == self.card)
        self.assertFalse(card.tax_id)

    def test_product_with_two_taxes(self):
        local = self.tax10.copy({"name": "Local 2%", "amount": 2})
        self.mug.taxes_id = self.tax10 | local
        order = self.import_cart(
            [{"seller_item_code": "MUG-001", "price": 1999, "qty": 3}],
            shipping_rate=700,
        )
        sale = order.sale_order_id
        self.assertEqual(sale.amount_total, order.amount_total)
        self.assertEqual(len(sale.order_line.tax_id), 2)
        # both taxes come out of the same tax-included total: base = total / 1.12
        invoice = self.invoice(sale)
        self.assertEqual(invoice.amount_total, 1999 * 3 + 700)
        base = Decimal(1999 * 3 + 700) / Decimal("1.12")
        self.assertEqual(
            sorted(self.invoice_taxes(invoice).values()),
            sorted(
                float((base * rate).quantize(Decimal(1), ROUND_HALF_UP))
                for rate in (Decimal("0.02"), Decimal("0.10"))
            ),
        )

    def test_one_tax_for_every_line_even_excluded(self):
        self.backend.write({"tax_mode": "fixed", "tax_id": self.tax8.id})
        order = self.import_cart(
            [
                {"seller_item_code": "MUG-001", "price": 1987},
                {"seller_item_code": "CARD-01", "price": 500},
            ],
            shipping_rate=600,
        )
        self.assert_paid(order)
        sale = order.sale_order_id
        self.assertEqual(sale.order_line.tax_id.qoo10_source_tax_id, self.tax8)
        self.assertEqual(sale.amount_tax, japanese_tax(1987 + 500 + 600, 8))

    def test_no_tax(self):
        self.backend.tax_mode = "none"
        order = self.import_cart(
            [{"seller_item_code": "MUG-001", "price": 1987}], shipping_rate=600
        )
        self.assert_paid(order)
        self.assertFalse(order.sale_order_id.order_line.tax_id)
        self.assertEqual(order.sale_order_id.amount_tax, 0)

    def test_a_tax_that_cannot_be_included_is_noted(self):
        """A group tax is used as it is: its children on top of Qoo10's amounts leave
        the order off what was paid, which the order and its sale order say."""
        group = self.tax10.copy(
            {
                "name": "Group",
                "amount_type": "group",
                "children_tax_ids": [Command.set(self.tax10.ids)],
            }
        )
        self.mug.taxes_id = group
        order = self.import_cart([{"seller_item_code": "MUG-001", "price": 1100}])
        self.assertEqual(order.sale_order_id.amount_total, 1210)
        for record in (order, order.sale_order_id):
            self.assertIn("is not what the buyer paid", record.message_ids[0].body)

    def test_every_cart_of_a_batch_is_exact(self):
        """Carts mixing 8% and 10%, discounts, coupons and shipping, imported in one go."""
        carts = []
        for index in range(24):
            lines = [
                {
                    "seller_item_code": "MUG-001",
                    "price": 98 + 37 * index,
                    "qty": 1 + index % 3,
                    "discount": 10 * (index % 4),
                    "seller_discount": 5 * (index % 2),
                }
            ]
            if index % 3:
                lines.append({"seller_item_code": "TEA-01", "price": 211 + 53 * index})
            if index % 5 == 0:
                lines.append({"seller_item_code": "CARD-01", "price": 1000})
            carts.append(
                self.cart(
                    lines,
                    shipping_rate=(0, 480, 600)[index % 3],
                    cart_discount_seller=7 * (index % 4),
                    cart_discount_qoo10=11 * (index % 5),
                )
            )
        self.add_carts(*carts)
        orders = self.import_orders()
        self.assertEqual(len(orders), 24)
        for order in orders:
            with self.subTest(cart=order.pack_no):
                self.assertEqual(order.sync_state, "done", order.sync_error)
                self.assert_paid(order)
                self.assertEqual(
                    self.invoice(order.sale_order_id).amount_total,
                    order.amount_total + order.amount_qoo10_funded,
                )
