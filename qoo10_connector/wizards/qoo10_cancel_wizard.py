# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.qoo10_order_line_claim import CANCEL_REASON
from ..qapi import Qoo10AuthError, Qoo10BusinessError, Qoo10PermissionError, const

MEMO_MAX = 1000  # SellerMemo (QAPI.md §8.2)


class Qoo10CancelWizard(models.TransientModel):
    """The "Cancel on Qoo10" wizard: the seller cancels order lines not shipped yet
    (SetCancelProcess), with a reason and a memo. A button, so it calls Qoo10 at once;
    Odoo follows only what Qoo10 accepted."""

    _name = "qoo10.cancel.wizard"
    _description = "Qoo10: cancel order lines"

    sale_order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="sale_order_id.company_id", store=True)
    line_ids = fields.Many2many(
        "qoo10.order.line", string="Qoo10 Order Lines", required=True
    )
    reason = fields.Selection(
        CANCEL_REASON,
        string="Cancel Reason",
        required=True,
        default="out_of_stock",
        help="The reason Qoo10 records for the seller's cancellation.",
    )
    memo = fields.Text(
        help="Sent to Qoo10 with the cancellation (SellerMemo, 1000 characters at most)."
    )

    @api.constrains("memo")
    def _check_memo(self):
        for wizard in self:
            if len(wizard.memo or "") > MEMO_MAX:
                raise UserError(_("The memo may have %s characters at most.", MEMO_MAX))

    @api.model
    def _qoo10_open(self, sale, lines):
        """The wizard for the ``lines`` that can still be cancelled (not shipped)."""
        self.check_access("create")
        lines = lines.filtered("qoo10_cancellable")
        if not lines:
            raise UserError(
                _(
                    "Nothing to cancel on Qoo10: the lines are shipped or cancelled "
                    "already. A shipped line is returned by the buyer on Qoo10, not "
                    "cancelled."
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Cancel on Qoo10"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_sale_order_id": sale.id,
                "default_line_ids": [fields.Command.set(lines.ids)],
            },
        }

    def action_cancel(self):
        """Cancel on Qoo10, then in Odoo what Qoo10 accepted."""
        self.ensure_one()
        lines = self.line_ids.filtered("qoo10_cancellable")
        if not lines:
            raise UserError(_("Nothing to cancel on Qoo10: the lines have shipped."))
        accepted, error = lines._qoo10_seller_cancel(self.reason, self.memo)
        backend = lines.backend_id
        if error is None:
            return backend._qoo10_notification(
                _("%s order lines cancelled on Qoo10.", len(accepted)), "success"
            )
        if isinstance(error, (Qoo10AuthError, Qoo10PermissionError)) and not accepted:
            backend._qoo10_raise(error)
        message = self._qoo10_error_message(error, (lines - accepted)[0])
        if not accepted:
            if isinstance(error, Qoo10BusinessError):
                self._qoo10_note_apart(message)
            raise UserError(message)
        lines.order_id.message_post(body=message, subtype_xmlid="mail.mt_note")
        done = _("%s order lines cancelled on Qoo10.", len(accepted))
        return backend._qoo10_notification(f"{done} {message}", "warning")

    def _qoo10_error_message(self, error, line):
        detail = f"{error.message} ({error.code})" if error.code else str(error)
        if isinstance(error, Qoo10BusinessError):
            if error.code == const.CODE_CANCEL_NOT_ALLOWED:
                detail = _(
                    "the order status no longer allows it (shipped, or a claim is "
                    "open): %s",
                    detail,
                )
            return _(
                "Qoo10 refused to cancel order %(no)s: %(detail)s. It is not cancelled "
                "in Odoo.",
                no=line.order_no,
                detail=detail,
            )
        return _(
            "Qoo10 could not be reached or did not answer about order %(no)s: it is "
            "not cancelled in Odoo. Try again later; if Qoo10 did cancel it, the next "
            "claim sync applies it. Detail: %(detail)s",
            no=line.order_no,
            detail=detail,
        )

    def _qoo10_note_apart(self, message):
        """Note the refusal in the Qoo10 order's chatter in a transaction of its own: the
        UserError that shows it rolls this one back, and nothing else must change."""
        order = self.line_ids.order_id
        with self.env.registry.cursor() as cr:
            order.with_env(order.env(cr=cr)).message_post(
                body=message, subtype_xmlid="mail.mt_note"
            )
