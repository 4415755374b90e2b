# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


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

    def _send_order_notification_mail(self, mail_template):
        """Every customer mail of sale (confirmation, payment received) goes through here.
        Qoo10 informs the buyer of a Qoo10 order, so none is sent unless the shop lets
        Odoo write to the buyer (``notify_buyer``)."""
        # sudo: a salesperson without Qoo10 access confirms Qoo10 orders too
        qoo10_order = self.sudo().qoo10_order_id
        if qoo10_order and not qoo10_order.backend_id.notify_buyer:
            return None
        return super()._send_order_notification_mail(mail_template)

    def action_qoo10_cancel(self):
        """The "Cancel on Qoo10" button: the wizard for the Qoo10 lines not shipped yet."""
        self.ensure_one()
        lines = self.env["qoo10.order.line"].search(
            [("order_id", "=", self.qoo10_order_id.id)]
        )
        return self.env["qoo10.cancel.wizard"]._qoo10_open(self, lines)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # Qoo10 users only: a salesperson without Qoo10 access still opens sale orders
    qoo10_line_ids = fields.One2many(
        "qoo10.order.line",
        "sale_line_id",
        string="Qoo10 Order Lines",
        readonly=True,
        groups="qoo10_connector.group_qoo10_user",
    )
    qoo10_cancellable = fields.Boolean(
        string="Cancellable on Qoo10",
        compute="_compute_qoo10_cancellable",
        groups="qoo10_connector.group_qoo10_user",
    )

    @api.depends("qoo10_line_ids.qoo10_cancellable")
    def _compute_qoo10_cancellable(self):
        for line in self:
            line.qoo10_cancellable = any(
                line.qoo10_line_ids.mapped("qoo10_cancellable")
            )

    def action_qoo10_cancel(self):
        """The "Cancel on Qoo10" button of one line: the wizard for its Qoo10 line."""
        self.ensure_one()
        return self.env["qoo10.cancel.wizard"]._qoo10_open(
            self.order_id, self.qoo10_line_ids
        )
