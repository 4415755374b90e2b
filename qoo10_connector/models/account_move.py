# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An invoice of a Qoo10 cart posted by a person is paid by Qoo10 too: its cart is
marked for the accounting cron (see qoo10_order_invoice.py), nothing more here."""

from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft)
        if not self.env.context.get("qoo10_accounting"):
            posted._qoo10_mark_paid_by_qoo10()
        return posted

    def _qoo10_mark_paid_by_qoo10(self):
        invoices = self.filtered(lambda move: move.move_type == "out_invoice")
        if not invoices:
            return
        # sudo: an accountant without Qoo10 access posts the invoices of Qoo10 carts
        orders = invoices.sudo().line_ids.sale_line_ids.order_id.qoo10_order_id
        orders.filtered(
            lambda order: order.invoice_state != "error" and order._qoo10_payment_due()
        )._qoo10_mark_accounting()
