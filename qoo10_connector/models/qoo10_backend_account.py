# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The shop's accounting: its invoicing policy and its QxMoney Payment Settings.

The invoices, the payment into the Qoo10 receivable and the credit notes are made by
qoo10.order (qoo10_order_invoice.py) and qoo10.order.line (qoo10_order_line_credit.py);
the settings are checked on save. README "Accounting: invoices and what Qoo10 owes"."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

EXPENSE = ("expense", "expense_direct_cost", "expense_other")
INCOME = ("income", "income_other")
# {field: (account types it accepts, its label in messages)}, checked on save
ACCOUNT_TYPES = {
    "qxmoney_clearing_account_id": ("asset_current",),
    "qxmoney_commission_account_id": EXPENSE,
    "qxmoney_coupon_account_id": EXPENSE + INCOME,
    "qxmoney_refund_account_id": EXPENSE
    + INCOME
    + ("asset_current", "liability_current"),
    "qxmoney_transfer_fee_account_id": EXPENSE,
}
# the l10n_jp accounts and tax used by "Configure from the chart" when the company has them
JP_COMMISSION = "l10n_jp_512400"
JP_FEE_TAX = "l10n_jp_tax_purchase_exc_10"
QXMONEY_CODE = "QXM"


def backend_method_lines(journal):
    """The payment methods of a QxMoney journal: Qoo10 pays in, and refunds out."""
    return (
        journal.inbound_payment_method_line_ids
        | journal.outbound_payment_method_line_ids
    )


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    invoice_policy = fields.Selection(
        [
            ("manual", "Manually, by people"),
            ("delivery", "When the delivery is done"),
            ("import", "At import (shops that do not ship from Odoo)"),
        ],
        string="Invoicing",
        default="manual",
        required=True,
        help="When the paid Qoo10 orders of this shop are invoiced. Automatic invoices "
        "are posted in the shop's sales journal with the Qoo10 cart number as reference; "
        "an invoice that cannot be made is reported on its Qoo10 order.",
    )
    sale_journal_id = fields.Many2one(
        "account.journal",
        string="Sales Journal",
        check_company=True,
        domain="[('type', '=', 'sale')]",
        compute="_compute_sale_journal_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The journal of the invoices and credit notes of this shop's orders.",
    )
    qxmoney_clearing_account_id = fields.Many2one(
        "account.account",
        string="Qoo10 Receivable (Clearing Account)",
        check_company=True,
        help="What Qoo10 owes the seller: the buyers' payments to Qoo10 are booked here, "
        "per order, until Qoo10 settles them. A reconcilable current asset, the "
        "outstanding receipts account of the QxMoney journal.",
    )
    qxmoney_fee_tax_id = fields.Many2one(
        "account.tax",
        string="Service Fee Tax",
        check_company=True,
        domain="[('type_tax_use', '=', 'purchase')]",
        help="The purchase tax of Qoo10's service fee (Qoo10 charges consumption tax on "
        "it, at 10%).",
    )
    qxmoney_coupon_account_id = fields.Many2one(
        "account.account",
        string="Seller Coupon Account",
        check_company=True,
        help="The seller's share of coupons and discounts Qoo10 deducts from the "
        "settlement.",
    )
    qxmoney_refund_account_id = fields.Many2one(
        "account.account",
        string="Refund Account",
        check_company=True,
        help="Refunds to buyers that Qoo10 deducts from the settlement.",
    )
    qxmoney_transfer_fee_account_id = fields.Many2one(
        "account.account",
        string="Transfer Fee Account",
        check_company=True,
        help="The fee of Qoo10's transfer from the Q account to the bank.",
    )

    @api.depends("company_id")
    def _compute_sale_journal_id(self):
        """The company's sales journal, unless one of the company's is chosen."""
        journals = self.env["account.journal"]
        for backend in self:
            if backend.sale_journal_id.company_id == backend.company_id:
                continue
            backend.sale_journal_id = journals.search(
                [
                    *journals._check_company_domain(backend.company_id),
                    ("type", "=", "sale"),
                ],
                limit=1,
            )

    @api.constrains(
        "invoice_policy", "sale_journal_id", "qxmoney_journal_id", *ACCOUNT_TYPES
    )
    def _check_qoo10_accounting(self):
        for backend in self:
            if error := backend._qoo10_accounting_error():
                raise ValidationError(error)

    def _qoo10_accounting_error(self):
        """What is wrong with the shop's accounting settings, in words, or False."""
        _ = self.env._
        if self.invoice_policy != "manual" and not self.sale_journal_id:
            return _("Shop %s: choose the sales journal of its invoices.", self.name)
        if self.sale_journal_id and self.sale_journal_id.type != "sale":
            return _("Shop %s: the sales journal must be a sales journal.", self.name)
        for name, types in ACCOUNT_TYPES.items():
            account = self[name]
            if account and account.account_type not in types:
                return _(
                    "Shop %(shop)s: %(field)s cannot be %(account)s, an account of type "
                    "%(type)s.",
                    shop=self.name,
                    field=self._fields[name].get_description(self.env)["string"],
                    account=account.display_name,
                    type=dict(
                        account._fields["account_type"]._description_selection(self.env)
                    ).get(account.account_type),
                )
        return self._qoo10_clearing_error()

    def _qoo10_clearing_error(self):
        _ = self.env._
        clearing, journal = self.qxmoney_clearing_account_id, self.qxmoney_journal_id
        if clearing and not clearing.reconcile:
            return _(
                "Shop %(shop)s: the clearing account %(account)s must allow "
                "reconciliation, so that Qoo10's settlements can be matched to orders.",
                shop=self.name,
                account=clearing.display_name,
            )
        if journal and not clearing:
            return _(
                "Shop %s: choose the clearing account of the QxMoney journal (or use "
                "Configure from the chart).",
                self.name,
            )
        other = backend_method_lines(journal).payment_account_id - clearing
        if journal and other:
            return _(
                "Shop %(shop)s: the QxMoney journal %(journal)s books payments on "
                "%(account)s; set the outstanding account of its payment methods to "
                "the clearing account %(clearing)s, or choose that account here.",
                shop=self.name,
                journal=journal.display_name,
                account=other[0].display_name,
                clearing=clearing.display_name,
            )
        return False

    @api.model_create_multi
    def create(self, vals_list):
        backends = super().create(vals_list)
        backends._qoo10_link_clearing()
        return backends

    def write(self, vals):
        result = super().write(vals)
        if {"qxmoney_journal_id", "qxmoney_clearing_account_id"} & set(vals):
            self._qoo10_link_clearing()
        return result

    def _qoo10_link_clearing(self):
        """The clearing account becomes the outstanding account of the QxMoney
        journal's payment methods that have none yet."""
        for backend in self.filtered("qxmoney_journal_id"):
            lines = backend_method_lines(backend.qxmoney_journal_id)
            lines.filtered(lambda line: not line.payment_account_id).write(
                {"payment_account_id": backend.qxmoney_clearing_account_id.id}
            )

    # ------------------------------------------------------------------
    # "Configure from the chart"
    # ------------------------------------------------------------------
    def action_qoo10_configure_accounting(self):
        """Fill the empty QxMoney settings from the company's chart, creating the
        QxMoney bank journal and its clearing account when the company has none."""
        self.ensure_one()
        company = self.company_id
        chart = self.env["account.chart.template"].with_company(company)
        values = {}
        if not self.qxmoney_clearing_account_id:
            values["qxmoney_clearing_account_id"] = self._qoo10_clearing_account().id
        if not self.qxmoney_journal_id:
            values["qxmoney_journal_id"] = self._qoo10_qxmoney_journal().id
        commission = chart.ref(JP_COMMISSION, raise_if_not_found=False)
        expense = commission or self._qoo10_company_account(EXPENSE)
        defaults = {
            "qxmoney_commission_account_id": expense,
            "qxmoney_transfer_fee_account_id": expense,
            "qxmoney_coupon_account_id": expense,
            "qxmoney_refund_account_id": self._qoo10_company_account(INCOME),
            "qxmoney_fee_tax_id": chart.ref(JP_FEE_TAX, raise_if_not_found=False)
            or company.account_purchase_tax_id,
        }
        values.update(
            (name, record.id) for name, record in defaults.items() if not self[name]
        )
        self.write(values)
        return True

    def _qoo10_company_account(self, types):
        return self.env["account.account"].search(
            [
                *self.env["account.account"]._check_company_domain(self.company_id),
                ("account_type", "in", types),
                ("deprecated", "=", False),
            ],
            limit=1,
        )

    def _qoo10_clearing_account(self):
        """A reconcilable current asset "Qoo10 receivable", created once per company."""
        accounts = self.env["account.account"].with_company(self.company_id)
        domain = [
            *accounts._check_company_domain(self.company_id),
            ("name", "=", "Qoo10 receivable (QxMoney)"),
        ]
        if account := accounts.search(domain, limit=1):
            return account
        chart = self.env["account.chart.template"].with_company(self.company_id)
        outstanding = chart.ref(
            "account_journal_payment_debit_account_id", raise_if_not_found=False
        )
        start = outstanding.code or "1100"
        return accounts.create(
            {
                "name": "Qoo10 receivable (QxMoney)",
                "code": accounts._search_new_account_code(start),
                "account_type": "asset_current",
                "reconcile": True,
                "company_ids": [self.company_id.id],
            }
        )

    def _qoo10_qxmoney_journal(self):
        journals = self.env["account.journal"]
        domain = [
            *journals._check_company_domain(self.company_id),
            ("code", "=", QXMONEY_CODE),
        ]
        return journals.search(domain, limit=1) or journals.create(
            {
                "name": "QxMoney",
                "code": QXMONEY_CODE,
                "type": "bank",
                "company_id": self.company_id.id,
                "currency_id": self.currency_id != self.company_id.currency_id
                and self.currency_id.id,
            }
        )

    # ------------------------------------------------------------------
    # Cron: invoices, payments and credit notes marked to do
    # ------------------------------------------------------------------
    @api.model
    def _cron_qoo10_accounting(self):
        """Every cart with accounting to do, each on its own savepoint (see qoo10.order)."""
        orders = self.env["qoo10.order"].search(
            [
                "|",
                ("invoice_state", "=", "pending"),
                ("line_ids.credit_state", "=", "pending"),
            ]
        )
        for _backend, carts in orders.grouped("backend_id").items():
            carts._qoo10_do_accounting()
