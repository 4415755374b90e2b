# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    qoo10_order_id = fields.Many2one(
        "qoo10.order",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    qoo10_backend_id = fields.Many2one(
        related="qoo10_order_id.backend_id", string="Qoo10 Shop"
    )
    qoo10_pack_no = fields.Char(
        related="qoo10_order_id.pack_no", string="Qoo10 Cart No."
    )
    qoo10_status = fields.Selection(
        related="qoo10_order_id.qoo10_status", string="Qoo10 Status"
    )

    def _prepare_confirmation_values(self):
        """Qoo10 orders keep Qoo10's order date; Odoo would set the confirmation time."""
        values = super()._prepare_confirmation_values()
        if self and all(order.qoo10_order_id for order in self):
            values.pop("date_order", None)
        return values
