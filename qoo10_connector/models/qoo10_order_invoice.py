# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The accounting of a Qoo10 cart: its invoice, posted per the shop's invoicing policy,
paid by Qoo10 on the buyer's behalf into the Qoo10 receivable (the QxMoney journal), and
the credit notes of its cancelled or returned lines (qoo10_order_line_credit.py).

What triggers the work only marks the cart (``invoice_state`` "pending"): the import
(policy "At import"), a validated delivery (policy "When the delivery is done"), an
invoice posted by a person, a claim. The work is done by ``_qoo10_do_accounting``, at
the end of the import step or by the accounting cron, one cart per savepoint: a cart
that cannot be invoiced says why and the others go on."""

import logging

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .. import mappers
from ..qapi import const

_logger = logging.getLogger(__name__)

PAID = tuple(str(s) for s in const.PAID_STATUSES + const.SHIPPED_STATUSES)


class QuickFixError(UserError):
    """A refusal whose message names its one cause and what to do about it."""


class Qoo10Order(models.Model):
    _inherit = "qoo10.order"

    invoice_state = fields.Selection(
        [
            ("none", "Nothing to do"),
            ("pending", "To do"),
            ("done", "Done"),
            ("error", "Failed"),
        ],
        string="Invoicing",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        help="The connector's accounting of the cart: its invoice (per the shop's "
        "invoicing policy), its payment by Qoo10 into the Qoo10 receivable and the "
        "credit notes of its claims.",
    )
    invoice_error = fields.Text(string="Invoicing Error", readonly=True, copy=False)
    invoice_id = fields.Many2one("account.move", readonly=True, copy=False)
    qxmoney_payment_id = fields.Many2one(
        "account.payment",
        string="Paid by Qoo10",
        readonly=True,
        copy=False,
        help="The payment of the invoice by Qoo10 on the buyer's behalf, in the QxMoney "
        "journal: what Qoo10 owes for this cart until it settles.",
    )

    # ------------------------------------------------------------------
    # Marks
    # ------------------------------------------------------------------
    def _qoo10_mark_accounting(self):
        """Mark these carts to do and bring the accounting cron forward."""
        todo = self.filtered(lambda order: order.invoice_state != "pending")
        if todo:
            todo.write({"invoice_state": "pending"})
            # sudo: a stock or accounting user without access to crons marks carts too
            self.env.ref("qoo10_connector.ir_cron_qoo10_accounting").sudo()._trigger()
        return todo

    def _qoo10_after_import_accounting(self):
        """Called by the import after each cart: mark it when its policy or its payment
        trigger wants work now."""
        self.ensure_one()
        if self.invoice_state in ("pending", "error"):
            return
        if (
            self.backend_id.invoice_policy == "import"
            and self.qoo10_status in PAID
            and not self.invoice_id
        ) or (self._qoo10_payment_due() and self._qoo10_unpaid_invoices()):
            self.invoice_state = "pending"

    def _qoo10_payment_due(self):
        """Qoo10 has the buyer's money and the shop books it into the Qoo10 receivable."""
        backend = self.backend_id
        if not backend.qxmoney_journal_id or self.qoo10_status not in PAID:
            return False
        if backend.qxmoney_payment_trigger == "delivered":
            return self.qoo10_status == str(const.STATUS_DELIVERED)
        return backend.qxmoney_payment_trigger == "paid"

    def _qoo10_unpaid_invoices(self):
        return self.sale_order_id.invoice_ids.filtered(
            lambda move: (
                move.move_type == "out_invoice"
                and move.state == "posted"
                and move.payment_state == "not_paid"
            )
        )

    # ------------------------------------------------------------------
    # The work
    # ------------------------------------------------------------------
    def _qoo10_do_accounting(self):
        """Invoice, pay and credit these carts, one savepoint each."""
        # sudo: automatic invoices are the shop's configured work, also when the import
        # is started by a Qoo10 manager who is no accountant (as the cron does it)
        for order in self.sudo().with_context(qoo10_accounting=True):
            order = order.with_company(order.company_id)
            try:
                with self.env.cr.savepoint():
                    order._qoo10_invoice_step()
                    order.line_ids._qoo10_credit_step()
            except Exception as error:  # noqa: BLE001 - one cart must not stop the batch
                _logger.warning("Qoo10 cart %s not invoiced: %s", order.pack_no, error)
                order._qoo10_accounting_failed(error)
        return self

    def _qoo10_invoice_step(self):
        if self.invoice_state != "pending":
            return
        if self._qoo10_invoice_wanted():
            self.invoice_id = self._qoo10_create_invoice()
        if self._qoo10_payment_due():
            self._qoo10_pay(self._qoo10_unpaid_invoices())
        self.write({"invoice_state": "done", "invoice_error": False})

    def _qoo10_invoice_wanted(self):
        """The shop invoices automatically, the cart is paid and something is left to
        invoice (an invoice a person made first is not made twice)."""
        sale = self.sale_order_id
        if self.backend_id.invoice_policy == "manual" or self.qoo10_status not in PAID:
            return False
        if not sale.invoice_ids.filtered(lambda move: move.state != "cancel"):
            return True
        return any(line.qty_to_invoice > 0 for line in sale.order_line)

    def _qoo10_create_invoice(self):
        """The posted invoice of the sale order, in the shop's sales journal, with the
        cart number as its reference."""
        _ = self.env._
        sale = self.sale_order_id
        if not sale:
            raise UserError(_("the cart has no sale order yet."))
        if sale.state in ("draft", "sent"):
            sale.action_confirm()
        if sale.state != "sale":
            raise UserError(_("the sale order %s is cancelled.", sale.name))
        journal = self.backend_id.sale_journal_id
        if journal and sale.journal_id != journal:
            sale.journal_id = journal
        first = not sale.invoice_ids
        invoice = sale._create_invoices()
        invoice.write({"ref": self.pack_no, "payment_reference": self.pack_no})
        if first and self.backend_id.invoice_policy == "import":
            self._qoo10_check_whole(invoice)
        self._qoo10_check_lock_dates(invoice)
        invoice.action_post()
        return invoice

    def _qoo10_check_lock_dates(self, invoice):
        """Odoo posts an invoice or a credit note dated in a locked period on the first
        open day, but never after today: with the company's accounts locked up to today
        or later, it cannot be posted. Say so with the lock date, and what to do."""
        company = invoice.company_id
        locks = company._get_lock_date_violations(
            fields.Date.context_today(invoice),
            fiscalyear=True,
            sale=True,
            purchase=False,
            tax=False,
            hard=True,
        )
        if not locks:
            return
        values = {"company": company.name, "locks": company._format_lock_dates(locks)}
        if invoice.move_type == "out_refund":
            raise QuickFixError(
                self.env._(
                    "the credit note could not be made: the accounts of %(company)s are "
                    "locked: %(locks)s. No credit note dated today can be posted: once "
                    "an accountant moves the lock date (Accounting settings), click "
                    "Invoice Again.",
                    **values,
                )
            )
        raise QuickFixError(
            self.env._(
                "the invoice could not be made: the accounts of %(company)s are "
                "locked: %(locks)s. No invoice dated today can be posted: once an "
                "accountant moves the lock date (Accounting settings), click Invoice "
                "Again.",
                **values,
            )
        )

    def _qoo10_check_whole(self, invoice):
        """Invoiced at import, the cart is invoiced whole: what the buyer paid, plus
        the discounts Qoo10 funds (Qoo10 pays those to the seller)."""
        currency = invoice.currency_id
        expected = self._qoo10_expected_sale_total()
        if currency.compare_amounts(invoice.amount_total, expected):
            raise UserError(
                self.env._(
                    "the invoice would total %(total)s, not the %(expected)s of the cart "
                    "(what the buyer paid plus the discounts Qoo10 funds): are some "
                    "products invoiced on delivered quantities? Invoicing at import "
                    "needs products invoiced on ordered quantities.",
                    total=invoice.amount_total,
                    expected=expected,
                )
            )

    def _qoo10_pay(self, moves):
        """Qoo10 pays ``moves`` (invoices, or credit notes: Qoo10 refunds the buyer) in
        the QxMoney journal, on the clearing account, reconciled with them."""
        journal = self.backend_id.qxmoney_journal_id
        payments = self.env["account.payment"]
        for move in moves:
            inbound = move.move_type == "out_invoice"
            method_lines = (
                journal.inbound_payment_method_line_ids
                if inbound
                else journal.outbound_payment_method_line_ids
            )
            wizard = (
                self.env["account.payment.register"]
                .with_context(active_model="account.move", active_ids=move.ids)
                .create(
                    {
                        "journal_id": journal.id,
                        "payment_method_line_id": method_lines[:1].id,
                        "payment_date": move.invoice_date or fields.Date.today(),
                        "communication": self.pack_no,
                    }
                )
            )
            payments |= wizard._create_payments()
        if payments and not self.qxmoney_payment_id:
            self.qxmoney_payment_id = payments.filtered(
                lambda payment: payment.payment_type == "inbound"
            )[:1]
        return payments

    def _qoo10_accounting_failed(self, error):
        if isinstance(error, QuickFixError):
            # the error says what to do: no list of other causes to look into
            text = self.env._(
                "Qoo10 cart %(cart)s: %(error)s", cart=self.pack_no, error=str(error)
            )
        else:
            text = self.env._(
                "Qoo10 cart %(cart)s: the invoice, its payment by Qoo10 or a credit note "
                "could not be made: %(error)s Fix the cause (the shop's Accounting "
                "settings, the products' invoicing policy, the taxes), then click "
                "Invoice Again.",
                cart=self.pack_no,
                error=str(error),
            )
        message = mappers.storable(text)
        if self.invoice_error != message:
            self.message_post(body=message, subtype_xmlid="mail.mt_note")
        self.write({"invoice_state": "error", "invoice_error": message})

    def action_qoo10_invoice(self):
        """ "Invoice Again": do the cart's accounting now and say what came of it."""
        user = self.env.user
        if not (
            user.has_group("account.group_account_invoice")
            or user.has_group("qoo10_connector.group_qoo10_manager")
        ):
            raise AccessError(
                self.env._("Only invoicing users and Qoo10 managers invoice carts.")
            )
        self.check_access("write")
        self._qoo10_mark_accounting()
        self._qoo10_do_accounting()
        failed = self.filtered(lambda order: order.invoice_state == "error")
        message = (
            "\n".join(failed.mapped("invoice_error"))
            if failed
            else self.env._("The accounting of the Qoo10 carts is up to date.")
        )
        return self.backend_id[:1]._qoo10_notification(
            message, "danger" if failed else "success"
        )
