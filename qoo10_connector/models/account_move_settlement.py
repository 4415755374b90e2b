# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Qoo10 figures of an invoice, from the Qoo10 lines of the sale lines it invoices:
Qoo10-funded discounts, expected settlement and service fee, expected settlement date.
Figures for the accountant only: nothing is posted from them."""

from odoo import api, fields, models

QOO10_USER = "qoo10_connector.group_qoo10_user"


class AccountMove(models.Model):
    _inherit = "account.move"

    qoo10_settle_line_ids = fields.Many2many(
        "qoo10.order.line",
        string="Qoo10 Order Lines",
        compute="_compute_qoo10_settlement",
        groups=QOO10_USER,
    )
    qoo10_amount_qoo10_funded = fields.Monetary(
        string="Qoo10-Funded Discounts",
        compute="_compute_qoo10_settlement",
        groups=QOO10_USER,
        help="Part of this invoice that Qoo10 funds (its coupons and discount shares).",
    )
    qoo10_amount_settle = fields.Monetary(
        string="Expected Qoo10 Settlement",
        compute="_compute_qoo10_settlement",
        groups=QOO10_USER,
        help="Qoo10's SettlePrice of the Qoo10 lines invoiced here (negative on a "
        "credit note).",
    )
    qoo10_amount_service_fee = fields.Monetary(
        string="Qoo10 Service Fee",
        compute="_compute_qoo10_settlement",
        groups=QOO10_USER,
        help="The service fee SettlePrice implies for these lines (negative on a "
        "credit note).",
    )
    qoo10_settle_date = fields.Date(
        string="Expected Qoo10 Settlement Date",
        compute="_compute_qoo10_settlement",
        groups=QOO10_USER,
    )

    @api.depends("invoice_line_ids.sale_line_ids", "move_type")
    def _compute_qoo10_settlement(self):
        for move in self:
            # sudo: the Qoo10 lines are read for these figures, which only Qoo10 users see
            lines = move.sudo().invoice_line_ids.sale_line_ids.qoo10_line_ids
            sign = -1 if move.move_type == "out_refund" else 1
            dates = lines.mapped("settle_date")
            move.qoo10_settle_line_ids = lines
            move.qoo10_amount_qoo10_funded = sign * sum(lines.mapped("qoo10_funded"))
            move.qoo10_amount_settle = sign * sum(lines.mapped("settle_price"))
            move.qoo10_amount_service_fee = sign * sum(lines.mapped("service_fee"))
            move.qoo10_settle_date = (
                max(dates) if sign > 0 and dates and all(dates) else False
            )
