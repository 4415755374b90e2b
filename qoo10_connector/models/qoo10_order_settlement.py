# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A cart's discounts by who funds them, and what Qoo10 expects to settle for it.

Qoo10's coupons and its share of a discount are Qoo10's to pay: they do not reduce the
seller's sales, so the sale order totals what the buyer paid plus what Qoo10 funded."""

from odoo import api, fields, models

from .qoo10_order import QOO10_STATUS_CANCEL


class Qoo10Order(models.Model):
    _inherit = "qoo10.order"

    amount_seller_funded = fields.Float(
        string="Seller-Funded Discounts",
        readonly=True,
        digits=(16, 2),
        help="The seller's discounts and cart coupon: they reduce the sales.",
    )
    amount_qoo10_funded = fields.Float(
        string="Qoo10-Funded Discounts",
        readonly=True,
        digits=(16, 2),
        help="Qoo10's coupons and its share of discounts: Qoo10 pays them to the "
        "seller. The sale order totals what the buyer paid plus this amount.",
    )
    amount_settle = fields.Float(
        string="Expected Settlement",
        compute="_compute_settlement",
        store=True,
        digits=(16, 2),
        help="Qoo10's SettlePrice of the lines not cancelled: what Qoo10 says it will "
        "pay the seller for the goods (the shipping fee is settled apart).",
    )
    amount_service_fee = fields.Float(
        string="Qoo10 Service Fee",
        compute="_compute_settlement",
        store=True,
        digits=(16, 2),
        help="The service fee SettlePrice implies, over the lines not cancelled.",
    )
    settle_date = fields.Date(
        string="Expected Settlement Date",
        compute="_compute_settlement",
        store=True,
        index=True,
        help="When Qoo10 settles the last line of the cart, once every line not "
        "cancelled is delivered (see the shop's seller grade).",
    )

    @api.depends(
        "line_ids.settle_price",
        "line_ids.service_fee",
        "line_ids.settle_date",
        "line_ids.qoo10_status",
    )
    def _compute_settlement(self):
        for order in self:
            lines = order.line_ids.filtered(
                lambda line: line.qoo10_status != QOO10_STATUS_CANCEL
            )
            order.amount_settle = sum(lines.mapped("settle_price"))
            order.amount_service_fee = sum(lines.mapped("service_fee"))
            dates = lines.mapped("settle_date")
            order.settle_date = max(dates) if lines and all(dates) else False

    def _qoo10_expected_sale_total(self):
        """What the sale order of this cart totals: paid by the buyer, plus funded by
        Qoo10."""
        self.ensure_one()
        return self.amount_total + self.amount_qoo10_funded
