# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Qoo10 figures of a sale order: what the buyer paid, who funded the discounts,
what Qoo10 expects to settle and when (from its qoo10.order; Qoo10 users only)."""

from odoo import fields, models

QOO10_USER = "qoo10_connector.group_qoo10_user"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    qoo10_amount_paid = fields.Float(
        related="qoo10_order_id.amount_total",
        string="Paid by Buyer on Qoo10",
        groups=QOO10_USER,
    )
    qoo10_amount_seller_funded = fields.Float(
        related="qoo10_order_id.amount_seller_funded", groups=QOO10_USER
    )
    qoo10_amount_qoo10_funded = fields.Float(
        related="qoo10_order_id.amount_qoo10_funded", groups=QOO10_USER
    )
    qoo10_amount_settle = fields.Float(
        related="qoo10_order_id.amount_settle",
        string="Expected Qoo10 Settlement",
        groups=QOO10_USER,
    )
    qoo10_amount_service_fee = fields.Float(
        related="qoo10_order_id.amount_service_fee", groups=QOO10_USER
    )
    qoo10_settle_date = fields.Date(
        related="qoo10_order_id.settle_date",
        string="Expected Qoo10 Settlement Date",
        groups=QOO10_USER,
    )
