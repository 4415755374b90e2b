# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from ..models import qoo10_backend_sync


class Qoo10ImportOrdersWizard(models.TransientModel):
    """Import a date range, or given Qoo10 order numbers, without moving the shop's import point."""

    _name = "qoo10.import.orders.wizard"
    _description = "Qoo10: import orders"

    backend_id = fields.Many2one(
        "qoo10.backend", string="Shop", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    mode = fields.Selection(
        [("range", "Date range"), ("numbers", "Qoo10 order numbers")],
        default="range",
        required=True,
    )
    date_from = fields.Datetime(
        default=lambda self: fields.Datetime.now() - timedelta(days=1)
    )
    date_to = fields.Datetime(default=fields.Datetime.now)
    order_numbers = fields.Text(
        help="Qoo10 order numbers (orderNo), separated by spaces, commas or new lines."
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.mode == "range" and wizard.date_from and wizard.date_to:
                if wizard.date_from >= wizard.date_to:
                    raise UserError(_("The start of the range must be before its end."))

    def action_import(self):
        self.ensure_one()
        backend = self.backend_id
        if self.mode == "numbers":
            numbers = [n for n in re.split(r"[\s,;]+", self.order_numbers or "") if n]
            if not numbers:
                raise UserError(_("Enter at least one Qoo10 order number."))
            importer = backend._qoo10_order_import()
            orders, unknown = importer.import_order_numbers(numbers)
            backend._qoo10_note_import(orders, report=importer.report)
            if unknown:
                others = set(numbers) - set(unknown)
                return self._unknown_numbers_notification(orders, unknown, others)
        else:
            if not (self.date_from and self.date_to):
                raise UserError(_("Enter the start and the end of the range."))
            importer = backend._qoo10_order_import()
            orders, reached = importer.import_range(
                self.date_from,
                self.date_to,
                seconds=qoo10_backend_sync.IMPORT_NOW_SECONDS,
            )
            backend._qoo10_note_import(orders, report=importer.report)
            if reached < self.date_to:
                # one request never imports months: say where to go on from
                action = self._orders_action(orders)
                message, _rejected = backend._qoo10_import_counts_message(
                    importer, orders
                )
                message += " " + _(
                    "Imported up to %(reached)s. Import again from there to go on to "
                    "%(end)s.",
                    reached=format_datetime(self.env, reached),
                    end=format_datetime(self.env, self.date_to),
                )
                notification = backend._qoo10_notification(message, "warning")
                notification["params"]["next"] = action
                return notification
        return self._orders_action(orders)

    def _unknown_numbers_notification(self, orders, unknown, others):
        """Name the numbers Qoo10 knows no order by; ``others``, the numbers it knows,
        were imported (said only when there are some)."""
        backend = self.backend_id
        message = _(
            "Qoo10 knows no order by these order numbers: %(numbers)s; nothing was "
            "imported for them.",
            numbers=", ".join(unknown),
        )
        if others:
            message += " " + _(
                "%s Qoo10 carts imported from the other numbers.", len(orders)
            )
        carts = self.env["qoo10.order"].search(
            [("backend_id", "=", backend.id), ("pack_no", "in", unknown)]
        )
        for cart in carts:
            message += " " + _(
                "%(cart)s is a cart number, not an order number; the order numbers of its "
                "lines are %(numbers)s.",
                cart=cart.pack_no,
                numbers=", ".join(cart.line_ids.mapped("order_no")),
            )
        if not carts:
            message += " " + _(
                "A cart number is not an order number: enter the order number of each line."
            )
        notification = backend._qoo10_notification(message, "warning")
        if orders:
            notification["params"]["next"] = self._orders_action(orders)
        return notification

    def _orders_action(self, orders):
        action = self.backend_id.action_view_orders()
        action["domain"] = [("id", "in", orders.ids)]
        return action
