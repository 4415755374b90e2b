# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TxMoney (the SmartShip wallet, ex-QxMoney) as a prepaid asset, on OCA's tools only:
its ledger is imported with the generic TxMoney sheet mapping into a bank-type journal
whose account is the wallet, and two OCA reconcile models (auto-validated) book top-ups
as transfers from the bank and deductions as shipping or fulfilment expense."""

from odoo import Command, fields, models
from odoo.exceptions import UserError


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    qoo10_settle_txmoney_journal_id = fields.Many2one(
        "account.journal",
        string="TxMoney Journal",
        check_company=True,
        domain="[('type', '=', 'bank')]",
        help="Bank-type journal of the TxMoney wallet; its account is the prepaid asset.",
    )
    qoo10_settle_shipping_account_id = fields.Many2one(
        "account.account",
        string="Shipping Expense Account",
        check_company=True,
        help="TxMoney deductions (shipping at the DPC, monthly fulfilment fees). "
        "Empty: the company's first expense account.",
    )
    qoo10_settle_txmoney_model_ids = fields.Many2many(
        "account.reconcile.model",
        string="TxMoney Models",
        readonly=True,
        copy=False,
    )

    def action_qoo10_setup_txmoney(self):
        """Create the two auto-validated reconcile models of the TxMoney journal."""
        for backend in self:
            journal = backend.qoo10_settle_txmoney_journal_id
            if not journal:
                raise UserError(
                    self.env._("Set the TxMoney journal of the shop first.")
                )
            if backend.qoo10_settle_txmoney_model_ids:
                continue
            shipping = backend.qoo10_settle_shipping_account_id or (
                backend._qoo10_first_account("expense")
            )
            rules = [
                (
                    self.env._("TxMoney top-up"),
                    "amount_received",
                    backend._qoo10_settle_transfer_account(),
                ),
                (
                    self.env._("TxMoney shipping and fulfilment"),
                    "amount_paid",
                    shipping,
                ),
            ]
            # sudo: accounting configuration made once per shop (see _qoo10_settle_model)
            models_ = (
                self.env["account.reconcile.model"]
                .sudo()
                .create(
                    [
                        {
                            "name": f"{name} ({backend.name})",
                            "rule_type": "writeoff_suggestion",
                            "auto_reconcile": True,
                            "match_nature": nature,
                            "company_id": backend.company_id.id,
                            "match_journal_ids": [Command.set(journal.ids)],
                            "line_ids": [
                                Command.create(
                                    {
                                        "label": name,
                                        "account_id": account.id,
                                        "amount_type": "percentage",
                                        "amount_string": "100",
                                    }
                                )
                            ],
                        }
                        for name, nature, account in rules
                    ]
                )
            )
            backend.sudo().qoo10_settle_txmoney_model_ids = models_
        return True
