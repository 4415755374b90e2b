# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Shared setup: the Japanese shop of qoo10_connector's tests with a Q-account journal,
its Qoo10 receivable (clearing) account and the settlement accounts; carts imported from
the sandbox, invoiced and paid by Qoo10; QSM settlement files generated in Shift_JIS or
UTF-8 with BOM, as CSV or XLSX."""

import base64
import csv
import io
from datetime import date

import openpyxl

from odoo import Command

from odoo.addons.qoo10_connector.tests.common import Qoo10StockedCase

from ..settle_columns import sales_header

SALES_HEADER = sales_header()


def sales_row(order_no, amount, event="決済", day="2026/11/25", **extra):
    """A 販売詳細内訳 row (dict by header) for one order line."""
    row = dict.fromkeys(SALES_HEADER, "")
    row.update(
        {
            "購入者の決済日": "2026/11/10",
            "区分": event,
            "注文番号": order_no,
            "決済完了日": "2026/11/10",
            "商品名": "Mug",
            "数量": "1",
            "商品単価金額": f"{amount:,}",
            "販売店負担割引額": "0",
            "精算金額": f"{amount:,}",
            "精算日": day,
            "販売者コード": "MUG-001",
            "税率": "10%",
            "項目3": "unknown value",
        }
    )
    row.update(extra)
    return row


def make_file(rows, header=None, fmt="csv", encoding="cp932"):
    """Bytes of a settlement file: CSV in ``encoding`` or XLSX."""
    header = header or SALES_HEADER
    table = [header] + [[row.get(name, "") for name in header] for row in rows]
    if fmt == "xlsx":
        book = openpyxl.Workbook()
        for values in table:
            book.active.append(values)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(table)
    return text.getvalue().encode(encoding)


class Qoo10SettleCase(Qoo10StockedCase):
    """The shop on the Japanese chart, with its Q account and settlement accounts."""

    chart_template = "jp"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=company.ids)
        )
        account = cls.env["account.account"]
        cls.clearing = account.create(
            {
                "name": "Qoo10 receivable",
                "code": "119001",
                "account_type": "asset_current",
                "reconcile": True,
                "company_ids": [Command.set(company.ids)],
            }
        )
        cls.fee_account = cls._account("Qoo10 service fee", "619001", "expense")
        cls.coupon_account = cls._account("Qoo10 seller coupon", "419001", "income")
        cls.refund_account = cls._account("Qoo10 refunds", "419002", "income")
        cls.journal = cls.env["account.journal"].create(
            {
                "name": "Q account",
                "code": "QACC",
                "type": "bank",
                "company_id": company.id,
            }
        )
        (
            cls.journal.inbound_payment_method_line_ids
            + cls.journal.outbound_payment_method_line_ids
        ).payment_account_id = cls.clearing
        chart = cls.env["account.chart.template"].with_company(company)
        cls.tax10 = chart.ref("l10n_jp_tax_sale_exc_10")
        cls.fee_tax = company.account_purchase_tax_id
        cls.mug.taxes_id = [Command.set(cls.tax10.ids)]
        cls.backend.write(
            {
                "tax_mode": "product",
                "qxmoney_journal_id": cls.journal.id,
                "qxmoney_payment_trigger": "paid",
                "qxmoney_clearing_account_id": cls.clearing.id,
                "qxmoney_commission_account_id": cls.fee_account.id,
                "qxmoney_coupon_account_id": cls.coupon_account.id,
                "qxmoney_refund_account_id": cls.refund_account.id,
            }
        )
        cls.mapping = cls.env.ref(
            "qoo10_connector_account.qoo10_sheet_mapping_sales_detail"
        )

    @classmethod
    def _account(cls, name, code, account_type):
        return cls.env["account.account"].create(
            {
                "name": name,
                "code": code,
                "account_type": account_type,
                "company_ids": [Command.set(cls.company.ids)],
            }
        )

    # Qoo10 carts, invoiced and paid by Qoo10 ------------------------------------------

    def paid_carts(self, *prices):
        """One imported cart per price (a mug), invoiced, paid by Qoo10; their orders."""
        self.add_carts(
            *[
                self.cart([{"seller_item_code": "MUG-001", "price": price}])
                for price in prices
            ]
        )
        orders = self.import_orders().sorted("pack_no")
        for order in orders:
            self.assertEqual(order.sync_state, "done", order.sync_error)
            self.pay_by_qoo10(order)
        return orders

    def pay_by_qoo10(self, order):
        """The invoice of a paid cart, paid by Qoo10 on the buyer's behalf, by the base
        addon's own step: the posted invoice marks its cart, and the accounting work
        pays it in the QxMoney journal on the clearing account, memo = cart number."""
        sale = order.sale_order_id
        if sale.state in ("draft", "sent"):
            sale.action_confirm()
        invoice = sale._create_invoices()
        invoice.action_post()
        self.assertEqual(order.invoice_state, "pending")
        order._qoo10_do_accounting()
        self.assertIn(
            invoice.payment_state, ("paid", "in_payment"), order.invoice_error
        )
        return invoice

    def register_payment(self, move, memo):
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=move.ids)
            .create({"journal_id": self.journal.id, "communication": memo})
            ._create_payments()
        )

    def deliver(self, order):
        picking = order.sale_order_id.picking_ids
        picking.move_ids.quantity = 1
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")

    # settlement files ---------------------------------------------------------------

    def import_file(self, data, filename="sales.csv", mapping=None, **values):
        wizard = (
            self.env["account.statement.import"]
            .with_context(journal_id=self.journal.id)
            .create(
                dict(
                    {
                        "statement_file": base64.b64encode(data),
                        "statement_filename": filename,
                        "sheet_mapping_id": (mapping or self.mapping).id,
                        "qoo10_backend_id": self.backend.id,
                    },
                    **values,
                )
            )
        )
        wizard.import_file_button()
        return self.statement_lines()

    def statement_lines(self):
        return self.env["account.bank.statement.line"].search(
            [("journal_id", "=", self.journal.id)], order="id"
        )

    def balance(self, account):
        lines = self.env["account.move.line"].search(
            [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        )
        return sum(lines.mapped("balance"))

    @staticmethod
    def first_line_no(order):
        return order.line_ids[:1].order_no

    @staticmethod
    def period():
        return {
            "qoo10_date_from": date(2026, 11, 23),
            "qoo10_date_to": date(2026, 11, 29),
        }
