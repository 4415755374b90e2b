# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Claims on a Qoo10 order line: what Qoo10 reports (GetClaimInfo_V3, QAPI.md §8.1) and
the seller's own cancellation (SetCancelProcess, §8.2), and what each means in Odoo.

Before shipment a completed cancellation reduces the sale order. Anything else (a request,
a return, an exchange, a non-receipt refund, or any claim once the goods have left) moves
nothing in stock or accounting by itself: Qoo10 gives no API to accept or refuse those, so
a person handles them, with a to-do on the sale order."""

from markupsafe import Markup

from odoo import api, fields, models

from .. import mappers
from ..qapi import Qoo10Error, const
from .qoo10_order import QOO10_STATUS_CANCEL

CLAIM_STATUS = [
    (str(code), label) for code, (label, _family) in const.CLAIM_STATUS.items()
]
CLAIM_FAMILY = list(const.CLAIM_FAMILIES.items())
CANCEL_REASON = [
    (key, const.CANCEL_REASONS[code].capitalize())
    for key, code in const.CANCEL_REASON_KEYS.items()
]
SHIPPED = (str(const.STATUS_ON_DELIVERY), str(const.STATUS_DELIVERED))


class Qoo10OrderLine(models.Model):
    _inherit = "qoo10.order.line"

    claim_status = fields.Selection(
        CLAIM_STATUS,
        readonly=True,
        index="btree_not_null",
        help="Qoo10's claim status of the line (QSM claims), empty when it has none.",
    )
    claim_family = fields.Selection(
        CLAIM_FAMILY, compute="_compute_claim_family", store=True
    )
    claim_reason = fields.Char(readonly=True)
    claim_date = fields.Datetime(string="Claim Requested", readonly=True)
    return_carrier = fields.Char(readonly=True)
    return_tracking_no = fields.Char(string="Return Tracking No.", readonly=True)
    claim_payload = fields.Json(string="Raw Qoo10 Claim", readonly=True, copy=False)
    seller_cancel_reason = fields.Selection(CANCEL_REASON, readonly=True)
    seller_cancel_memo = fields.Char(readonly=True)
    qoo10_cancellable = fields.Boolean(
        string="Cancellable on Qoo10", compute="_compute_qoo10_cancellable"
    )

    @api.depends("claim_status")
    def _compute_claim_family(self):
        for line in self:
            code = int(line.claim_status or 0)
            line.claim_family = const.CLAIM_STATUS.get(code, ("", False))[1]

    @api.depends("qoo10_status", "sale_line_id.qty_delivered")
    def _compute_qoo10_cancellable(self):
        for line in self:
            line.qoo10_cancellable = (
                line.qoo10_status not in (QOO10_STATUS_CANCEL, False)
                and not line._qoo10_shipped()
            )

    def _qoo10_shipped(self):
        """The goods have left: the delivery is validated in Odoo, or Qoo10 says so."""
        self.ensure_one()
        return bool(self.sale_line_id.qty_delivered) or self.qoo10_status in SHIPPED

    def _qoo10_claim_label(self):
        labels = dict(self._fields["claim_status"]._description_selection(self.env))
        return labels.get(self.claim_status, "")

    # ------------------------------------------------------------------
    # Claims from Qoo10 (components/claim_sync.py)
    # ------------------------------------------------------------------
    def _qoo10_apply_claim(self, claim):
        """Record Qoo10's claim on the line; called once per change of its claim status."""
        self.ensure_one()
        shipped = self._qoo10_shipped()
        self.write(self._qoo10_claim_values(claim))
        details = self._qoo10_claim_details(claim)
        cancelled = claim.claim_status in const.CLAIM_CANCELLED_CODES
        outcome = self._qoo10_stop(shipped) if cancelled else ""
        if shipped or not cancelled:
            self._qoo10_claim_activity(details)
            outcome = outcome or self.env._(
                "Nothing is changed in stock or accounting: a to-do is on the sale order."
            )
        self.order_id._qoo10_update_status()
        self.order_id.message_post(
            body=Markup("<br/>").join([*details, outcome]),
            subtype_xmlid="mail.mt_note",
        )

    @staticmethod
    def _qoo10_claim_values(claim):
        return {
            "claim_status": str(claim.claim_status),
            "claim_reason": mappers.storable(claim.reason) or False,
            "claim_date": mappers.to_utc_naive(claim.request_date),
            "return_carrier": mappers.storable(claim.delivery_company_return) or False,
            "return_tracking_no": mappers.storable(claim.tracking_no_return) or False,
            "claim_payload": mappers.storable(claim.raw),
        }

    def _qoo10_claim_details(self, claim):
        """What the person handling the claim needs: state, reason, quantities, return."""
        _ = self.env._
        details = [
            _(
                "Qoo10 claim on order %(no)s (%(title)s): %(state)s.",
                no=self.order_no,
                title=self.title or claim.item_title,
                state=self._qoo10_claim_label(),
            ),
            _("Reason: %s", claim.reason or _("none given")),
            _(
                "Quantity: %(qty)s ordered on Qoo10, %(delivered)s delivered in Odoo.",
                qty=claim.qty or self.qty,
                delivered=self.sale_line_id.qty_delivered,
            ),
        ]
        if claim.tracking_no_return or claim.delivery_company_return:
            details.append(
                _(
                    "Return shipment: %(carrier)s, tracking no. %(tracking)s.",
                    carrier=claim.delivery_company_return or "-",
                    tracking=claim.tracking_no_return or "-",
                )
            )
        return details

    def _qoo10_claim_activity(self, details):
        """A to-do on the sale order for whoever handles it: its salesperson, else the
        shop's Qoo10 managers who may read it. Once per claim state and person."""
        sale = self.sale_line_id.order_id or self.order_id.sale_order_id
        if not sale:
            return
        summary = self.env._(
            "Qoo10 %(state)s: order %(no)s",
            state=self._qoo10_claim_label(),
            no=self.order_no,
        )
        users = sale.user_id.filtered(lambda u: u.active and not u.share)
        users = users or self.backend_id._qoo10_managers()
        users = users.filtered(lambda u: sale.with_user(u).has_access("read"))
        existing = sale.activity_ids.filtered(lambda a: a.summary == summary).user_id
        for user in users - existing:
            sale.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=Markup("<br/>").join(details),
                user_id=user.id,
            )

    def _qoo10_stop(self, shipped):
        """The line will not ship: its Qoo10 status is cancelled, its confirmation is no
        longer sent and, before shipment, its sale line follows. Says what was done."""
        self.ensure_one()
        values = {"qoo10_status": QOO10_STATUS_CANCEL}
        if self.confirm_state == "pending":
            values["confirm_state"] = "none"
        self.write(values)
        if shipped:
            return self.env._(
                "Already shipped: nothing is changed in stock or accounting; a to-do is "
                "on the sale order."
            )
        return self._qoo10_cancel_sale_line()

    def _qoo10_cancel_sale_line(self):
        """Set the sale line to zero (or cancel the quotation/order when nothing is left)."""
        sale_line = self.sale_line_id
        sale = sale_line.order_id
        if not sale_line or sale.state == "cancel":
            return ""
        if sale_line.qty_delivered:
            return self.env._("Already delivered: handle the return in Odoo.")
        siblings = sale.order_line.filtered(
            lambda line: line.product_id.type != "service" and line != sale_line
        )
        if not siblings.filtered("product_uom_qty"):
            sale._action_cancel()
            sale.message_post(
                body=self.env._("Cancelled on Qoo10 (order %s).", self.order_no)
            )
            return self.env._("The sale order is cancelled.")
        sale_line.product_uom_qty = 0
        return self.env._("The sale order line is set to zero.")

    # ------------------------------------------------------------------
    # The seller's cancellation (SetCancelProcess), from the cancel wizard
    # ------------------------------------------------------------------
    def _qoo10_seller_cancel(self, reason, memo):
        """Ask Qoo10 to cancel these lines of one shop, line by line, stopping at the
        first error (the next lines would likely meet it too). The lines Qoo10 accepted
        are cancelled in Odoo at once. Returns them and the error that stopped, or None."""
        backend = self.backend_id
        backend.ensure_one()
        client = backend._qoo10_client()
        accepted, error = self.browse(), None
        for line in self:
            try:
                client.cancel_order_line(
                    line.order_no, const.CANCEL_REASON_KEYS[reason], memo or ""
                )
            except Qoo10Error as exc:
                error = exc
                break
            accepted |= line
        accepted._qoo10_mark_seller_cancelled(reason, memo)
        return accepted, error

    def _qoo10_mark_seller_cancelled(self, reason, memo):
        """Qoo10 accepted the seller's cancellation: the line shows it and its sale line
        follows. Qoo10 then reports the same claim status, which the claim sync skips."""
        labels = dict(
            self._fields["seller_cancel_reason"]._description_selection(self.env)
        )
        for line in self:
            line.write(
                {
                    "claim_status": str(const.CLAIM_SELLER_CANCELLED),
                    "claim_reason": labels[reason],
                    "claim_date": fields.Datetime.now(),
                    "seller_cancel_reason": reason,
                    "seller_cancel_memo": memo or False,
                }
            )
            outcome = line._qoo10_stop(False)
            line.order_id.message_post(
                body=self.env._(
                    "Cancelled on Qoo10 by the seller: order %(no)s, reason: %(reason)s. "
                    "%(outcome)s",
                    no=line.order_no,
                    reason=labels[reason],
                    outcome=outcome,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.order_id._qoo10_update_status()
