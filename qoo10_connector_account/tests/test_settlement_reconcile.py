# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A week of QSM settlement rows matched with the Qoo10 receivables, fees booked."""

from odoo.tests import tagged

from .common import Qoo10SettleCase, make_file, sales_row


def fee_split(fee):
    """A tax-included fee → (base, 10% tax), the tax rounded as Odoo rounds yen."""
    tax = round(fee * 10 / 110)
    return fee - tax, tax


@tagged("post_install", "-at_install")
class TestSettlementReconcile(Qoo10SettleCase):
    def assert_week_reconciled(self, data, filename):
        orders = self.paid_carts(1100, 2200, 3300)
        settled = {1100: 990, 2200: 1980, 3300: 2970}
        rows = [
            sales_row(self.first_line_no(order), settled[order.amount_total])
            for order in orders
        ]
        self.assertEqual(self.balance(self.clearing), 6600, "three carts paid by Qoo10")
        lines = self.import_file(make_file(rows, **data), filename)
        self.assertEqual(len(lines), 3)
        self.assertTrue(
            all(lines.mapped("is_reconciled")), lines.mapped("qoo10_settle_note")
        )
        self.assertEqual(set(lines.mapped("qoo10_settle_state")), {"matched"})
        self.assertEqual(self.balance(self.clearing), 0, "the receivables are settled")
        base, tax = fee_split(660)
        self.assertEqual(self.balance(self.fee_account), base)
        fee_tax_lines = self.env["account.move.line"].search(
            [
                ("tax_line_id", "=", self.fee_tax.id),
                ("move_id", "in", lines.move_id.ids),
            ]
        )
        self.assertEqual(sum(fee_tax_lines.mapped("balance")), tax)
        line = lines.filtered(
            lambda st: st.qoo10_order_no == self.first_line_no(orders[0])
        )
        self.assertEqual(
            line.qoo10_pack_no, orders[0].pack_no, "cart found from the order"
        )
        self.assertEqual(line.ref, f"{line.qoo10_order_no} / {orders[0].pack_no}")
        self.assertEqual(line.qoo10_event, "payment")
        self.assertIn("項目3: unknown value", line.narration)
        self.assertIn('"注文番号": "%s"' % line.qoo10_order_no, line.raw_data)
        self.assertTrue(line.unique_import_id)
        return lines

    def test_week_shift_jis_csv(self):
        self.assert_week_reconciled({"encoding": "cp932"}, "sales.csv")

    def test_week_utf8_bom_csv(self):
        self.assert_week_reconciled({"encoding": "utf-8-sig"}, "sales.csv")

    def test_week_xlsx(self):
        lines = self.assert_week_reconciled({"fmt": "xlsx"}, "sales.xlsx")
        self.assertEqual(lines[0].date.isoformat(), "2026-11-25", "精算日 is the date")

    def test_seller_discount_to_coupon_account(self):
        (order,) = self.paid_carts(1100)
        row = sales_row(self.first_line_no(order), 900, 販売店負担割引額="100")
        (line,) = self.import_file(make_file([row]))
        self.assertTrue(line.is_reconciled, line.qoo10_settle_note)
        self.assertEqual(self.balance(self.coupon_account), 100)
        self.assertEqual(sum(fee_split(100)), 100)
        self.assertEqual(self.balance(self.fee_account), fee_split(100)[0])

    def test_mismatched_amount_left_open_with_reason(self):
        orders = self.paid_carts(1100, 1100)
        rows = [
            sales_row(self.first_line_no(orders[0]), 500),
            sales_row("999999999", 990),
        ]
        lines = self.import_file(make_file(rows))
        self.assertFalse(any(lines.mapped("is_reconciled")))
        self.assertEqual(set(lines.mapped("qoo10_settle_state")), {"open"})
        self.assertIn("fee tolerance", lines[0].qoo10_settle_note)
        self.assertIn("600", lines[0].qoo10_settle_note)
        self.assertIn("999999999", lines[1].qoo10_settle_note)
        self.assertEqual(self.balance(self.clearing), 2200, "nothing settled")

    def test_unpaid_invoice_left_open(self):
        self.add_carts(self.cart([{"seller_item_code": "MUG-001", "price": 1100}]))
        (order,) = self.import_orders()
        (line,) = self.import_file(
            make_file([sales_row(self.first_line_no(order), 990)])
        )
        self.assertFalse(line.is_reconciled)
        self.assertIn(order.pack_no, line.qoo10_settle_note)
        self.pay_by_qoo10(order)
        line.action_qoo10_settle_match()
        self.assertTrue(line.is_reconciled, line.qoo10_settle_note)
        self.assertEqual(line.qoo10_settle_state, "matched")

    def test_partial_refund_and_return(self):
        orders = self.paid_carts(1100, 2200)
        kept, returned = orders
        invoice = returned.sale_order_id.invoice_ids
        credit_note = invoice._reverse_moves([{"ref": "return"}])
        credit_note.action_post()
        self.register_payment(credit_note, returned.pack_no)
        rows = [
            sales_row(self.first_line_no(kept), 990),
            sales_row(self.first_line_no(kept), 300, event="払い戻し"),
            sales_row(self.first_line_no(returned), 1980),
            sales_row(self.first_line_no(returned), 1980, event="返品"),
        ]
        lines = self.import_file(make_file(rows))
        self.assertTrue(
            all(lines.mapped("is_reconciled")), lines.mapped("qoo10_settle_note")
        )
        refund = lines.filtered(lambda st: st.qoo10_event == "refund")
        self.assertEqual(refund.amount, -300, "a refund row takes money back")
        self.assertEqual(self.balance(self.refund_account), 300)
        ret = lines.filtered(lambda st: st.qoo10_event == "return")
        self.assertEqual(ret.amount, -1980)
        self.assertIn(returned.pack_no, ret.qoo10_settle_note)
        self.assertEqual(self.balance(self.clearing), 0)
        # the fee of the returned order is given back: fee 220 booked, then returned
        self.assertEqual(self.balance(self.fee_account), fee_split(110)[0])
