# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A validated delivery of a Qoo10 cart marks its lines for the tracking outbox.

Nothing here calls Qoo10: the lines go to the outbox (qoo10.order.line tracking_state)
and the tracking cron is triggered. A line is sent when its last quantity ships, with
the tracking reference of that delivery.

Qoo10 keeps its buyers informed: unless the shop lets Odoo write to the buyer
(``notify_buyer``), a delivery of a Qoo10 cart sends no confirmation e-mail or SMS."""

from odoo import models

from .qoo10_order import QOO10_STATUS_CANCEL


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        self._qoo10_queue_tracking()
        return result

    def _qoo10_quiet_buyer(self):
        """The outgoing deliveries of Qoo10 carts whose shop leaves the buyer to Qoo10."""
        # sudo: a stock user without Qoo10 access validates deliveries of Qoo10 carts too
        return self.filtered(
            lambda picking: (
                picking.picking_type_code == "outgoing"
                and picking.sudo().sale_id.qoo10_order_id
                and not picking.sudo().sale_id.qoo10_order_id.backend_id.notify_buyer
            )
        )

    def _pre_action_done_hook(self):
        """stock_sms (when installed) offers here to text the customer; it reads the
        ``skip_sms`` context key, which a delivery of a quiet Qoo10 shop sets. Working
        through the key keeps the connector independent of stock_sms."""
        pickings = self
        if self._qoo10_quiet_buyer():
            pickings = self.with_context(skip_sms=True)
        return super(StockPicking, pickings)._pre_action_done_hook()

    def _send_confirmation_email(self):
        """The delivery e-mail (stock's ``stock_move_email_validation``) and SMS
        (stock_sms's ``stock_move_sms_validation``) go to the customer from here. For the
        deliveries of a quiet Qoo10 shop, stock_sms is told ``skip_sms`` and the e-mail is
        dropped in ``message_post_with_source``; the carrier work stock_delivery does here
        (labels, checks) still happens."""
        quiet = self._qoo10_quiet_buyer()
        if not quiet:
            return super()._send_confirmation_email()
        if self - quiet:
            super(StockPicking, self - quiet)._send_confirmation_email()
        return super(
            StockPicking, quiet.with_context(skip_sms=True, qoo10_quiet_buyer=True)
        )._send_confirmation_email()

    def message_post_with_source(self, source_ref, *args, **kwargs):
        """Drop the customer mail template of a quiet Qoo10 delivery (see above)."""
        if self.env.context.get("qoo10_quiet_buyer") and isinstance(
            source_ref, type(self.env["mail.template"])
        ):
            return self.env["mail.message"]
        return super().message_post_with_source(source_ref, *args, **kwargs)

    def write(self, vals):
        result = super().write(vals)
        if {"carrier_tracking_ref", "carrier_id"} & set(vals):
            self.filtered(
                lambda picking: picking.state == "done"
            )._qoo10_queue_tracking()
        return result

    def _qoo10_queue_tracking(self):
        """Put the Qoo10 lines whose last quantity these done deliveries shipped in the
        tracking outbox, or say on the delivery and the Qoo10 order why they cannot go."""
        pickings = self.filtered(
            lambda picking: (
                picking.state == "done"
                and picking.picking_type_code == "outgoing"
                and picking.sale_id.qoo10_order_id
            )
        )
        if not pickings:
            return
        queued = False
        for picking in pickings:
            lines = picking._qoo10_shipped_lines()
            if lines:
                queued |= picking._qoo10_queue_lines(lines)
        if queued:
            self.env.ref(
                "qoo10_connector.ir_cron_qoo10_send_tracking"
            ).sudo()._trigger()

    def _qoo10_shipped_lines(self):
        """The Qoo10 lines not sent yet whose last outgoing quantity is in this delivery."""
        self.ensure_one()
        sale_lines = self.move_ids.filtered(
            lambda move: move.state == "done"
        ).sale_line_id
        lines = (
            self.env["qoo10.order.line"]
            .sudo()
            .search(
                [
                    ("sale_line_id", "in", sale_lines.ids),
                    ("tracking_state", "!=", "sent"),
                    ("qoo10_status", "!=", QOO10_STATUS_CANCEL),
                ]
            )
        )
        return lines.filtered(lambda line: self._qoo10_ships_last(line.sale_line_id))

    def _qoo10_ships_last(self, sale_line):
        """No outgoing move of the sale line is still open, and this delivery has its
        latest done one."""
        moves = sale_line.move_ids.filtered(
            lambda move: move.picking_code == "outgoing" and move.state != "cancel"
        )
        if not moves or any(move.state != "done" for move in moves):
            return False
        last = max(moves, key=lambda move: (move.date, move.id))
        return last.picking_id == self

    def _qoo10_queue_lines(self, lines):
        """Mark ``lines`` pending with this delivery's reference and Qoo10 carrier name,
        or in error saying what is missing. True when some line is pending."""
        self.ensure_one()
        backend = lines.backend_id[:1]
        mapping = (
            self.env["qoo10.carrier.mapping"]
            .sudo()
            .search(
                [
                    ("backend_id", "=", backend.id),
                    ("carrier_id", "=", self.carrier_id.id),
                ],
                limit=1,
            )
            if self.carrier_id
            else self.env["qoo10.carrier.mapping"]
        )
        problem = self._qoo10_tracking_problem(backend, mapping)
        values = {
            "tracking_ref": self.carrier_tracking_ref or False,
            "tracking_carrier": mapping.shipping_corp or False,
            "tracking_picking_id": self.id,
            "tracking_state": "error" if problem else "pending",
            "tracking_error": problem or False,
        }
        changed = lines.filtered(
            lambda line: any(
                (line[key].id if key == "tracking_picking_id" else line[key]) != value
                for key, value in values.items()
            )
        )
        changed.write(values)
        if problem and changed:
            numbers = ", ".join(changed.mapped("order_no"))
            note = self.env._(
                "Qoo10: the tracking of orders %(numbers)s is not sent: %(problem)s",
                numbers=numbers,
                problem=problem,
            )
            self.message_post(body=note, subtype_xmlid="mail.mt_note")
            for order in changed.order_id:
                order.message_post(body=note, subtype_xmlid="mail.mt_note")
        return not problem

    def _qoo10_tracking_problem(self, backend, mapping):
        """What keeps this delivery's tracking from Qoo10, in words, or False."""
        if not self.carrier_tracking_ref:
            return self.env._(
                "the delivery %s has no tracking reference; add it on the delivery.",
                self.name,
            )
        if not self.carrier_id:
            return self.env._(
                "the delivery %s has no carrier; set its carrier.", self.name
            )
        if not mapping:
            return self.env._(
                "the carrier %(carrier)s has no Qoo10 carrier name for the shop "
                "%(shop)s; add it under the shop's Carrier Mappings.",
                carrier=self.carrier_id.name,
                shop=backend.name,
            )
        return False
