# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The reconciliation report's figures against hand-computed ones; an accountant's import."""

from odoo.tests import new_test_user, tagged

from ..models.qoo10_settle_report import xlsx_rows
from .common import Qoo10SettleCase, make_file, sales_row


@tagged("post_install", "-at_install")
class TestSettleReport(Qoo10SettleCase):
    def test_report_figures(self):
        orders = self.paid_carts(1100, 2200, 3300)
        by_total = {order.amount_total: order for order in orders}
        settled, short, missing = by_total[1100], by_total[2200], by_total[3300]
        rows = [
            sales_row(self.first_line_no(settled), 990),
            sales_row(self.first_line_no(short), 500),
        ]
        self.import_file(make_file(rows))
        report = self.env["qoo10.settle.report"].search(
            [("backend_id", "=", self.backend.id)]
        )
        self.assertEqual(len(report), 3)
        row = {r.order_line_id.order_id: r for r in report}
        # hand-computed: SettlePrice is 90% of the pre-discount amount (SETTLEMENT.md T19)
        self.assertEqual(
            [
                row[settled][name]
                for name in ("invoiced", "expected", "settled", "fees")
            ],
            [1100, 990, 990, 110],
        )
        self.assertEqual((row[settled].difference, row[settled].state), (0, "settled"))
        self.assertEqual(
            [row[short][name] for name in ("invoiced", "expected", "settled", "fees")],
            [2200, 1980, 500, 0],
        )
        self.assertEqual((row[short].difference, row[short].state), (-1480, "open"))
        self.assertIn("tolerance", row[short].note)
        self.assertEqual(
            (row[missing].settled, row[missing].difference, row[missing].state),
            (0, -2970, "not_settled"),
        )
        table = xlsx_rows(report.sorted("order_no")._qoo10_xlsx())
        self.assertEqual(
            table[0][:4], ["Qoo10 Shop", "Paid by Buyer On", "Cart No.", "Order No."]
        )
        line = next(r for r in table if r[3] == self.first_line_no(settled))
        self.assertEqual(line[4:13], [1100, 990, 990, 110, 0, 0, 0, 0, "Settled"])
        action = report.action_qoo10_export_xlsx()
        self.assertIn("/web/content/", action["url"])

    def test_accountant_imports_and_reconciles(self):
        accountant = new_test_user(
            self.env,
            "qoo10_accountant",
            # OCA's import and reconciliation screen need "full accounting features"
            groups="account.group_account_manager,account.group_account_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        (order,) = self.paid_carts(1100)
        self.env = self.env(user=accountant)
        (line,) = self.import_file(
            make_file([sales_row(self.first_line_no(order), 990)])
        )
        self.assertTrue(line.is_reconciled, line.qoo10_settle_note)
        self.assertEqual(line.qoo10_fee_booked, 110)
        report = self.env["qoo10.settle.report"].search([])
        self.assertEqual(report.mapped("state"), ["settled"])
