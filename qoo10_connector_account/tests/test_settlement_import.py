# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Settlement files: layouts refused, re-imports that change nothing, an empty file for
a week with deliveries, the deduction files, columns found by position."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SALES_HEADER, Qoo10SettleCase, make_file, sales_row


@tagged("post_install", "-at_install")
class TestSettlementImport(Qoo10SettleCase):
    def assert_refused(self, data, *names):
        statements = self.env["account.bank.statement"].search_count([])
        with self.assertRaises(UserError) as caught:
            self.import_file(data)
        for name in names:
            self.assertIn(name, str(caught.exception))
        self.assertIn("Nothing was imported", str(caught.exception))
        self.assertEqual(
            self.env["account.bank.statement"].search_count([]), statements
        )
        self.assertFalse(self.statement_lines())

    def test_unknown_layout_refused(self):
        header = ["注文日"] + SALES_HEADER[1:]
        rows = [dict(sales_row("123", 990), 注文日="2026/11/10")]
        self.assert_refused(make_file(rows, header=header), "購入者の決済日")

    def test_missing_key_columns_refused(self):
        header = ["購入者の決済日", "区分"]
        self.assert_refused(
            make_file([sales_row("123", 990)], header=header), "注文番号", "精算金額"
        )

    def test_unreadable_date_refused(self):
        row = sales_row("123", 990, 精算日="", 購入者の決済日="いつか")
        self.assert_refused(make_file([row]), "いつか")

    def test_text_in_amount_cell_refused(self):
        (order,) = self.paid_carts(1100)
        good = sales_row(self.first_line_no(order), 990)
        bad = sales_row(self.first_line_no(order), 990, 精算金額="未定")
        self.assert_refused(make_file([good, bad]), "Row 3", "精算金額", "未定")
        bad = sales_row(self.first_line_no(order), 990, 販売店負担割引額="1.2.3")
        data = make_file([bad], fmt="xlsx")
        self.assert_refused(data, "Row 2", "販売店負担割引額", "1.2.3")
        self.assertEqual(self.balance(self.clearing), 1100, "nothing settled")

    def test_same_file_twice_and_overlapping_files(self):
        orders = self.paid_carts(1100, 2200)
        first = sales_row(self.first_line_no(orders[0]), 990)
        second = sales_row(self.first_line_no(orders[1]), 1980)
        lines = self.import_file(make_file([first]))
        self.assertEqual(len(lines), 1)
        with self.assertRaises(UserError):
            self.import_file(make_file([first]))
        with self.assertRaises(UserError):
            self.import_file(make_file([first], fmt="xlsx"), "sales.xlsx")
        self.assertEqual(self.statement_lines(), lines, "the same rows change nothing")
        lines = self.import_file(make_file([first, second], encoding="utf-8-sig"))
        self.assertEqual(len(lines), 2, "only the new row of an overlapping file")
        self.assertTrue(all(lines.mapped("is_reconciled")))
        self.assertEqual(self.balance(self.clearing), 0)

    def test_empty_file_for_a_week_with_deliveries_is_suspicious(self):
        (order,) = self.paid_carts(1100)
        self.deliver(order)
        today = order.sale_order_id.picking_ids.date_done.date()
        self.import_file(make_file([]), qoo10_date_from=today, qoo10_date_to=today)
        statement = self.env["account.bank.statement"].search(
            [("journal_id", "=", self.journal.id)]
        )
        self.assertEqual(len(statement), 1)
        self.assertTrue(statement.qoo10_suspicious)
        self.assertFalse(statement.line_ids)
        self.assertIn(order.pack_no, statement.qoo10_suspicious_reason)
        self.assertIn("1 Qoo10 orders", statement.qoo10_suspicious_reason)

    def test_empty_file_needs_its_period(self):
        with self.assertRaises(UserError) as caught:
            self.import_file(make_file([]))
        self.assertIn("Period", str(caught.exception))

    def test_empty_file_without_deliveries_writes_nothing(self):
        with self.assertRaises(UserError):
            self.import_file(make_file([]), **self.period())
        self.assertFalse(self.env["account.bank.statement"].search([]))

    def test_columns_by_position_when_names_change(self):
        (order,) = self.paid_carts(1100)
        header = list(SALES_HEADER)
        header[2] = "注文No"  # renamed: found at its known position
        header[20] = "項目20"  # no settlement amount: 商品単価金額 by name
        row = sales_row(self.first_line_no(order), 990)
        row["注文No"] = row.pop("注文番号")
        (line,) = self.import_file(make_file([row], header=header))
        self.assertEqual(line.qoo10_order_no, self.first_line_no(order))
        self.assertEqual(line.amount, 990)
        self.assertTrue(line.is_reconciled, line.qoo10_settle_note)

    def test_cart_discount_and_promotion_files(self):
        orders = self.paid_carts(1100, 2200)
        numbers = [self.first_line_no(order) for order in orders]
        cart = self.env.ref("qoo10_connector_account.qoo10_sheet_mapping_cart_discount")
        header = ["注文番号", "カート割引金額", "発生日"]
        rows = [
            {
                "注文番号": " | ".join(numbers),
                "カート割引金額": "301",
                "発生日": "2026/11/25",
            }
        ]
        lines = self.import_file(make_file(rows, header=header), mapping=cart)
        self.assertEqual(sorted(lines.mapped("amount")), [-151, -150])
        self.assertEqual(set(lines.mapped("qoo10_event")), {"cart_coupon"})
        promo = self.env.ref("qoo10_connector_account.qoo10_sheet_mapping_promotion")
        header = ["注文番号", "商品コード", "メガ割引クーポン1/2", "購入者の決済日"]
        rows = [
            {
                "注文番号": numbers[0],
                "商品コード": "123",
                "メガ割引クーポン1/2": "110",
                "購入者の決済日": "2026/11/20",
            }
        ]
        lines = self.import_file(
            make_file(rows, header=header, encoding="utf-8-sig"), mapping=promo
        )
        self.assertEqual(len(lines), 3)
        self.assertTrue(all(lines.mapped("is_reconciled")))
        self.assertEqual(self.balance(self.coupon_account), 411)
