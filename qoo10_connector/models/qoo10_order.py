# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import json
import logging

from psycopg2 import IntegrityError

from odoo import api, fields, models
from odoo.tools import format_amount

from .. import mappers
from ..importer import ImportContext

_logger = logging.getLogger(__name__)

QOO10_STATUS = [
    ("1", "Awaiting payment"),
    ("2", "New order"),
    ("3", "Seller confirmed"),
    ("4", "On delivery"),
    ("5", "Delivered"),
    ("cancel", "Cancelled"),
]
# Carts imported on one savepoint (see _qoo10_import_rows).
IMPORT_CHUNK = 50
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
    line_ids = fields.One2many("qoo10.order.line", "order_id", readonly=True)
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
    amount_settle = fields.Float(
        string="Expected Settlement", readonly=True, digits=(16, 2)
    )
    payload = fields.Json(string="Raw Qoo10 Rows", readonly=True, copy=False)
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
    # Import: one cart = lock -> fetch -> skip if up to date -> map -> create/update -> bind -> hook
    # ------------------------------------------------------------------
    @api.model
    def _qoo10_import_rows(self, backend, rows):
        """Import normalised order lines of one shop; returns the qoo10.order records touched.

        Carts go in chunks, each on one savepoint, so that Odoo flushes and recomputes a
        chunk at a time. A cart that fails unexpectedly rolls its chunk back, and that chunk
        is imported again one cart per savepoint: the bad cart is recorded with its error
        and the others go on.
        """
        packs = {}
        for row in rows:
            # a line without its cart number stands alone, under its own order number
            key = row.pack_no or row.order_no
            if key:
                packs.setdefault(key, []).append(row)
        nameless = [row for row in rows if not (row.pack_no or row.order_no)]
        if nameless:
            backend._qoo10_note_nameless_rows(nameless)
        bound = self._qoo10_bind(backend, list(packs))
        carts = [
            (bound[pack_no], pack_rows)
            for pack_no, pack_rows in packs.items()
            if pack_no in bound
        ]
        unsold = {order.id for order, _rows in carts if not order.sale_order_id}
        context = ImportContext(backend, rows)
        for start in range(0, len(carts), IMPORT_CHUNK):
            chunk = carts[start : start + IMPORT_CHUNK]
            try:
                with self.env.cr.savepoint():
                    for order, pack_rows in chunk:
                        order._qoo10_import_cart_steps(pack_rows, context)
            except Exception:  # noqa: BLE001 - isolate the bad cart below
                context = ImportContext(
                    backend, rows
                )  # what it created was rolled back
                for order, pack_rows in chunk:
                    order._qoo10_import_cart(pack_rows, context)
        self.browse(unsold)._qoo10_check_totals()
        return self.browse([order.id for order, _rows in carts])

    def _qoo10_check_totals(self):
        """Note on new sale orders whose total is not what the buyer paid on Qoo10."""
        for order in self.filtered("sale_order_id"):
            sale = order.sale_order_id
            if not sale.currency_id.compare_amounts(
                sale.amount_total, order.amount_total
            ):
                continue
            message = self.env._(
                "The sale order total (%(total)s) is not what the buyer paid on Qoo10 "
                "(%(paid)s). Qoo10 prices include tax: the shop's tax setting and the "
                "products' taxes should be taxes included in the price.",
                total=format_amount(self.env, sale.amount_total, sale.currency_id),
                paid=format_amount(self.env, order.amount_total, sale.currency_id),
            )
            order.message_post(body=message, subtype_xmlid="mail.mt_note")
            sale.message_post(body=message, subtype_xmlid="mail.mt_note")

    @api.model
    def _qoo10_bind(self, backend, pack_numbers):
        """{pack_no: qoo10.order}, creating the bindings of new carts in one go.

        A cart bound meanwhile by a concurrent run trips the unique key: the batch then
        falls back to one cart at a time and leaves such carts to the run that has them.
        """
        domain = [("backend_id", "=", backend.id), ("pack_no", "in", pack_numbers)]
        bound = {order.pack_no: order for order in self.search(domain)}
        new = [pack_no for pack_no in pack_numbers if pack_no not in bound]
        # new bindings are created silently: their chatter starts with what happens to them
        quiet = self.with_context(tracking_disable=True)
        try:
            with self.env.cr.savepoint():
                orders = quiet.create(
                    [{"backend_id": backend.id, "pack_no": pack_no} for pack_no in new]
                )
        except IntegrityError:
            orders = self.browse()
            for pack_no in new:
                try:
                    with self.env.cr.savepoint():
                        orders |= quiet.create(
                            {"backend_id": backend.id, "pack_no": pack_no}
                        )
                except IntegrityError:
                    _logger.info(
                        "Qoo10 cart %s of shop %s was imported by a concurrent run",
                        pack_no,
                        backend.id,
                    )
        bound.update((order.pack_no, order.with_env(self.env)) for order in orders)
        return bound

    def _qoo10_import_cart(self, rows, context):
        """Import one cart on its own savepoint, recording any failure on it."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._qoo10_import_cart_steps(rows, context)
        except Exception as error:  # noqa: BLE001 - one bad cart must not stop the batch
            _logger.exception("Qoo10 cart %s could not be imported", self.pack_no)
            self._qoo10_set_error(mappers.MappingError(str(error)), rows)

    def _qoo10_import_cart_steps(self, rows, context):
        """Skip if up to date -> store -> check -> sale order -> after-import hooks."""
        digest = self._qoo10_digest(rows)
        if digest == self.payload_hash and self.sync_state == "done":
            return
        # the first import of a cart is not tracked: its chatter starts with what changes later
        order = self if self.payload_hash else self.with_context(tracking_disable=True)
        order._qoo10_store(rows, digest)
        try:
            context.check(order, rows)
        except mappers.MappingError as error:
            # what Qoo10 sent stays visible on the order while it waits for a fix
            order._qoo10_set_error(error, rows)
            return
        order._qoo10_sync_sale_order(rows, context)

    @staticmethod
    def _qoo10_digest(rows):
        raw = json.dumps([row.raw for row in rows], sort_keys=True, default=str)
        return hashlib.sha1(raw.encode()).hexdigest()

    def _qoo10_store(self, rows, digest):
        """Keep Qoo10's own words: header fields, the raw rows and one line per orderNo."""
        first = rows[0]
        amounts = mappers.cart_amounts(rows)
        paid = sum(row.total for row in rows) + amounts["shipping_rate"]
        paid -= amounts["cart_discount_seller"] + amounts["cart_discount_qoo10"]
        self.write(
            {
                "order_date": mappers.to_utc_naive(first.order_date),
                "payment_date": mappers.to_utc_naive(first.payment_date),
                "buyer_name": first.buyer_name,
                "currency_code": first.currency,
                "amount_total": float(paid),
                "amount_settle": float(sum(row.settle_price for row in rows)),
                "payload": [row.raw for row in rows],
                "payload_hash": digest,
            }
        )
        self.line_ids._qoo10_upsert(self, rows)
        self._qoo10_update_status()

    def _qoo10_update_status(self):
        for order in self:
            statuses = [
                line.qoo10_status
                for line in order.line_ids
                if line.qoo10_status != "cancel"
            ]
            status = min(statuses) if statuses else "cancel"
            if order.qoo10_status != status:
                order.qoo10_status = status

    def _qoo10_set_error(self, error, rows):
        """Record why the cart waits, keeping its rows so that a retry needs no download."""
        self.ensure_one()
        state = "unmapped" if error.kind == "unmapped" else "error"
        message = str(error)
        if not self.line_ids:
            # keep what Qoo10 sent visible; if even that fails, keep the raw rows
            try:
                with self.env.cr.savepoint():
                    self._qoo10_store(rows, False)
            except Exception:  # noqa: BLE001
                self.write(
                    {"payload": [row.raw for row in rows], "payload_hash": False}
                )
        if self.sync_error != message or self.sync_state != state:
            self.message_post(body=message, subtype_xmlid="mail.mt_note")
        self.write(
            {
                "sync_state": state,
                "sync_error": message,
                "missing_codes": ",".join(error.codes) or False,
            }
        )

    def _qoo10_sync_sale_order(self, rows, context):
        values = {"sync_state": "done", "sync_error": False, "missing_codes": False}
        if not self.sale_order_id:
            sale = (
                self.env["sale.order"]
                .with_context(mail_create_nolog=True)
                .create(context.sale_order_values(self, rows))
            )
            values["sale_order_id"] = sale.id
            self.line_ids._qoo10_bind_sale_lines(sale, rows)
        self.write(values)
        self._qoo10_after_import()

    def _qoo10_after_import(self):
        """Hooks run after each import of a cart: fulfilment, then the confirmation outbox."""
        self.ensure_one()
        backend = self.backend_id
        sale = self.sale_order_id
        if (
            backend.auto_fulfillment
            and sale.state in ("draft", "sent")
            and self.qoo10_status in ("2", "3")
        ):
            sale.action_confirm()
        if backend.auto_confirm_orders:
            self.line_ids.filtered(
                lambda line: line.qoo10_status == "2" and line.confirm_state == "none"
            ).confirm_state = "pending"

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_refetch(self):
        """Download the carts again from Qoo10 (by order number) and import them."""
        for order in self:
            order.backend_id._qoo10_refetch_order_numbers(
                order.line_ids.mapped("order_no")
            )
        return True

    def action_view_sale_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }
