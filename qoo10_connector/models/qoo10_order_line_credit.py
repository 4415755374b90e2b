# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Credit notes of Qoo10 order lines cancelled or returned after invoicing.

A claim that refunds the buyer (cancellation completed, return completed, non-receipt
refund; ``const.CLAIM_REFUNDED_CODES``) or the seller's own cancellation marks an
invoiced line (``credit_state`` "pending"); the cart's accounting step (see
qoo10_order_invoice.py) makes one posted credit note per cart and run, once per line.

What is credited: the line's invoiced amount and its own discounts; the cart's shipping
fee, cart discounts and rounding only with the last invoiced line of the cart (Qoo10
refunds the shipping fee only when nothing of the cart is left)."""

from markupsafe import Markup

from odoo import Command, fields, models

from ..qapi import const


class Qoo10OrderLine(models.Model):
    _inherit = "qoo10.order.line"

    credit_state = fields.Selection(
        [
            ("none", "Not credited"),
            ("pending", "Credit note to make"),
            ("done", "Credited"),
        ],
        default="none",
        required=True,
        readonly=True,
        copy=False,
        help="Whether the line, cancelled or returned after invoicing, has its credit "
        "note (made once).",
    )
    credit_note_id = fields.Many2one("account.move", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Marks: a claim that refunds the buyer, the seller's cancellation
    # ------------------------------------------------------------------
    def _qoo10_apply_claim(self, claim):
        result = super()._qoo10_apply_claim(claim)
        if claim.claim_status in const.CLAIM_REFUNDED_CODES:
            self._qoo10_mark_credit()
        return result

    def _qoo10_mark_seller_cancelled(self, reason, memo):
        result = super()._qoo10_mark_seller_cancelled(reason, memo)
        self._qoo10_mark_credit()
        return result

    def _qoo10_mark_credit(self):
        """Invoiced lines not credited yet get a credit note (exactly once)."""
        # sudo: the claim sync's user need not read invoices
        lines = self.filtered(
            lambda line: (
                line.credit_state == "none"
                and line.sudo().sale_line_id.qty_invoiced > 0
            )
        )
        if lines:
            lines.write({"credit_state": "pending"})
            lines.order_id._qoo10_mark_accounting()
        return lines

    # ------------------------------------------------------------------
    # The work, from the cart's accounting step
    # ------------------------------------------------------------------
    def _qoo10_credit_step(self):
        pending = self.filtered(lambda line: line.credit_state == "pending")
        if not pending:
            return
        order = pending.order_id
        order.ensure_one()
        sale_lines = pending._qoo10_credited_sale_lines()
        if not sale_lines:
            pending.credit_state = "none"
            return
        refund = order._qoo10_credit_note(sale_lines)
        pending.write({"credit_state": "done", "credit_note_id": refund.id})
        if order.qxmoney_payment_id:  # Qoo10 had the money: it refunds the buyer
            order._qoo10_pay(refund)
        pending._qoo10_note_credit(refund)

    def _qoo10_credited_sale_lines(self):
        """The sale lines these Qoo10 lines take back: each one with its discounts, and
        the cart's own lines when nothing invoiced is left in the cart."""
        order = self.order_id
        sale = order.sale_order_id
        goods = order.line_ids.sale_line_id
        own = self.sale_line_id
        own |= sale.order_line.filtered(
            lambda line: (
                line not in goods and line.sequence - 1 in own.mapped("sequence")
            )
        )
        left = order.line_ids.filtered(
            lambda line: (
                line.credit_state == "none" and line.sale_line_id.qty_invoiced > 0
            )
        )
        if not left:
            attached = sale.order_line.filtered(
                lambda line: line.sequence - 1 in goods.mapped("sequence")
            )
            own |= sale.order_line - goods - attached
        return own.filtered(lambda line: line.qty_invoiced > 0)

    def _qoo10_note_credit(self, refund):
        """Say it on the cart and on the sale order, beside the claim's to-do."""
        message = self.env._(
            "Credit note %(refund)s (%(amount)s) for Qoo10 orders %(numbers)s, "
            "cancelled or returned after invoicing.",
            refund=refund.name,
            amount=refund.amount_total,
            numbers=", ".join(self.mapped("order_no")),
        )
        order = self.order_id
        order.message_post(body=message, subtype_xmlid="mail.mt_note")
        order.sale_order_id.message_post(
            body=Markup("{}").format(message), subtype_xmlid="mail.mt_note"
        )


class Qoo10Order(models.Model):
    _inherit = "qoo10.order"

    def _qoo10_credit_note(self, sale_lines):
        """A posted credit note of ``sale_lines`` (their invoiced quantity), against
        the cart's invoice, in the shop's sales journal, with the cart number."""
        sale = self.sale_order_id
        invoice = (
            self.invoice_id
            or sale.invoice_ids.filtered(
                lambda move: move.move_type == "out_invoice" and move.state == "posted"
            )[:1]
        )
        values = sale._prepare_invoice()
        values.update(
            {
                "move_type": "out_refund",
                "ref": self.pack_no,
                "payment_reference": self.pack_no,
                "reversed_entry_id": invoice.id,
                "journal_id": (
                    self.backend_id.sale_journal_id or invoice.journal_id
                ).id,
                "invoice_line_ids": [
                    Command.create(
                        line._prepare_invoice_line(quantity=line.qty_invoiced)
                    )
                    for line in sale_lines.sorted("sequence")
                ],
            }
        )
        refund = self.env["account.move"].create(values)
        self._qoo10_check_lock_dates(refund)
        refund.action_post()
        return refund
