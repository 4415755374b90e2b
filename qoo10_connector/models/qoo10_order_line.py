# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from odoo import api, fields, models

from ..qapi import Qoo10AuthError, Qoo10PermissionError, const
from ..qapi.outcome import PENDING, REFUSED, SENT, outcomes, send_each
from .qoo10_order import QOO10_STATUS, QOO10_STATUS_CANCEL

_logger = logging.getLogger(__name__)

# From this many lines, one SetSellerCheckYNBulk call instead of one call per line.
BULK_CONFIRM_FROM = 5

OUTBOX_STATE = [
    ("none", "Not needed"),
    ("pending", "To send"),
    ("sent", "Sent"),
    ("error", "Error"),
]


def _behind(line, values):
    """Qoo10's statuses only move forward (2 → 3 → 4 → 5): rows older than what the
    line already knows (a stored row replayed, a tracking just sent) keep its status."""
    new = values.get("qoo10_status")
    old = line.qoo10_status
    return bool(new and old and old.isdigit() and new.isdigit() and int(new) < int(old))


class Qoo10OrderLine(models.Model):
    """One Qoo10 order line (orderNo): one item and option of a cart."""

    _name = "qoo10.order.line"
    _description = "Qoo10 Order Line"
    _order = "order_id, id"
    _rec_name = "order_no"

    order_id = fields.Many2one(
        "qoo10.order", required=True, ondelete="cascade", index=True
    )
    backend_id = fields.Many2one(related="order_id.backend_id", store=True, index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    order_no = fields.Char(string="Qoo10 Order No.", required=True, readonly=True)
    sale_line_id = fields.Many2one(
        "sale.order.line", readonly=True, index="btree_not_null"
    )
    product_id = fields.Many2one(related="sale_line_id.product_id")
    qoo10_status = fields.Selection(QOO10_STATUS, readonly=True)
    item_code = fields.Char(string="Qoo10 Item No.", readonly=True)
    seller_item_code = fields.Char(readonly=True)
    option_code = fields.Char(string="Seller SKU Code", readonly=True)
    option_text = fields.Char(string="Option", readonly=True)
    title = fields.Char(readonly=True)
    qty = fields.Integer(readonly=True)
    unit_price = fields.Float(readonly=True, digits=(16, 2))
    discount = fields.Float(readonly=True, digits=(16, 2))
    total = fields.Float(readonly=True, digits=(16, 2))
    settle_price = fields.Float(
        string="Expected Settlement", readonly=True, digits=(16, 2)
    )
    confirm_state = fields.Selection(
        OUTBOX_STATE, default="none", required=True, readonly=True, index=True
    )
    confirm_error = fields.Char(readonly=True)
    est_ship_date = fields.Date(string="Planned Ship Date", readonly=True)
    tracking_state = fields.Selection(
        OUTBOX_STATE, default="none", required=True, readonly=True, index=True
    )
    tracking_error = fields.Char(readonly=True)
    code_waiting = fields.Boolean(
        compute="_compute_code_waiting",
        help="The cart waits for a product for this line's code.",
    )

    _sql_constraints = [
        (
            "order_no_uniq",
            "unique(backend_id, order_no)",
            "This Qoo10 order line is already imported for this shop.",
        )
    ]

    def _qoo10_code(self):
        """The code a product mapping of this line takes, as the import looks it up:
        the Seller SKU Code, else the Seller Item Code, else Qoo10's Item No."""
        self.ensure_one()
        if self.option_code:
            return "option_code", self.option_code
        if self.seller_item_code:
            return "seller_item_code", self.seller_item_code
        return "item_code", self.item_code

    @api.depends("order_id.sync_state", "order_id.missing_codes")
    def _compute_code_waiting(self):
        for line in self:
            order = line.order_id
            missing = (order.missing_codes or "").split(",")
            line.code_waiting = (
                order.sync_state == "unmapped" and line._qoo10_code()[1] in missing
            )

    def action_map_code(self):
        """A new product mapping of this line's code, in which the user picks or creates
        the product; saving it marks the cart, and the import cron completes it."""
        self.ensure_one()
        field, code = self._qoo10_code()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Map %s", code),
            "res_model": "qoo10.product.mapping",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_backend_id": self.backend_id.id,
                f"default_{field}": code,
            },
        }

    def _qoo10_upsert(self, order, rows):
        """Create the lines Qoo10 sent for the first time, refresh the others."""
        existing = {line.order_no: line for line in order.line_ids}
        to_create = []
        updated = self.browse()
        from_cart = self._qoo10_cart_values(rows)
        for row in rows:
            values = dict(self._qoo10_values(row), **from_cart.get(row.order_no, {}))
            line = existing.get(row.order_no)
            if line:
                values = {
                    key: value for key, value in values.items() if line[key] != value
                }
                if line.qoo10_status == QOO10_STATUS_CANCEL or _behind(line, values):
                    values.pop("qoo10_status", None)
                if values:
                    line.write(values)
                    updated |= line
            else:
                to_create.append(dict(values, order_id=order.id, order_no=row.order_no))
        if to_create:
            self.create(to_create)
        updated._qoo10_seen_shipped()

    def _qoo10_cart_values(self, rows):
        """{order_no: values} a line takes from its whole cart (see the settlement)."""
        return {}

    @staticmethod
    def _qoo10_values(row):
        status = str(row.status) if row.status in const.SHIPPING_STATUS else False
        values = {
            "qoo10_status": status,
            "item_code": row.item_code,
            "seller_item_code": row.seller_item_code,
            "option_code": row.option_code,
            "option_text": row.option_text,
            "title": row.item_title,
            "qty": row.qty,
            "unit_price": float(row.unit_price),
            "discount": float(row.discount),
            "total": float(row.total),
            "settle_price": float(row.settle_price),
        }
        if row.est_shipping_date:
            values["est_ship_date"] = row.est_shipping_date.date()
        return values

    def _qoo10_bind_sale_lines(self, sale_order, rows):
        """Product lines carry sequence 10 x the position of their Qoo10 row."""
        by_sequence = {line.sequence: line for line in sale_order.order_line}
        by_order_no = {line.order_no: line for line in self}
        for index, row in enumerate(rows, start=1):
            by_order_no[row.order_no].sale_line_id = by_sequence.get(index * 10)

    # ------------------------------------------------------------------
    # Confirmation outbox (SetSellerCheckYN_V2): confirm_state is the outbox
    # ------------------------------------------------------------------
    def _qoo10_send_confirmations(self):
        """Send the confirmations of these pending lines (one shop) once.

        Outcomes are matched to lines by order number: Qoo10's "already confirmed"
        counts as sent; an unknown outcome stays pending and is sent again later; a
        refusal is kept on the line with Qoo10's message."""
        backend = self.backend_id
        backend.ensure_one()
        lines = self._qoo10_lock_outbox("confirm_state")
        if not lines:
            return
        ship_date = self._qoo10_ship_date(backend)
        delay_type = int(backend.confirm_delay_type or 0) or None
        rows = [
            {
                "order_no": line.order_no,
                "est_ship_date": ship_date,
                "delay_type": delay_type,
            }
            for line in lines
        ]
        client = backend._qoo10_client()
        by_no = lines._qoo10_send_outbox(
            rows,
            client.set_seller_check_bulk,
            client.set_seller_check,
            BULK_CONFIRM_FROM,
            (const.CODE_ALREADY_CONFIRMED,),
        )
        if by_no is not None:
            lines._qoo10_apply_confirm_outcomes(by_no, ship_date)

    def _qoo10_send_outbox(self, rows, bulk, single, bulk_from, done_codes=()):
        """Send one row per line (keyed by order number): ``bulk(rows)`` from
        ``bulk_from`` rows, else ``single(**row)`` each. Returns {order_no: Outcome},
        or None when Qoo10 rejects the shop's key: the shop is then in its problem
        state and every line stays pending. Shared by every outbox of the lines."""
        if len(rows) >= bulk_from:
            results = bulk(rows)
        else:
            results = send_each(single, rows)
        try:
            return outcomes(results, self.mapped("order_no"), done_codes)
        except (Qoo10AuthError, Qoo10PermissionError) as error:
            self.backend_id._qoo10_note_auth_problem(error)
            return None

    @staticmethod
    def _qoo10_ship_date(backend):
        today = datetime.now(ZoneInfo(backend.tz or "UTC")).date()
        return today + timedelta(days=backend.confirm_lead_days)

    def _qoo10_apply_confirm_outcomes(self, by_no, ship_date):
        state = {line: by_no[line.order_no] for line in self}
        self.filtered(lambda line: state[line].state == SENT)._qoo10_mark_confirmed(
            ship_date
        )
        for line in self.filtered(lambda line: state[line].state == REFUSED):
            line._qoo10_mark_confirm_failed(state[line].message)
        pending = self.filtered(lambda line: state[line].state == PENDING)
        if pending:
            _logger.info(
                "Qoo10 confirmations of %s lines stay pending: %s",
                len(pending),
                state[pending[0]].message,
            )

    def _qoo10_mark_confirmed(self, ship_date):
        """Qoo10 accepted the confirmation of these lines."""
        values = {
            "confirm_state": "sent",
            "confirm_error": False,
            "est_ship_date": ship_date,
        }
        new = str(const.STATUS_NEW)
        self.filtered(lambda line: line.qoo10_status == new).write(
            dict(values, qoo10_status=str(const.STATUS_CONFIRMED))
        )
        self.filtered(lambda line: line.qoo10_status != new).write(values)
        self.order_id._qoo10_update_status()

    def _qoo10_mark_confirm_failed(self, message):
        """Qoo10 refused the confirmation of this line: shown on the line and in the order's chatter."""
        self.ensure_one()
        self.write({"confirm_state": "error", "confirm_error": message})
        self.order_id.message_post(
            body=self.env._(
                "Qoo10 did not accept the confirmation of order %(no)s: %(msg)s",
                no=self.order_no,
                msg=message,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def action_retry_confirmation(self):
        self.filtered(lambda line: line.confirm_state == "error").write(
            {"confirm_state": "pending", "confirm_error": False}
        )
        self.backend_id._qoo10_send_confirmations()
        return True
