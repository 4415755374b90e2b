# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from .. import mappers
from ..qapi import const

_logger = logging.getLogger(__name__)

# Qoo10 has no status code for a cancelled line: its claims cancel it (see claim sync)
QOO10_STATUS_CANCEL = "cancel"
QOO10_STATUS = [(str(code), label) for code, label in const.SHIPPING_STATUS.items()] + [
    (QOO10_STATUS_CANCEL, "Cancelled")
]
SYNC_STATE = [
    ("pending", "Pending"),
    ("done", "Synced"),
    ("unmapped", "Unmapped product"),
    ("error", "Error"),
]


class Qoo10Order(models.Model):
    """One Qoo10 cart (packNo) of one shop, bound to one sale order."""

    _name = "qoo10.order"
    _description = "Qoo10 Order"
    _inherit = ["mail.thread"]
    _order = "order_date desc, id desc"
    _rec_name = "pack_no"

    backend_id = fields.Many2one(
        "qoo10.backend", string="Shop", required=True, ondelete="restrict", index=True
    )
    company_id = fields.Many2one(
        related="backend_id.company_id", store=True, index=True
    )
    pack_no = fields.Char(string="Qoo10 Cart No.", required=True, readonly=True)
    sale_order_id = fields.Many2one(
        "sale.order", readonly=True, copy=False, index="btree_not_null"
    )
    line_ids = fields.One2many(
        "qoo10.order.line", "order_id", string="Lines", readonly=True
    )
    qoo10_status = fields.Selection(QOO10_STATUS, readonly=True, tracking=True)
    sync_state = fields.Selection(
        SYNC_STATE, default="pending", required=True, readonly=True, index=True
    )
    sync_error = fields.Text(readonly=True)
    missing_codes = fields.Char(
        readonly=True,
        help="Codes of the lines with no product (Seller SKU Code, Seller Item Code, "
        "Qoo10 Item No.): a mapping or an internal reference for one of them completes "
        "the order.",
    )
    order_date = fields.Datetime(readonly=True)
    payment_date = fields.Datetime(readonly=True)
    buyer_name = fields.Char(readonly=True)
    currency_code = fields.Char(readonly=True)
    amount_total = fields.Float(string="Paid by Buyer", readonly=True, digits=(16, 2))
    payload = fields.Json(string="Raw Qoo10 Rows", readonly=True, copy=False)
    retry_requested = fields.Boolean(
        string="Retry Queued",
        readonly=True,
        copy=False,
        index=True,
        help="A mapping or an internal reference saved for one of its codes: the next "
        "run of the import cron imports it again from its stored rows.",
    )
    payload_hash = fields.Char(readonly=True, copy=False)

    _sql_constraints = [
        (
            "pack_uniq",
            "unique(backend_id, pack_no)",
            "This Qoo10 cart is already imported for this shop.",
        )
    ]

    @api.depends("pack_no", "buyer_name")
    def _compute_display_name(self):
        for order in self:
            order.display_name = f"{order.pack_no} {order.buyer_name or ''}".strip()

    # ------------------------------------------------------------------
    # State, as the order import (components/order_import.py) records it
    # ------------------------------------------------------------------
    def _qoo10_store(self, rows, digest):
        """Keep Qoo10's own words: header fields, the raw rows and one line per orderNo."""
        first = rows[0]
        self.write(
            dict(
                mappers.order_amounts(rows),
                order_date=mappers.to_utc_naive(first.order_date),
                payment_date=mappers.to_utc_naive(first.payment_date),
                buyer_name=first.buyer_name,
                currency_code=first.currency,
                payload=[row.raw for row in rows],
                payload_hash=digest,
            )
        )
        self.line_ids._qoo10_upsert(self, rows)
        self._qoo10_update_status()

    def _qoo10_update_status(self):
        for order in self:
            statuses = [
                line.qoo10_status
                for line in order.line_ids
                if line.qoo10_status != QOO10_STATUS_CANCEL
            ]
            status = min(statuses) if statuses else QOO10_STATUS_CANCEL
            if order.qoo10_status != status:
                order.qoo10_status = status

    def _qoo10_set_error(self, error, rows):
        """Record why the cart waits, keeping what Qoo10 sent so that a retry needs no
        download; everything written here is something the database accepts."""
        self.ensure_one()
        if not self.line_ids:
            self._qoo10_keep_rows(rows)
        state = "unmapped" if error.kind == "unmapped" else "error"
        message = mappers.storable(str(error))
        if self.sync_error != message or self.sync_state != state:
            self.message_post(body=message, subtype_xmlid="mail.mt_note")
        self.write(
            {
                "sync_state": state,
                "sync_error": message,
                "missing_codes": ",".join(error.codes) or False,
            }
        )

    def _qoo10_keep_rows(self, rows):
        """What Qoo10 sent stays visible: its lines when the database takes them, else
        the raw rows, with what the database refuses made visible instead."""
        if not any(mappers.unstorable(row) for row in rows):
            try:
                with self.env.cr.savepoint():
                    self._qoo10_store(rows, False)
                return
            except Exception:  # noqa: BLE001 - the raw rows below are kept instead
                _logger.info("Qoo10 cart %s kept as raw rows only", self.pack_no)
        raw = mappers.storable([row.raw for row in rows])
        self.write({"payload": raw, "payload_hash": False})

    def _qoo10_check_totals(self):
        """Note on new sale orders whose total is not what the buyer paid on Qoo10 plus
        the discounts Qoo10 funds (those are Qoo10's, not the seller's: see
        qoo10_order_settlement.py)."""
        for order in self:
            sale = order.sale_order_id
            if not sale.currency_id.compare_amounts(
                sale.amount_total, order._qoo10_expected_sale_total()
            ):
                continue
            currency = sale.currency_id
            message = self.env._(
                "The sale order total (%(total)s) is not what the buyer paid on Qoo10 "
                "(%(paid)s) plus the discounts Qoo10 funds (%(funded)s). Qoo10's amounts "
                "include tax and the import takes each tax out of them: check the taxes of "
                "the lines (a group of taxes cannot be included in the price).",
                total=format_amount(self.env, sale.amount_total, currency),
                paid=format_amount(self.env, order.amount_total, currency),
                funded=format_amount(self.env, order.amount_qoo10_funded, currency),
            )
            order.message_post(body=message, subtype_xmlid="mail.mt_note")
            sale.message_post(body=message, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------
    # Carts waiting for a product: a save marks them, the import cron imports them
    # ------------------------------------------------------------------
    @api.model
    def _qoo10_mark_waiting(self, codes, backends=None):
        """Mark the carts waiting for one of ``codes`` and bring the import cron forward.

        Called when a mapping or an internal reference is saved: no Qoo10 call and no
        import inside the save; the cron imports the marked carts that can now complete."""
        domain = [("sync_state", "=", "unmapped"), ("retry_requested", "=", False)]
        if backends is not None:
            domain.append(("backend_id", "in", backends.ids))
        waiting = self.search_fetch(domain, ["missing_codes"])
        marked = waiting.filtered(
            lambda order: set((order.missing_codes or "").split(",")) & codes
        )
        if marked:
            marked.retry_requested = True
            self.env.ref("qoo10_connector.ir_cron_qoo10_import_orders")._trigger()
        return marked

    @api.model
    def _qoo10_retry_waiting(self, backends):
        """Import again, from their stored rows, the waiting carts that can now complete:
        those a save marked (any shop) and, as a safety net for changes that mark nothing
        (an archived product restored), every waiting cart of ``backends``."""
        domain = [
            ("sync_state", "=", "unmapped"),
            "|",
            ("retry_requested", "=", True),
            ("backend_id", "in", backends.ids),
        ]
        waiting = self.search_fetch(domain, ["backend_id"])
        ready = self.browse()
        for backend, orders in waiting.grouped("backend_id").items():
            ready |= backend._qoo10_order_import().ready(orders)
        waiting.filtered("retry_requested").retry_requested = False
        if ready:
            ready.action_retry()
        return ready

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_retry(self):
        """Import the stored rows again, without calling Qoo10; say what came of it."""
        for backend, orders in self.grouped("backend_id").items():
            backend._qoo10_order_import().replay(orders)
            backend._qoo10_send_confirmations()
        return self._qoo10_outcome_notification()

    def action_refetch(self):
        """Download the carts again from Qoo10 (by order number), import them, and say
        what came of it."""
        unknown = []
        for order in self:
            backend = order.backend_id
            numbers = order.line_ids.mapped("order_no") or [
                row.order_no
                for row in backend._qoo10_order_import().stored_rows(order)
                if mappers.bindable(row.order_no)
            ]
            if not numbers:
                raise UserError(
                    self.env._(
                        "Qoo10 cart %s has no order number to download it by: import "
                        "it again by its date range (Import Orders...).",
                        order.pack_no,
                    )
                )
            unknown += backend._qoo10_order_import().import_order_numbers(numbers)[1]
        notification = self._qoo10_outcome_notification()
        if unknown:
            params = notification["params"]
            params["message"] += " " + self.env._(
                "Qoo10 no longer knows the order numbers %s.", ", ".join(unknown)
            )
            params["type"] = "danger" if params["type"] == "danger" else "warning"
        return notification

    def _qoo10_outcome_notification(self):
        """A notification saying what became of these carts: imported, still waiting
        (and why) or failed. It reloads the screen it was started from."""
        self.invalidate_recordset(["sync_state", "sync_error", "sale_order_id"])
        states = set(self.mapped("sync_state"))
        if len(self) == 1:
            message = self._qoo10_outcome_text()
        else:
            message = self.env._(
                "%(done)s Qoo10 carts imported, %(waiting)s still waiting, %(failed)s "
                "failed: each cart says why.",
                done=len(self.filtered(lambda o: o.sync_state == "done")),
                waiting=len(
                    self.filtered(lambda o: o.sync_state in ("pending", "unmapped"))
                ),
                failed=len(self.filtered(lambda o: o.sync_state == "error")),
            )
        kind = (
            "danger"
            if "error" in states
            else "success"
            if states <= {"done"}
            else "warning"
        )
        notification = self.backend_id[:1]._qoo10_notification(message, kind)
        notification["params"]["next"] = {"type": "ir.actions.act_window_close"}
        return notification

    def _qoo10_outcome_text(self):
        self.ensure_one()
        if self.sync_state == "done":
            return self.env._(
                "Qoo10 cart %(cart)s imported: sale order %(sale)s.",
                cart=self.pack_no,
                sale=self.sale_order_id.name,
            )
        if self.sync_state == "error":
            return self.env._(
                "Qoo10 cart %(cart)s failed to import: %(reason)s",
                cart=self.pack_no,
                reason=self.sync_error or "",
            )
        return self.env._(
            "Qoo10 cart %(cart)s still waits: %(reason)s",
            cart=self.pack_no,
            reason=self.sync_error or "",
        )

    def action_map_code(self):
        """Map the first code this cart waits for (the lines list maps each one)."""
        self.ensure_one()
        waiting = self.line_ids.filtered("code_waiting")
        if not waiting:
            raise UserError(
                self.env._(
                    "Qoo10 cart %(cart)s has no line waiting for a product here: add the "
                    "mapping of %(codes)s in Qoo10 > Product Mappings.",
                    cart=self.pack_no,
                    codes=self.missing_codes or "",
                )
            )
        return waiting[0].action_map_code()

    def action_view_sale_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }
