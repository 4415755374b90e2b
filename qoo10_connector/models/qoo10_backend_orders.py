# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order import and the confirmation outbox of a Qoo10 shop."""

import json
import logging
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from psycopg2.errors import LockNotAvailable

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from ..qapi import (
    Qoo10AuthError,
    Qoo10BusinessError,
    Qoo10Error,
    Qoo10PermissionError,
    Qoo10TransientError,
)
from .qoo10_backend import IMPORT_OVERLAP, IMPORT_WINDOW, MAX_IMPORT_SPAN
from .qoo10_errors import qoo10_error_message

_logger = logging.getLogger(__name__)

PAID_STATUSES = (2, 3)  # "New Order" and "Order Confirmed", as Smartship pulls them
UNPAID_STATUS = 1
CONDITION_ORDER_DATE, CONDITION_PAYMENT_DATE = 1, 2
# "Import Orders Now" stops starting new windows after this long; the cron does the rest
IMPORT_NOW_SECONDS = 60
BULK_CONFIRM_FROM = 5  # lines; below this, one SetSellerCheckYN_V2 call per line
ALREADY_CONFIRMED = -10012


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    # ------------------------------------------------------------------
    # Import
    # ------------------------------------------------------------------
    def action_import_orders(self):
        """Import from `import_from` up to now, window by window, as the cron does.

        One request imports for IMPORT_NOW_SECONDS at most: the windows left are the
        cron's, which commits one window per run."""
        self.ensure_one()
        orders = self.env["qoo10.order"]
        if window := self._qoo10_next_window():
            orders = self._qoo10_import_range(
                window[0],
                fields.Datetime.now(),
                seconds=IMPORT_NOW_SECONDS,
                move_import_from=True,
            )[0]
        message = _(
            "%(count)s Qoo10 carts imported or updated, %(errors)s waiting for a fix.",
            count=len(orders),
            errors=len(orders.filtered(lambda o: o.sync_state != "done")),
        )
        if self._qoo10_catching_up():
            if self.auto_import_orders:
                self.env.ref("qoo10_connector.ir_cron_qoo10_import_orders")._trigger()
                message += " " + _(
                    "Orders paid after %s are imported in the background by the "
                    "scheduled import.",
                    format_datetime(self.env, self.import_from),
                )
            else:
                message += " " + _(
                    "Orders paid after %s are not imported yet: import again, or turn "
                    "on Automatic Order Integration to let the scheduled import go on.",
                    format_datetime(self.env, self.import_from),
                )
        return self._qoo10_notification(message, "success")

    def _qoo10_next_window(self):
        """(start, end) of the next window to import, or None when up to date."""
        now = fields.Datetime.now()
        start = max(self.import_from or now - IMPORT_WINDOW, now - MAX_IMPORT_SPAN)
        if start >= now - timedelta(seconds=1):
            return None
        return start, min(start + IMPORT_WINDOW, now)

    def _qoo10_catching_up(self):
        """Behind by more than the windows' overlap: worth importing again at once, rather
        than at the cron's next scheduled run (each window ends at "now", so a shop is
        always a few seconds behind)."""
        window = self._qoo10_next_window()
        return bool(window) and window[1] - window[0] > IMPORT_OVERLAP

    def _qoo10_import_window(self, start, end, move_import_from=True):
        """Fetch one window (UTC naive datetimes) and import it; moves `import_from` after the work."""
        self.ensure_one()
        self._qoo10_lock()
        rows = self._qoo10_fetch_orders(start - IMPORT_OVERLAP, end)
        orders = self.env["qoo10.order"]._qoo10_import_rows(self, rows)
        if move_import_from and (not self.import_from or end > self.import_from):
            self.import_from = end
        self._qoo10_send_confirmations()
        return orders

    def _qoo10_note_nameless_rows(self, rows):
        """Rows with neither cart nor order number cannot be bound: say so on the shop."""
        excerpt = json.dumps(
            [row.raw for row in rows[:3]], ensure_ascii=False, default=str
        )[:1000]
        self.message_post(
            body=_(
                "Qoo10 sent %(count)s order rows without cart or order number; they were not "
                "imported. First rows: %(rows)s",
                count=len(rows),
                rows=excerpt,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _qoo10_lock(self):
        """One import per shop at a time: a concurrent run stops here instead of doing the work twice."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM qoo10_backend WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                    [self.id],
                )
        except LockNotAvailable as error:
            raise UserError(
                _("An import of the shop %s is already running.", self.name)
            ) from error

    def _qoo10_fetch_orders(self, start, end):
        client = self._qoo10_client()
        version = self.shipping_info_version
        searches = [(status, CONDITION_PAYMENT_DATE) for status in PAID_STATUSES]
        if self.import_unpaid_orders:
            searches.append((UNPAID_STATUS, CONDITION_ORDER_DATE))
        rows = []
        try:
            for status, condition in searches:
                rows += client.get_shipping_info(
                    status,
                    self._qoo10_local(start),
                    self._qoo10_local(end),
                    condition=condition,
                    version=version,
                )
        except Qoo10Error as error:
            self._qoo10_raise(error)
        return rows

    def _qoo10_local(self, value):
        """Naive UTC (Odoo) -> aware datetime in the shop's time zone."""
        return value.replace(tzinfo=ZoneInfo("UTC")).astimezone(
            ZoneInfo(self.tz or "UTC")
        )

    def _qoo10_import_range(
        self, date_from, date_to, seconds=None, move_import_from=False
    ):
        """Import [date_from, date_to] window by window; the wizard's range does not move
        `import_from`, "Import Orders Now" does.

        Returns (orders, reached): with `seconds`, no window starts after that long, and
        `reached` is where the import stopped (`date_to` when it is complete)."""
        self.ensure_one()
        orders = self.env["qoo10.order"]
        deadline = time.monotonic() + seconds if seconds is not None else None
        start = date_from
        while start < date_to:
            end = min(start + IMPORT_WINDOW, date_to)
            orders |= self._qoo10_import_window(start, end, move_import_from)
            start = end
            if deadline is not None and time.monotonic() > deadline:
                break
        return orders, start

    def _qoo10_refetch_order_numbers(self, order_numbers):
        """Import carts by Qoo10 order number, with the full rows of the list API when it has them."""
        self.ensure_one()
        client = self._qoo10_client()
        rows = []
        try:
            for order_no in order_numbers:
                single = client.get_order(order_no)
                if single:
                    rows += self._qoo10_full_rows(client, single)
        except Qoo10Error as error:
            self._qoo10_raise(error)
        orders = self.env["qoo10.order"]._qoo10_import_rows(self, rows)
        self._qoo10_send_confirmations()
        return orders

    def _qoo10_full_rows(self, client, single):
        """The single-order API lacks amounts and address parts (QAPI.md 6.8): read its cart's
        rows from the list API around its order date, and keep the single row if that fails."""
        if single.status and single.order_date:
            around = single.order_date
            rows = client.get_shipping_info(
                single.status,
                around - timedelta(minutes=1),
                around + timedelta(minutes=1),
                condition=CONDITION_ORDER_DATE,
                version=self.shipping_info_version,
            )
            cart = [row for row in rows if row.pack_no == single.pack_no]
            if cart:
                return cart
        return [single]

    @api.model
    def _cron_import_orders(self):
        """One window per shop and per run; the cron comes back while windows remain."""
        backends = self.search(
            [("auto_import_orders", "=", True)]
        )._qoo10_active_backends()
        done = remaining = 0
        for backend in backends:
            window = backend._qoo10_next_window()
            if window:
                try:
                    backend._qoo10_import_window(*window)
                    done += 1
                except UserError as error:
                    _logger.warning(
                        "Qoo10 import of shop %s stopped: %s", backend.id, error
                    )
                    continue
                remaining += backend._qoo10_catching_up()
            backend._qoo10_send_confirmations()
        self.env["qoo10.order"]._qoo10_retry_unmapped(backends)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    # ------------------------------------------------------------------
    # Confirmation outbox (SetSellerCheckYN_V2)
    # ------------------------------------------------------------------
    def _qoo10_send_confirmations(self):
        """Send every pending confirmation of the shop once; keep them pending while Qoo10 is away."""
        for backend in self:
            lines = self.env["qoo10.order.line"].search(
                [("backend_id", "=", backend.id), ("confirm_state", "=", "pending")]
            )
            if lines and backend.auto_confirm_orders and backend.state == "connected":
                backend._qoo10_confirm_lines(lines)

    def _qoo10_ship_date(self):
        today = datetime.now(ZoneInfo(self.tz or "UTC")).date()
        return today + timedelta(days=self.confirm_lead_days)

    def _qoo10_confirm_lines(self, lines):
        client = self._qoo10_client()
        ship_date = self._qoo10_ship_date()
        delay_type = int(self.confirm_delay_type) if self.confirm_delay_type else None
        send = (
            self._qoo10_confirm_bulk
            if len(lines) >= BULK_CONFIRM_FROM
            else self._qoo10_confirm_each
        )
        try:
            accepted, refused = send(client, lines, ship_date, delay_type)
        except (Qoo10AuthError, Qoo10PermissionError) as error:
            self._qoo10_note_auth_problem(error)
            return
        accepted._qoo10_mark_confirmed(ship_date)
        for line, message in refused.items():
            line._qoo10_mark_confirm_failed(message)

    def _qoo10_confirm_bulk(self, client, lines, ship_date, delay_type):
        """(accepted lines, {refused line: message}); lines without an answer stay pending."""
        results = client.set_seller_check_bulk(
            [
                {
                    "order_no": line.order_no,
                    "est_ship_date": ship_date,
                    "delay_type": delay_type,
                }
                for line in lines
            ]
        )
        outcome = {result.key: result for result in results}
        accepted, refused = lines.browse(), {}
        for line in lines:
            result = outcome.get(line.order_no)
            if not result or isinstance(result.error, Qoo10TransientError):
                continue  # outcome unknown: sent again later, Qoo10 answers -10012 if it was done
            if isinstance(result.error, (Qoo10AuthError, Qoo10PermissionError)):
                raise result.error
            if result.ok or result.code == ALREADY_CONFIRMED:
                accepted |= line
            else:
                refused[line] = f"{result.message} ({result.code})"
        return accepted, refused

    def _qoo10_confirm_each(self, client, lines, ship_date, delay_type):
        accepted, refused = lines.browse(), {}
        for line in lines:
            try:
                client.set_seller_check(line.order_no, ship_date, delay_type=delay_type)
            except Qoo10TransientError as error:
                _logger.info("Qoo10 unreachable, confirmations stay pending: %s", error)
                break
            except Qoo10BusinessError as error:
                if error.code != ALREADY_CONFIRMED:
                    refused[line] = qoo10_error_message(self.env, error, self)
                    continue
            accepted |= line
        return accepted, refused
