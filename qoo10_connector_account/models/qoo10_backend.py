# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Settlement settings of a shop: tolerance, presets, payouts; the accounts are the base
addon's QxMoney settings, each read here with a fallback.

The Q-account journal is the base addon's ``qxmoney_journal_id``. The reconcile models
(OCA's ``account.reconcile.model``, type "button") are created on first use from these
accounts, so that the accountant finds the same write-offs in the reconciliation screen.
"""

from datetime import datetime, time

from odoo import Command, fields, models
from odoo.exceptions import UserError


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    qoo10_settle_mapping_id = fields.Many2one(
        "account.statement.import.sheet.mapping",
        string="Settlement File Layout",
        default=lambda self: self.env.ref(
            "qoo10_connector_account.qoo10_sheet_mapping_sales_detail",
            raise_if_not_found=False,
        ),
        help="Sheet mapping proposed when a settlement file of this shop is imported.",
    )
    qoo10_settle_fee_tolerance = fields.Float(
        string="Fee Tolerance (%)",
        default=12.0,
        help="Largest difference between what the order should bring and what Qoo10 "
        "settled, in percent of the expected amount, that is booked as service fee. "
        "A larger difference stays open in the reconciliation screen with its reason.",
    )
    qoo10_settle_bank_journal_id = fields.Many2one(
        "account.journal",
        string="Payout Bank Journal",
        check_company=True,
        domain="[('type', '=', 'bank')]",
        help="The bank journal the Q account pays out to. Its statement lines whose "
        "label contains one of the Payout Words are matched with the payouts.",
    )
    qoo10_settle_payout_words = fields.Char(
        string="Payout Words",
        default="Qoo10,QOO10,ｷﾕ-ﾃﾝ,ｷﾕｰﾃﾝ,キューテン,ｲ-ﾍﾞｲ,ｲｰﾍﾞｲ,イーベイ",
        help="Comma-separated words of the payer name of Qoo10 payouts on the bank "
        "statement (Qoo10 Japan is run by eBay Japan).",
    )
    qoo10_settle_fee_model_id = fields.Many2one(
        "account.reconcile.model", string="Fee Write-off", readonly=True, copy=False
    )
    qoo10_settle_coupon_model_id = fields.Many2one(
        "account.reconcile.model", string="Coupon Write-off", readonly=True, copy=False
    )
    qoo10_settle_refund_model_id = fields.Many2one(
        "account.reconcile.model", string="Refund Write-off", readonly=True, copy=False
    )
    qoo10_settle_transfer_model_id = fields.Many2one(
        "account.reconcile.model", string="Payout Transfer", readonly=True, copy=False
    )
    qoo10_settle_transfer_fee_model_id = fields.Many2one(
        "account.reconcile.model",
        string="Transfer Fee Write-off",
        readonly=True,
        copy=False,
    )

    def _qoo10_settle_journal(self):
        self.ensure_one()
        if not self.qxmoney_journal_id:
            raise UserError(
                self.env._(
                    "Set the QxMoney journal (the Q account) of the shop %(shop)s first.",
                    shop=self.name,
                )
            )
        return self.qxmoney_journal_id

    def _qoo10_first_account(self, account_type):
        return self.env["account.account"].search(
            [
                *self.env["account.account"]._check_company_domain(self.company_id),
                ("account_type", "=", account_type),
                ("deprecated", "=", False),
            ],
            limit=1,
        )

    def _qoo10_settle_clearing_account(self):
        self.ensure_one()
        journal = self.qxmoney_journal_id
        return (
            self.qxmoney_clearing_account_id
            or journal.inbound_payment_method_line_ids.payment_account_id[:1]
        )

    def _qoo10_settle_fee_account(self):
        self.ensure_one()
        return self.qxmoney_commission_account_id or self._qoo10_first_account(
            "expense"
        )

    def _qoo10_settle_fee_tax(self):
        self.ensure_one()
        return self.qxmoney_fee_tax_id or self.company_id.account_purchase_tax_id

    def _qoo10_settle_coupon_account(self):
        self.ensure_one()
        return self.qxmoney_coupon_account_id or self._qoo10_first_account("income")

    def _qoo10_settle_refund_account(self):
        self.ensure_one()
        return self.qxmoney_refund_account_id or self._qoo10_settle_coupon_account()

    def _qoo10_settle_transfer_account(self):
        self.ensure_one()
        return self.company_id.transfer_account_id

    def _qoo10_settle_transfer_fee_account(self):
        self.ensure_one()
        return self.qxmoney_transfer_fee_account_id or self._qoo10_settle_fee_account()

    def _qoo10_settle_model(self, kind):
        """The shop's write-off model of ``kind`` (fee / coupon / refund), made on first use."""
        self.ensure_one()
        field = f"qoo10_settle_{kind}_model_id"
        if self[field]:
            return self[field]
        account = getattr(self, f"_qoo10_settle_{kind}_account")()
        if not account:
            raise UserError(
                self.env._(
                    "The shop %(shop)s has no account for %(kind)s write-offs.",
                    shop=self.name,
                    kind=kind,
                )
            )
        tax = self.env["account.tax"]
        if kind in ("fee", "transfer_fee"):
            tax = self._qoo10_settle_fee_tax()
        labels = {
            "fee": self.env._("Qoo10 service fee"),
            "coupon": self.env._("Qoo10 seller coupon"),
            "refund": self.env._("Qoo10 refund"),
            "transfer": self.env._("Qoo10 payout (internal transfer)"),
            "transfer_fee": self.env._("Qoo10 transfer fee"),
        }
        # sudo: reconcile models are accounting configuration, made once per shop for
        # whoever imports its first settlement file (a Qoo10 manager or an accountant).
        model = (
            self.env["account.reconcile.model"]
            .sudo()
            .create(
                {
                    "name": f"{labels[kind]} ({self.name})",
                    "rule_type": "writeoff_button",
                    "company_id": self.company_id.id,
                    "match_journal_ids": [Command.set(self.qxmoney_journal_id.ids)],
                    "line_ids": [
                        Command.create(
                            {
                                "label": labels[kind],
                                "account_id": account.id,
                                "amount_type": "percentage",
                                "amount_string": "100",
                                "tax_ids": [Command.set(tax[:1].ids)],
                                "force_tax_included": bool(tax),
                            }
                        )
                    ],
                }
            )
        )
        self.sudo()[field] = model
        return model

    def _qoo10_delivered_orders(self, date_from, date_to):
        """Qoo10 carts of the shop whose delivery Odoo validated in the period."""
        self.ensure_one()
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to, time.max)
        pickings = self.env["stock.picking"].search(
            [
                ("sale_id.qoo10_order_id.backend_id", "=", self.id),
                ("picking_type_code", "=", "outgoing"),
                ("state", "=", "done"),
                ("date_done", ">=", start),
                ("date_done", "<=", end),
            ]
        )
        return pickings.sale_id.qoo10_order_id

    def action_qoo10_match_payouts(self):
        """Match the bank lines of Qoo10 payouts with the transfers from the Q account."""
        lines = self.env["account.bank.statement.line"]
        for backend in self.filtered("qoo10_settle_bank_journal_id"):
            words = [
                word.strip()
                for word in (backend.qoo10_settle_payout_words or "").split(",")
                if word.strip()
            ]
            found = self.env["account.bank.statement.line"].search(
                [
                    ("journal_id", "=", backend.qoo10_settle_bank_journal_id.id),
                    ("is_reconciled", "=", False),
                    ("amount", ">", 0),
                ]
            )
            found = found.filtered(
                lambda st, words=words: any(w in (st.payment_ref or "") for w in words)
            )
            found.write({"qoo10_backend_id": backend.id, "qoo10_event": "payout"})
            lines |= found
        lines._qoo10_settle_match()
        return lines

    def action_qoo10_import_settlement(self):
        """Open OCA's statement import on the Q-account journal with the shop's layout."""
        self.ensure_one()
        journal = self._qoo10_settle_journal()
        action = journal.import_account_statement()
        action["context"] = dict(
            action.get("context") or {},
            journal_id=journal.id,
            default_sheet_mapping_id=self.qoo10_settle_mapping_id.id,
            default_qoo10_backend_id=self.id,
        )
        return action
