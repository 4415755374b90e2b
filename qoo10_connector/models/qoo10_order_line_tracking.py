# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The tracking outbox (SetSendingInfo): tracking_state is the outbox of each line.

A validated delivery only marks its Qoo10 lines (stock_picking.py); the tracking cron
or the shop's "Send Tracking Now" sends them, each line once, reading every answer
with qapi/outcome.py as the confirmation outbox does."""

import logging

from odoo import fields, models
from odoo.tools import SQL

from ..qapi import Qoo10Error, const
from ..qapi.outcome import (
    PENDING,
    REFUSED,
    SENT,
    Outcome,
)
from .qoo10_order import QOO10_STATUS_CANCEL

_logger = logging.getLogger(__name__)

# From this many lines, one SetSendingInfoBulk call (the client chunks 500 rows a call).
BULK_TRACKING_FROM = 3
# Refused lines read back from Qoo10 (status 4/5 = already sent) per run, at most.
READ_BACK_MAX = 20


class Qoo10OrderLine(models.Model):
    _inherit = "qoo10.order.line"

    tracking_ref = fields.Char(
        string="Tracking Number",
        readonly=True,
        help="The tracking reference of the delivery that shipped the line's last quantity.",
    )
    tracking_carrier = fields.Char(
        string="Qoo10 Carrier",
        readonly=True,
        help="The Qoo10 carrier name (ShippingCorp) sent with the tracking number.",
    )
    tracking_picking_id = fields.Many2one(
        "stock.picking",
        string="Shipped In",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    tracking_sent_date = fields.Datetime(string="Tracking Sent On", readonly=True)

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    def _qoo10_send_tracking(self):
        """Send the tracking of these pending lines (one shop), once.

        Outcomes are matched to lines by order number. An unknown outcome stays
        pending (sent again later); a refused line is read back from Qoo10, and counts
        as sent when Qoo10 already shows it on delivery (4) or delivered (5), since
        Qoo10 documents no "already sent" code; otherwise Qoo10's message is kept."""
        backend = self.backend_id
        backend.ensure_one()
        outbox = self._qoo10_lock_outbox()
        shipped = outbox.filtered(lambda line: line.qoo10_status in _shipped_statuses())
        shipped._qoo10_mark_tracking_sent()
        lines = outbox - shipped
        if not lines:
            return
        rows = [
            {
                "order_no": line.order_no,
                "shipping_corp": line.tracking_carrier,
                "tracking_no": line.tracking_ref,
            }
            for line in lines
        ]
        client = backend._qoo10_client()
        by_no = lines._qoo10_send_outbox(
            rows,
            client.set_sending_info_bulk,
            client.set_sending_info,
            BULK_TRACKING_FROM,
            const.SENDING_DONE_CODES,
        )
        if by_no is None:
            return
        by_no = lines._qoo10_read_back_refused(client, by_no)
        lines._qoo10_apply_tracking_outcomes(by_no)

    def _qoo10_lock_outbox(self, state_field="tracking_state"):
        """The lines still pending that no concurrent sender holds: a cron run and a
        click on "Send Tracking Now" at the same time never send the same line. (A line
        another run changed since this transaction began raises a serialization
        failure here, before anything is sent.)"""
        if not self:
            return self
        self.flush_recordset([state_field])
        query = SQL(
            "SELECT id FROM qoo10_order_line WHERE id IN %s AND %s = 'pending'"
            " FOR NO KEY UPDATE SKIP LOCKED",
            tuple(self.ids),
            SQL.identifier(state_field),
        )
        self.env.cr.execute(query)
        locked = {row[0] for row in self.env.cr.fetchall()}
        return self.filtered(lambda line: line.id in locked)

    def _qoo10_read_back_refused(self, client, by_no):
        """A refused line that Qoo10 shows on delivery or delivered was sent already
        (a resend after an answer lost on the way)."""
        refused = [line for line in self if by_no[line.order_no].state == REFUSED]
        for line in refused[:READ_BACK_MAX]:
            try:
                row = client.get_order(line.order_no)
            except Qoo10Error:
                break
            if row is not None and row.status in const.SHIPPED_STATUSES:
                by_no[line.order_no] = Outcome(SENT)
                line.qoo10_status = str(row.status)
        return by_no

    def _qoo10_apply_tracking_outcomes(self, by_no):
        state = {line: by_no[line.order_no] for line in self}
        self.filtered(
            lambda line: state[line].state == SENT
        )._qoo10_mark_tracking_sent()
        for line in self.filtered(lambda line: state[line].state == REFUSED):
            line._qoo10_mark_tracking_failed(state[line].message)
        for line in self.filtered(lambda line: state[line].state == PENDING):
            message = self.env._(
                "Waiting: Qoo10 could not be reached or did not answer for this line; "
                "it is sent again. %s",
                state[line].message or "",
            ).strip()
            if line.tracking_error != message:
                line.tracking_error = message
        pending = self.filtered(lambda line: state[line].state == PENDING)
        if pending:
            _logger.info(
                "Qoo10 tracking of %s lines stays pending: %s",
                len(pending),
                state[pending[0]].message,
            )

    def _qoo10_mark_tracking_sent(self):
        """Qoo10 has the tracking of these lines: on delivery (4) unless further."""
        if not self:
            return
        values = {
            "tracking_state": "sent",
            "tracking_error": False,
            "tracking_sent_date": fields.Datetime.now(),
        }
        shipped = _shipped_statuses()
        self.filtered(
            lambda line: (
                line.qoo10_status not in shipped
                and line.qoo10_status != QOO10_STATUS_CANCEL
            )
        ).write(dict(values, qoo10_status=str(const.STATUS_ON_DELIVERY)))
        self.filtered(lambda line: line.tracking_state != "sent").write(values)
        self.order_id._qoo10_update_status()

    def _qoo10_mark_tracking_failed(self, message):
        """Qoo10 refused this line's tracking: on the line and in the order's chatter."""
        self.ensure_one()
        self.write({"tracking_state": "error", "tracking_error": message})
        self.order_id.message_post(
            body=self.env._(
                "Qoo10 did not accept the tracking number %(ref)s (%(corp)s) of order "
                "%(no)s: %(msg)s",
                ref=self.tracking_ref,
                corp=self.tracking_carrier,
                no=self.order_no,
                msg=message,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _qoo10_seen_shipped(self):
        """The import read these lines on delivery or delivered: their tracking waiting
        in the outbox (pending, or refused after an answer lost) counts as sent."""
        waiting = self.filtered(
            lambda line: (
                line.tracking_state in ("pending", "error")
                and line.tracking_ref
                and line.qoo10_status in _shipped_statuses()
            )
        )
        if waiting:
            waiting.write(
                {
                    "tracking_state": "sent",
                    "tracking_error": False,
                    "tracking_sent_date": fields.Datetime.now(),
                }
            )

    def action_retry_tracking(self):
        """Queue the refused lines again from their delivery and send them now."""
        # sudo: a Qoo10 manager may have no inventory rights on the deliveries
        self.tracking_picking_id.sudo()._qoo10_queue_tracking()
        self.backend_id._qoo10_send_tracking()
        return True


def _shipped_statuses():
    return tuple(str(status) for status in const.SHIPPED_STATUSES)
