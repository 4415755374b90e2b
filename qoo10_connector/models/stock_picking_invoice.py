# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Invoicing "When the delivery is done": the last validated delivery of a Qoo10 cart
marks the cart for the accounting cron, which invoices it.

The invoice is not made inside the validation: whatever stops an invoice (a lock date,
a tax or account to set up, a stock user without accounting rights) would otherwise
stop the warehouse's validation too. The cron makes it a moment later, and a failure
stays on the cart, where an accountant can act on it."""

from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        self._qoo10_queue_invoicing()
        return result

    def _qoo10_queue_invoicing(self):
        """Mark the carts of the shops invoicing at delivery whose deliveries are done."""
        # sudo: a stock user without Qoo10 or accounting access validates deliveries
        pickings = self.sudo().filtered(
            lambda picking: (
                picking.state == "done" and picking.picking_type_code == "outgoing"
            )
        )
        orders = pickings.sale_id.qoo10_order_id.filtered(
            lambda order: order.backend_id.invoice_policy == "delivery"
        )
        delivered = orders.filtered(
            lambda order: all(
                picking.state in ("done", "cancel")
                for picking in order.sale_order_id.picking_ids
                if picking.picking_type_code == "outgoing"
            )
        )
        delivered._qoo10_mark_accounting()
