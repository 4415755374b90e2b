# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Payouts from the Q account to the bank, with their fee, as internal transfers; the
TxMoney wallet's top-ups and deductions."""

import base64
from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import Qoo10SettleCase, make_file

QACCOUNT_HEADER = ["日付", "内容", "金額", "手数料", "残高"]


@tagged("post_install", "-at_install")
class TestPayouts(Qoo10SettleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank = cls.env["account.journal"].create(
            {
                "name": "MUFG",
                "code": "MUFG",
                "type": "bank",
                "company_id": cls.company.id,
            }
        )
        cls.transfer_fee_account = cls._account("Transfer fees", "619002", "expense")
        cls.transfer = cls.company.transfer_account_id
        cls.backend.write(
            {
                "qoo10_settle_bank_journal_id": cls.bank.id,
                "qxmoney_transfer_fee_account_id": cls.transfer_fee_account.id,
            }
        )
        cls.qaccount = cls.env.ref(
            "qoo10_connector_account.qoo10_sheet_mapping_qaccount"
        )

    def bank_line(self, amount, label, day=date(2026, 11, 27)):
        statement = self.env["account.bank.statement"].create(
            {
                "name": "MUFG 11/27",
                "line_ids": [
                    Command.create(
                        {
                            "journal_id": self.bank.id,
                            "date": day,
                            "amount": amount,
                            "payment_ref": label,
                        }
                    )
                ],
            }
        )
        return statement.line_ids

    def test_payout_with_fee_is_an_internal_transfer(self):
        rows = [
            {
                "日付": "2026/11/25",
                "内容": "販売代金 精算",
                "金額": "10,150",
                "残高": "10,150",
            },
            {
                "日付": "2026/11/26",
                "内容": "自動出金",
                "金額": "10,000",
                "手数料": "150",
                "残高": "0",
            },
        ]
        lines = self.import_file(
            make_file(rows, header=QACCOUNT_HEADER),
            "qaccount.csv",
            mapping=self.qaccount,
        )
        self.assertEqual(sorted(lines.mapped("amount")), [-10000, -150], "精算 skipped")
        self.assertTrue(
            all(lines.mapped("is_reconciled")), lines.mapped("qoo10_settle_note")
        )
        self.assertEqual(self.balance(self.transfer), 10000, "on its way to the bank")
        fee_base = 150 - round(150 * 10 / 110)
        self.assertEqual(self.balance(self.transfer_fee_account), fee_base)
        other = self.bank_line(5000, "ﾔﾏﾀﾞ ﾀﾛｳ")
        receipt = self.bank_line(10000, "ﾌﾘｺﾐ ｷﾕ-ﾃﾝ ｼﾞﾔﾊﾟﾝ")
        matched = self.backend.action_qoo10_match_payouts()
        self.assertEqual(matched, receipt, "only a line with a payout word")
        self.assertTrue(receipt.is_reconciled, receipt.qoo10_settle_note)
        self.assertFalse(other.is_reconciled)
        self.assertEqual(self.balance(self.transfer), 0, "the transfer arrived")

    def test_bank_receipt_without_payout_stays_open(self):
        receipt = self.bank_line(7000, "Qoo10 payout")
        self.backend.action_qoo10_match_payouts()
        self.assertFalse(receipt.is_reconciled)
        self.assertEqual(receipt.qoo10_settle_state, "open")
        self.assertIn("7000", receipt.qoo10_settle_note)


@tagged("post_install", "-at_install")
class TestTxMoney(Qoo10SettleCase):
    def test_top_up_and_deductions(self):
        wallet = self.env["account.account"].create(
            {
                "name": "TxMoney wallet",
                "code": "118001",
                "account_type": "asset_prepayments",
                "company_ids": [Command.set(self.company.ids)],
            }
        )
        txmoney = self.env["account.journal"].create(
            {
                "name": "TxMoney",
                "code": "TXM",
                "type": "bank",
                "company_id": self.company.id,
                "default_account_id": wallet.id,
            }
        )
        shipping = self._account("Shipping (SmartShip)", "619003", "expense")
        self.backend.write(
            {
                "qoo10_settle_txmoney_journal_id": txmoney.id,
                "qoo10_settle_shipping_account_id": shipping.id,
            }
        )
        self.backend.action_qoo10_setup_txmoney()
        self.assertEqual(len(self.backend.qoo10_settle_txmoney_model_ids), 2)
        header = ["Date", "Description", "Reference", "Debit", "Credit", "Balance"]
        rows = [
            {
                "Date": "2026-11-20",
                "Description": "Top-up (virtual account)",
                "Credit": "10,000",
                "Balance": "10,000",
            },
            {
                "Date": "2026-11-21",
                "Description": "Shipping fee",
                "Reference": "QX123",
                "Debit": "800",
                "Balance": "9,200",
            },
            {
                "Date": "2026-11-30",
                "Description": "Fulfilment fee 2026-11",
                "Debit": "1,200",
                "Balance": "8,000",
            },
        ]
        mapping = self.env.ref("qoo10_connector_account.qoo10_sheet_mapping_txmoney")
        wizard = (
            self.env["account.statement.import"]
            .with_context(journal_id=txmoney.id, _test_account_reconcile_oca=True)
            .create(
                {
                    "statement_file": base64.b64encode(
                        make_file(rows, header=header, encoding="utf-8-sig")
                    ),
                    "statement_filename": "txmoney.csv",
                    "sheet_mapping_id": mapping.id,
                }
            )
        )
        wizard.import_file_button()
        lines = self.env["account.bank.statement.line"].search(
            [("journal_id", "=", txmoney.id)]
        )
        self.assertEqual(sorted(lines.mapped("amount")), [-1200, -800, 10000])
        self.assertTrue(all(lines.mapped("is_reconciled")))
        self.assertEqual(self.balance(wallet), 8000)
        self.assertEqual(self.balance(shipping), 2000)
        self.assertEqual(self.balance(self.company.transfer_account_id), -10000)
        self.assertEqual(lines.statement_id.balance_end_real, 8000)
