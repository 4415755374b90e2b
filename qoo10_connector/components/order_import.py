"""Order import: how Qoo10 carts of one shop become sale orders, top-down.

A window: lock the shop → fetch its rows from Qoo10 → import the carts → move the
import point → send the confirmations.

A cart: bind it (one qoo10.order per packNo) → skip it if Qoo10 sent nothing new →
check that the database can store it → store Qoo10's rows and lines → check that it
can become a sale order (``OrderMapper``) → create the sale order → after-import hooks
(fulfilment, confirmation outbox).

Whatever goes wrong with one cart is recorded on its qoo10.order and the others go on;
what goes wrong with the shop (Qoo10 unreachable, key rejected) stops this shop's run
without moving its import point.
"""

import hashlib
import json
import logging
import time
from datetime import timedelta

from psycopg2 import IntegrityError
from psycopg2.errors import LockNotAvailable

from odoo import fields
from odoo.exceptions import UserError

from .. import concurrency, mappers
from ..qapi import Qoo10Error, const
from .order_import_report import ImportReport, StoredCarts
from .order_mapper import OrderMapper

_logger = logging.getLogger(__name__)

# How far back each window reaches before the point already imported, so that an
# order Qoo10 indexes a little late is not missed.
IMPORT_OVERLAP = timedelta(minutes=30)
# One window is one cron batch; Qoo10 refuses searches over 90 days (QAPI.md §4).
IMPORT_WINDOW = timedelta(days=1)
MAX_IMPORT_SPAN = timedelta(days=const.MAX_SEARCH_DAYS - 1)
# Carts imported on one savepoint (see import_rows).
IMPORT_CHUNK = 50


class OrderImport(StoredCarts):
    """The order import of one shop; ``report`` counts what it did."""

    def __init__(self, backend):
        backend.ensure_one()
        self.backend = backend
        self.env = backend.env
        self.orders = self.env["qoo10.order"]
        self.report = ImportReport(self.orders)

    # ------------------------------------------------------------------
    # Windows
    # ------------------------------------------------------------------
    def next_window(self):
        """(start, end) of the next window to import, or None when up to date."""
        now = fields.Datetime.now()
        import_from = self.backend.import_from or now - IMPORT_WINDOW
        start = max(import_from, now - MAX_IMPORT_SPAN)
        if start >= now - timedelta(seconds=1):
            return None
        return start, min(start + IMPORT_WINDOW, now)

    def catching_up(self):
        """Behind by more than the windows' overlap: worth importing again at once (each
        window ends at "now", so a shop is always a few seconds behind)."""
        window = self.next_window()
        return bool(window) and window[1] - window[0] > IMPORT_OVERLAP

    def import_window(self, start, end, move_import_from=True):
        """Fetch one window (naive UTC) and import it; the import point moves after the work."""
        self.lock()
        rows = self.fetch(start - IMPORT_OVERLAP, end)
        orders = self.import_rows(rows)
        backend = self.backend
        if move_import_from and (not backend.import_from or end > backend.import_from):
            backend.import_from = end
        backend._qoo10_send_confirmations()
        return orders

    def import_range(self, date_from, date_to, seconds=None, move_import_from=False):
        """Import [date_from, date_to] window by window.

        Returns (orders, reached): with ``seconds``, no window starts after that long,
        and ``reached`` is where the import stopped (``date_to`` when complete)."""
        orders = self.orders
        deadline = time.monotonic() + seconds if seconds is not None else None
        start = date_from
        while start < date_to:
            end = min(start + IMPORT_WINDOW, date_to)
            orders |= self.import_window(start, end, move_import_from)
            start = end
            if deadline is not None and time.monotonic() > deadline:
                break
        return orders, start

    def import_order_numbers(self, order_numbers):
        """Import the carts of these Qoo10 order numbers, wherever their dates are.

        Returns the carts imported and the numbers Qoo10 knows no order by."""
        client = self.backend._qoo10_client()
        rows, unknown = [], []
        try:
            for order_no in order_numbers:
                if single := client.get_order(order_no):
                    rows += self._full_rows(client, single)
                else:
                    unknown.append(str(order_no))
        except Qoo10Error as error:
            self.backend._qoo10_raise(error)
        orders = self.import_rows(rows)
        self.backend._qoo10_send_confirmations()
        return orders, unknown

    # ------------------------------------------------------------------
    # Lock and fetch
    # ------------------------------------------------------------------
    def lock(self):
        """One import per shop at a time: a concurrent run stops here."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM qoo10_backend WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                    [self.backend.id],
                )
        except LockNotAvailable as error:
            raise UserError(
                self.env._(
                    "An import of the shop %s is already running.", self.backend.name
                )
            ) from error

    def fetch(self, start, end):
        """The shop's rows of [start, end]: paid carts by payment date, unpaid by order date."""
        backend = self.backend
        client = backend._qoo10_client()
        searches = [
            (status, const.CONDITION_PAYMENT_DATE) for status in const.PAID_STATUSES
        ]
        if backend.import_unpaid_orders:
            searches.append((const.STATUS_UNPAID, const.CONDITION_ORDER_DATE))
        rows = []
        try:
            for status, condition in searches:
                rows += client.get_shipping_info(
                    status,
                    backend._qoo10_local(start),
                    backend._qoo10_local(end),
                    condition=condition,
                    version=backend.shipping_info_version,
                )
            shipped = []
            for status, condition in self._shipped_searches():
                shipped += client.get_shipping_info(
                    status,
                    backend._qoo10_local(start),
                    backend._qoo10_local(end),
                    condition=condition,
                    version=backend.shipping_info_version,
                )
        except Qoo10Error as error:
            backend._qoo10_raise(error, retried=True)
        return self._with_shipped(rows, shipped)

    def _shipped_searches(self):
        """Read back what shipped, only while Odoo has lines to see it on: on delivery
        (4, by shipping date) while a line with a tracking number is not 4 yet in Odoo,
        delivered (5, by delivered date) while a line is on delivery."""
        lines = self.env["qoo10.order.line"]
        mine = [("backend_id", "=", self.backend.id)]
        confirmed = (str(const.STATUS_NEW), str(const.STATUS_CONFIRMED))
        searches = []
        waiting = mine + [
            ("tracking_state", "!=", "none"),
            ("qoo10_status", "in", confirmed),
        ]
        if lines.search_count(waiting, limit=1):
            searches.append((const.STATUS_ON_DELIVERY, const.CONDITION_SHIPPING_DATE))
        on_delivery = mine + [("qoo10_status", "=", str(const.STATUS_ON_DELIVERY))]
        if lines.search_count(on_delivery, limit=1):
            searches.append((const.STATUS_DELIVERED, const.CONDITION_DELIVERED_DATE))
        return searches

    def _with_shipped(self, rows, shipped):
        """Rows of lines on delivery or delivered that Odoo already has, each with the
        rest of its cart as stored (a cart is imported whole); others are left out: a
        cart that shipped outside Odoo is not imported."""
        if not shipped:
            return rows
        odd = [row for row in rows + shipped if not row.readable]
        fresh = {row.order_no: row for row in shipped if row.readable}
        known = self.env["qoo10.order.line"].search(
            [("backend_id", "=", self.backend.id), ("order_no", "in", list(fresh))]
        )
        final = {row.order_no: row for row in rows if row.readable}
        for order in known.order_id:
            for stored in self.stored_rows(order):
                if stored.order_no not in final:
                    final[stored.order_no] = fresh.get(stored.order_no, stored)
        return odd + list(final.values())

    def _full_rows(self, client, single):
        """The single-order API lacks amounts and address parts (QAPI.md §6.8): read its
        cart's rows from the list API around its order date, else keep the single row."""
        if single.status and single.order_date:
            around = single.order_date
            rows = client.get_shipping_info(
                single.status,
                around - timedelta(minutes=1),
                around + timedelta(minutes=1),
                condition=const.CONDITION_ORDER_DATE,
                version=self.backend.shipping_info_version,
            )
            if cart := [row for row in rows if row.pack_no == single.pack_no]:
                return cart
        return [single]

    # ------------------------------------------------------------------
    # Carts
    # ------------------------------------------------------------------
    def import_rows(self, rows):
        """Import normalised rows of this shop; returns the qoo10.order records touched.

        Carts go in chunks, each on one savepoint, so that Odoo flushes and recomputes a
        chunk at a time. A chunk that fails is imported again one cart per savepoint: the
        bad cart is recorded with its error and the others go on."""
        packs = self._carts(rows)
        rows = [row for row in rows if row.readable]
        bound = self.bind(list(packs))
        carts = [(bound[key], cart) for key, cart in packs.items() if key in bound]
        new = self.orders.browse(
            [order.id for order, _rows in carts if not order.sale_order_id]
        )
        unchanged = {order.id for order, cart in carts if self._up_to_date(order, cart)}
        mapper = OrderMapper(self.backend, rows)
        for start in range(0, len(carts), IMPORT_CHUNK):
            chunk = carts[start : start + IMPORT_CHUNK]
            try:
                with self.env.cr.savepoint():
                    for order, cart in chunk:
                        self._import_cart_steps(order, cart, mapper)
            except Exception as error:  # noqa: BLE001 - isolate the bad cart below
                concurrency.reraise(error)
                mapper = OrderMapper(self.backend, rows)  # its records were rolled back
                for order, cart in chunk:
                    self.import_cart(order, cart, mapper)
        new.filtered("sale_order_id")._qoo10_check_totals()
        touched = self.orders.browse([order.id for order, _rows in carts])
        self.report.add(new, touched.filtered(lambda o: o.id not in unchanged))
        # policy "At import": the carts marked by after_import, one savepoint each
        touched.filtered(lambda o: o.invoice_state == "pending")._qoo10_do_accounting()
        return touched

    def _carts(self, rows):
        """{cart key: rows}; a line without its cart number stands alone under its order
        number. Rows that are not records, or whose numbers cannot be keys, are noted on
        the shop and counted in the report."""
        packs, unbound, seen = {}, [], set()
        unreadable = [row for row in rows if not row.readable]
        for row in (row for row in rows if row.readable):
            key = row.pack_no or row.order_no
            # the same row twice in one answer is one line
            twin = (key, row.order_no, json.dumps(row.raw, sort_keys=True, default=str))
            if twin in seen:
                continue
            seen.add(twin)
            if mappers.bindable(key):
                packs.setdefault(key, []).append(row)
            else:
                unbound.append(row)
        if unbound:
            self.backend._qoo10_note_unbound_rows(unbound)
        if unreadable:
            self.backend._qoo10_note_unreadable_rows(unreadable)
        self.report.rejected += len(unbound) + len(unreadable)
        return packs

    def bind(self, pack_numbers):
        """{pack_no: qoo10.order}, creating the bindings of new carts in one go.

        A cart bound meanwhile by a concurrent run trips the unique key: the batch then
        falls back to one cart at a time and leaves such carts to the run that has them."""
        domain = [("backend_id", "=", self.backend.id), ("pack_no", "in", pack_numbers)]
        bound = {order.pack_no: order for order in self.orders.search(domain)}
        new = [pack_no for pack_no in pack_numbers if pack_no not in bound]
        try:
            with self.env.cr.savepoint():
                created = self._create_bindings(new)
        except IntegrityError:
            created = self.orders.browse()
            for pack_no in new:
                try:
                    with self.env.cr.savepoint():
                        created |= self._create_bindings([pack_no])
                except IntegrityError:
                    _logger.info(
                        "Qoo10 cart %s of shop %s was imported by a concurrent run",
                        pack_no,
                        self.backend.id,
                    )
        bound.update((order.pack_no, order) for order in created)
        return bound

    def _create_bindings(self, pack_numbers):
        # new bindings are created silently: their chatter starts with what happens to them
        return (
            self.orders.with_context(tracking_disable=True)
            .create(
                [{"backend_id": self.backend.id, "pack_no": no} for no in pack_numbers]
            )
            .with_env(self.env)
        )

    def import_cart(self, order, rows, mapper):
        """Import one cart on its own savepoint, recording any failure on it."""
        try:
            with self.env.cr.savepoint():
                self._import_cart_steps(order, rows, mapper)
        except Exception as error:  # noqa: BLE001 - one bad cart must not stop the batch
            concurrency.reraise(error)
            _logger.warning("Qoo10 cart %s not imported", order.pack_no, exc_info=True)
            order._qoo10_set_error(mappers.MappingError(str(error)), rows)

    def _up_to_date(self, order, rows):
        """The cart is imported and Qoo10 sent nothing new for it."""
        return order.sync_state == "done" and order.payload_hash == self._digest(rows)

    def _import_cart_steps(self, order, rows, mapper):
        """Skip if up to date → check storable → store → check → sale order → hooks."""
        digest = self._digest(rows)
        if digest == order.payload_hash and order.sync_state == "done":
            return
        # the first import of a cart is not tracked: its chatter starts with what changes later
        if not order.payload_hash:
            order = order.with_context(tracking_disable=True)
        try:
            mapper.check_storable(rows)
            mapper.check_numbers(order, rows)
            order._qoo10_store(rows, digest)
            mapper.check(order, rows)
        except mappers.MappingError as error:
            # what Qoo10 sent stays visible on the order while it waits for a fix
            order._qoo10_set_error(error, rows)
            return
        self._sync_sale_order(order, rows, mapper)
        self.after_import(order)

    @staticmethod
    def _digest(rows):
        raw = json.dumps([row.raw for row in rows], sort_keys=True, default=str)
        return hashlib.sha1(raw.encode()).hexdigest()

    def _sync_sale_order(self, order, rows, mapper):
        values = {"sync_state": "done", "sync_error": False, "missing_codes": False}
        if not order.sale_order_id:
            sale = (
                self.env["sale.order"]
                .with_context(mail_create_nolog=True)
                .create(mapper.sale_order_values(order, rows))
            )
            mapper.round_to_paid(sale, order._qoo10_expected_sale_total())
            values["sale_order_id"] = sale.id
            order.line_ids._qoo10_bind_sale_lines(sale, rows)
        order.write(values)

    def after_import(self, order):
        """Hooks after each import of a cart: fulfilment, the confirmation outbox, then
        the accounting marks (invoice at import, payment by Qoo10)."""
        backend = self.backend
        sale = order.sale_order_id
        paid = order.qoo10_status in (str(s) for s in const.PAID_STATUSES)
        if backend.auto_fulfillment and sale.state in ("draft", "sent") and paid:
            sale.action_confirm()
        if backend.auto_confirm_orders:
            order.line_ids.filtered(
                lambda line: (
                    line.qoo10_status == str(const.STATUS_NEW)
                    and line.confirm_state == "none"
                )
            ).confirm_state = "pending"
        order._qoo10_after_import_accounting()
