# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who funds a discount, and what Qoo10 will settle (issue 14), on the Japanese chart.

Seller-funded discounts and coupons reduce the sales; Qoo10-funded ones do not: Qoo10
pays them, so the sale order totals what the buyer paid plus what Qoo10 funded. Each
Qoo10 line keeps SettlePrice and the service fee it implies (the line before discounts,
less the seller's discounts, less SettlePrice), summed on the order, shown on the sale
order and on its invoice, with the date Qoo10 settles once the line is delivered.
"""

from datetime import datetime, timedelta

from odoo.tests import new_test_user, tagged

from .common import JST, sandbox
from .test_order_amounts import Qoo10AmountsCase, japanese_tax


@tagged("post_install", "-at_install")
class TestOrderSettlement(Qoo10AmountsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.accountant = new_test_user(
            cls.env,
            "qoo10_accountant",
            groups="qoo10_connector.group_qoo10_user,"
            "sales_team.group_sale_salesman_all_leads,account.group_account_invoice",
            **company,
        )
        cls.salesman = new_test_user(
            cls.env, "no_qoo10", groups="sales_team.group_sale_salesman", **company
        )

    def coupon_lines(self, sale):
        return sale.order_line.filtered(
            lambda line: line.product_id == self.backend.discount_product_id
        )

    def mixed_cart(self, **coupons):
        """A 10% mug at 1,100 and 8% tea at 648 x 3 = 1,944, with a cart coupon."""
        return self.import_cart(
            [
                {"seller_item_code": "MUG-001", "price": 1100},
                {"seller_item_code": "TEA-01", "price": 648, "qty": 3},
            ],
            **coupons,
        )

    def test_seller_funded_coupon_reduces_the_sales(self):
        order = self.mixed_cart(cart_discount_seller=200)
        self.assert_paid(order)
        sale = order.sale_order_id
        self.assertEqual(order.amount_total, 3044 - 200)
        self.assertEqual(order.amount_seller_funded, 200)
        self.assertEqual(order.amount_qoo10_funded, 0)
        self.assertEqual(sale.amount_total, 3044 - 200)
        # shared by rate as 1,100 : 1,944
        self.assertEqual(
            sorted(self.coupon_lines(sale).mapped("price_unit")), [-128, -72]
        )
        self.assertEqual(
            self.tax_per_rate(sale),
            {
                self.tax10.tax_group_id.name: japanese_tax(1100 - 72, 10),
                self.tax8.tax_group_id.name: japanese_tax(1944 - 128, 8),
            },
        )

    def test_qoo10_funded_coupon_does_not_reduce_the_sales(self):
        order = self.mixed_cart(cart_discount_qoo10=200)
        self.assert_paid(order)
        sale = order.sale_order_id
        self.assertEqual(order.amount_total, 3044 - 200, "what the buyer paid")
        self.assertEqual(order.amount_qoo10_funded, 200)
        self.assertEqual(sale.amount_total, 3044)
        self.assertEqual(
            self.tax_per_rate(sale),
            {
                self.tax10.tax_group_id.name: japanese_tax(1100, 10),
                self.tax8.tax_group_id.name: japanese_tax(1944, 8),
            },
        )
        self.assertEqual(len(sale.order_line), 2, "no discount line")
        self.assertEqual(sale.qoo10_amount_qoo10_funded, 200)
        self.assertEqual(sale.qoo10_amount_paid, 2844)
        # a Qoo10 user reads them on the sale order, a salesperson without Qoo10 does not
        self.assertEqual(
            sale.with_user(self.accountant).read(["qoo10_amount_qoo10_funded"])[0][
                "qoo10_amount_qoo10_funded"
            ],
            200,
        )
        self.assertNotIn(
            "qoo10_amount_qoo10_funded", sale.with_user(self.salesman).fields_get()
        )

    def both_funders_cart(self):
        """A 10% mug (its 100 discount: 40 the seller's, 60 Qoo10's) and 8% tea, a
        300 seller coupon, a 150 Qoo10 coupon and 500 shipping."""
        return self.import_cart(
            [
                {
                    "seller_item_code": "MUG-001",
                    "price": 1100,
                    "discount": 100,
                    "seller_discount": 40,
                    "settle_price": 900,
                },
                {
                    "seller_item_code": "TEA-01",
                    "price": 648,
                    "qty": 3,
                    "settle_price": 1570,
                },
            ],
            shipping_rate=500,
            cart_discount_seller=300,
            cart_discount_qoo10=150,
        )

    def test_both_funders_with_mixed_rates(self):
        order = self.both_funders_cart()
        self.assert_paid(order)
        sale = order.sale_order_id
        self.assertEqual(order.amount_total, 1000 + 1944 + 500 - 300 - 150)
        self.assertEqual(order.amount_qoo10_funded, 60 + 150)
        self.assertEqual(order.amount_seller_funded, 40 + 300)
        self.assertEqual(sale.amount_total, 1100 + 1944 + 500 - 40 - 300)
        # the seller's coupon, shared by rate as 1,000 : 1,944; the mug's own discount
        coupons = self.coupon_lines(sale)
        self.assertEqual(
            sorted(coupons.mapped("price_unit")), [-198, -102, -40], "no Qoo10 line"
        )
        self.assertEqual(
            self.tax_per_rate(sale),
            {
                self.tax10.tax_group_id.name: japanese_tax(1100 + 170 - 40 - 102, 10),
                self.tax8.tax_group_id.name: japanese_tax(1944 + 330 - 198, 8),
            },
        )

    def test_settle_price_and_fee_per_line_order_sale_and_invoice(self):
        order = self.both_funders_cart()
        mug, tea = order.line_ids.sorted("order_no")
        # the mug: 40 + 102 of the seller's coupon; 60 + 51 of Qoo10's
        self.assertEqual((mug.seller_funded, mug.qoo10_funded), (142, 111))
        self.assertEqual((tea.seller_funded, tea.qoo10_funded), (198, 99))
        self.assertEqual((mug.settle_price, tea.settle_price), (900, 1570))
        self.assertEqual(mug.service_fee, 1100 - 142 - 900)
        self.assertEqual(tea.service_fee, 1944 - 198 - 1570)
        self.assertEqual(order.amount_settle, 900 + 1570)
        self.assertEqual(order.amount_service_fee, 58 + 176)
        sale = order.sale_order_id
        self.assertEqual(
            (sale.qoo10_amount_settle, sale.qoo10_amount_service_fee), (2470, 234)
        )
        # what the sale comes to = settled + fee + shipping (settled apart)
        self.assertEqual(sale.amount_total, 2470 + 234 + 500)
        invoice = self.invoice(sale)
        self.assertEqual(invoice.amount_total, sale.amount_total)
        self.assertEqual(invoice.qoo10_settle_line_ids, order.line_ids)
        self.assertEqual(
            (
                invoice.qoo10_amount_settle,
                invoice.qoo10_amount_service_fee,
                invoice.qoo10_amount_qoo10_funded,
            ),
            (2470, 234, 210),
        )
        self.assertFalse(invoice.qoo10_settle_date, "not delivered yet")
        as_user = invoice.with_user(self.accountant).read(["qoo10_amount_settle"])
        self.assertEqual(as_user[0]["qoo10_amount_settle"], 2470)

    def test_a_cancelled_line_leaves_the_expected_settlement(self):
        order = self.both_funders_cart()
        mug, tea = order.line_ids.sorted("order_no")
        sandbox("/_sandbox/claims", {"order_no": int(mug.order_no), "claim_status": 3})
        self.backend.action_sync_claims()
        self.assertEqual(mug.qoo10_status, "cancel")
        self.assertEqual((order.amount_settle, order.amount_service_fee), (1570, 176))
        self.assertEqual(order.sale_order_id.qoo10_amount_settle, tea.settle_price)

    def test_no_fee_without_settle_price(self):
        order = self.import_cart(
            [{"seller_item_code": "MUG-001", "price": 1000, "settle_price": 0}]
        )
        self.assertEqual(order.line_ids.service_fee, 0)
        self.assertEqual(order.amount_settle, 0)


@tagged("post_install", "-at_install")
class TestSettlementDate(Qoo10AmountsCase):
    def test_expected_settlement_date_once_delivered(self):
        """Delivered on a Wednesday at 08:00 in Japan (still Tuesday in UTC): a general
        seller waits 15 days (a Thursday), then the next Wednesday: 21 days; a power
        seller 5 days (a Monday), then Wednesday: 7 days."""
        today = datetime.now(JST).date()
        wednesday = today - timedelta(days=(today.weekday() - 2) % 7 or 7)
        (cart,) = self.add_carts(
            self.cart(
                [
                    {"seller_item_code": "MUG-001", "price": 1100},
                    {"seller_item_code": "TEA-01", "price": 648},
                ],
                hours_ago=24 * 9,
            )
        )
        self.backend.import_from = datetime.now() - timedelta(days=10)
        self.backend.action_import_orders()
        order = self.env["qoo10.order"].search([("pack_no", "=", cart["pack_no"])])
        self.assertEqual(order.sync_state, "done", order.sync_error)
        self.assertFalse(order.settle_date)
        self.assertFalse(order.line_ids.mapped("settle_date")[0])
        # Odoo sent the tracking: the lines are on delivery, the import reads deliveries
        order.line_ids.qoo10_status = "4"
        delivered = f"{wednesday.isoformat()} 08:00:00"
        sandbox(
            "/_sandbox/orders/status",
            {"pack_no": int(order.pack_no), "status": 5, "delivered_date": delivered},
        )
        self.backend.import_from = datetime.combine(wednesday, datetime.min.time())
        self.backend.import_from -= timedelta(days=1)
        self.backend.action_import_orders()
        self.assertEqual(set(order.line_ids.mapped("qoo10_status")), {"5"})
        self.assertEqual(
            order.line_ids.mapped("delivered_date"),
            [datetime.combine(wednesday, datetime.min.time()) - timedelta(hours=1)] * 2,
            "08:00 in Japan is 23:00 UTC the day before",
        )
        expected = wednesday + timedelta(days=21)
        self.assertEqual(order.line_ids.mapped("settle_date"), [expected] * 2)
        self.assertEqual(order.settle_date, expected)
        self.assertEqual(order.sale_order_id.qoo10_settle_date, expected)
        self.assertEqual(self.invoice(order.sale_order_id).qoo10_settle_date, expected)
        self.backend.seller_grade = "power"
        self.assertEqual(order.settle_date, wednesday + timedelta(days=7))
        groups = self.env["qoo10.order"].read_group(
            [("backend_id", "=", self.backend.id)],
            ["amount_settle:sum"],
            ["settle_date:day"],
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["settle_date_count"], 1)
