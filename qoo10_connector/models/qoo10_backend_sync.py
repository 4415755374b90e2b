# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a shop does with Qoo10 on a button or on schedule. The work itself is done by
the components (``components/``); buttons and crons pick it and delegate."""

import json
import logging
import zlib
from functools import partial
from zoneinfo import ZoneInfo

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from .. import mappers
from ..components import ClaimSync, OrderImport
from ..concurrency import Qoo10Busy
from ..concurrency import is_concurrent as _concurrent
from ..qapi import Qoo10AuthError, Qoo10PermissionError

_logger = logging.getLogger(__name__)

# kinds that share one lock: both send the confirmations
LOCK_AS = {"confirm": "import"}


# "Import Orders Now" stops starting new windows after this long; the cron does the rest
IMPORT_NOW_SECONDS = 60


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    # ------------------------------------------------------------------
    # The components of a shop (an addon may return subclasses)
    # ------------------------------------------------------------------
    def _qoo10_order_import(self):
        return OrderImport(self)

    def _qoo10_claim_sync(self):
        return ClaimSync(self)

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_import_orders(self):
        """Import from `import_from` up to now, window by window, as the cron does.

        One request imports for IMPORT_NOW_SECONDS at most: the windows left are the
        cron's, which commits one window per run."""
        self.ensure_one()
        self.check_access("write")  # a manager's button, whoever calls it
        importer = self._qoo10_order_import()
        orders = self.env["qoo10.order"]
        if window := importer.next_window():
            orders = importer.import_range(
                window[0],
                fields.Datetime.now(),
                seconds=IMPORT_NOW_SECONDS,
                move_import_from=True,
            )[0]
        self._qoo10_note_import(orders, report=importer.report)
        message, rejected = self._qoo10_import_counts_message(importer, orders)
        if importer.catching_up():
            message += " " + self._qoo10_backlog_message()
        return self._qoo10_notification(message, "warning" if rejected else "success")

    def _qoo10_import_counts_message(self, importer, orders):
        """(what an import by hand did, in words; the number of rejected carts)."""
        counts = importer.report.counts(orders)
        message = _(
            "Qoo10 carts: %(created)s new, %(updated)s updated, %(unchanged)s "
            "unchanged, %(waiting)s waiting for a fix.",
            created=counts["created"],
            updated=counts["updated"],
            unchanged=counts["unchanged"],
            waiting=counts["waiting"],
        )
        if counts["rejected"]:
            message += " " + self._qoo10_rejected_message(counts["rejected"])
        return message, counts["rejected"]

    def _qoo10_backlog_message(self):
        reached = format_datetime(self.env, self.import_from)
        if not self.auto_import_orders:
            return _(
                "Orders paid after %s are not imported yet: import again, or turn on "
                "Automatic Order Integration to let the scheduled import go on.",
                reached,
            )
        self.env.ref("qoo10_connector.ir_cron_qoo10_import_orders")._trigger()
        return _(
            "Orders paid after %s are imported in the background by the scheduled import.",
            reached,
        )

    def action_sync_claims(self):
        """Read Qoo10's claims since `claims_from` and apply them (see qoo10.order.line)."""
        self.ensure_one()
        self.check_access("write")  # a manager's button, whoever calls it
        lines = self._qoo10_claim_sync().sync()
        return self._qoo10_notification(
            _("%s Qoo10 order lines updated from claims.", len(lines)), "success"
        )

    def _qoo10_send_confirmations(self):
        """Send every pending confirmation of these shops; see qoo10.order.line."""
        for backend in self:
            if not (backend.auto_confirm_orders and backend.state == "connected"):
                continue
            lines = self.env["qoo10.order.line"].search(
                [("backend_id", "=", backend.id), ("confirm_state", "=", "pending")]
            )
            if lines:
                lines._qoo10_send_confirmations()

    def action_send_tracking(self):
        """Send every pending tracking number of the shop now."""
        self.ensure_one()
        self.check_access("write")  # a manager's button, whoever calls it
        lines = self._qoo10_tracking_outbox()
        if lines:
            lines._qoo10_send_tracking()
        sent = lines.filtered(lambda line: line.tracking_state == "sent")
        refused = lines.filtered(lambda line: line.tracking_state == "error")
        waiting = lines - sent - refused
        message = _(
            "Tracking numbers: %(sent)s sent, %(refused)s refused by Qoo10, "
            "%(waiting)s waiting to be sent again.",
            sent=len(sent),
            refused=len(refused),
            waiting=len(waiting),
        )
        kind = "success" if not (refused or waiting) else "warning"
        return self._qoo10_notification(message, kind)

    def _qoo10_tracking_outbox(self):
        return self.env["qoo10.order.line"].search(
            [("backend_id", "in", self.ids), ("tracking_state", "=", "pending")]
        )

    def _qoo10_send_tracking(self):
        """Send every pending tracking number of these shops; see qoo10.order.line."""
        for backend in self.filtered(lambda b: b.state == "connected"):
            lines = backend._qoo10_tracking_outbox()
            if lines:
                lines._qoo10_send_tracking()

    # ------------------------------------------------------------------
    # Crons: one shop's failure never stops another's work
    # ------------------------------------------------------------------
    @api.model
    def _cron_import_orders(self):
        """One window per shop and per run; the cron comes back while windows remain."""
        backends = self.search(
            [("auto_import_orders", "=", True)]
        )._qoo10_active_backends()
        done = remaining = 0
        for backend in backends:
            importer = backend._qoo10_order_import()
            if not importer.next_window():
                backend._qoo10_cron_dispatch("confirm")
            elif backend._qoo10_cron_dispatch("import"):
                done += 1
                remaining += importer.catching_up()
        self._qoo10_retry_waiting(backends)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _qoo10_retry_waiting(self, backends):
        """The carts waiting for a product that can now complete (see qoo10.order)."""
        try:
            with self.env.cr.savepoint():
                self.env["qoo10.order"]._qoo10_retry_waiting(backends)
        except Exception as error:  # noqa: BLE001 - the shops' windows of this run are kept
            if _concurrent(error):
                _logger.info("Qoo10: waiting carts busy in another run: %r", error)
                return
            _logger.exception("Qoo10: waiting carts not retried")

    @api.model
    def _cron_send_tracking(self):
        """Every shop with tracking numbers to send, each on its own savepoint."""
        lines = self.env["qoo10.order.line"].search(
            [("tracking_state", "=", "pending")]
        )
        for backend in lines.backend_id._qoo10_active_backends():
            backend._qoo10_cron_dispatch("tracking")

    @api.model
    def _cron_sync_claims(self):
        for backend in self.search(
            [("auto_import_orders", "=", True)]
        )._qoo10_active_backends():
            backend._qoo10_cron_dispatch("claims")

    # ------------------------------------------------------------------
    # A shop's scheduled work, by kind: what a cron runs for one shop
    # ------------------------------------------------------------------
    def _qoo10_cron_dispatch(self, kind):
        """Run this shop's scheduled work of ``kind`` now, isolated (_qoo10_isolated).

        Returns True when the work ran here and succeeded. The one seam between the
        crons and the work: qoo10_connector_queue enqueues a job per shop and kind
        instead, and returns False (nothing ran in the cron)."""
        self.ensure_one()
        done = self._qoo10_isolated(partial(self._qoo10_cron_work, kind))
        if done is None:  # busy in another process: nothing to note
            return False
        if not done and kind == "import":
            self._qoo10_note_import(error=self.last_error)
        return done

    def _qoo10_cron_work(self, kind):
        """This shop's scheduled work of ``kind`` ("import", "confirm", "tracking",
        "claims"; the stock addon adds "stock"): ``_qoo10_cron_work_<kind>()``.

        One process at a time per shop and kind (a transaction-level advisory lock):
        another that comes while it runs steps aside (Qoo10Busy), and the next run
        does what is left, so two processes never send the same thing at once."""
        self._qoo10_lock_work(kind)
        return getattr(self, f"_qoo10_cron_work_{kind}")()

    def _qoo10_lock_work(self, kind):
        """Take this shop's lock for the work of ``kind`` until the transaction ends,
        or raise Qoo10Busy when another process holds it (the crons and the buttons
        that do the same work share it)."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)",
            [
                zlib.crc32(f"qoo10.{LOCK_AS.get(kind, kind)}".encode()) & 0x7FFFFFFF,
                self.id,
            ],
        )
        if not self.env.cr.fetchone()[0]:
            raise Qoo10Busy(
                self.env._(
                    "The Qoo10 shop %s is already running this work in another "
                    "process; the next run does what is left.",
                    self.name,
                )
            )

    def _qoo10_cron_work_import(self):
        """One import window (it sends the confirmations too); True while behind."""
        importer = self._qoo10_order_import()
        if window := importer.next_window():
            orders = importer.import_window(*window)
            self._qoo10_note_import(orders, report=importer.report)
        return importer.catching_up()

    def _qoo10_cron_work_confirm(self):
        self._qoo10_send_confirmations()

    def _qoo10_cron_work_tracking(self):
        self._qoo10_send_tracking()

    def _qoo10_cron_work_claims(self):
        self._qoo10_claim_sync().sync()

    def _qoo10_isolated(self, work):
        """Run a cron's ``work`` for this shop on its own savepoint. Whatever fails is
        rolled back, kept on the shop (`last_error`) and logged; returns success.

        Work that meets a concurrent run (another process busy with the same shop: a
        lock, a serialization failure, a deadlock) is rolled back too, but it is no
        error of the shop: it is logged as information and returns None; the next run
        does it."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                work()
        except Exception as error:  # noqa: BLE001 - one shop must not stop the others
            if _concurrent(error):
                _logger.info("Qoo10 shop %s: busy in another run: %r", self.id, error)
                return None
            return self._qoo10_isolated_failed(error)
        if self.last_error:
            self.last_error = False
        return True

    def _qoo10_isolated_failed(self, error):
        """Keep a failed work's error on the shop and in the log; returns False."""
        log = _logger.warning if isinstance(error, UserError) else _logger.exception
        log("Qoo10 shop %s: scheduled work stopped: %s", self.id, error)
        cause = error.__cause__
        if isinstance(cause, (Qoo10AuthError, Qoo10PermissionError)):
            self._qoo10_note_auth_problem(cause)  # rolled back with the work
        self.last_error = mappers.storable(str(error))
        return False

    # ------------------------------------------------------------------
    # Helpers of the components
    # ------------------------------------------------------------------
    def _qoo10_local(self, value):
        """Naive UTC (Odoo) -> aware datetime in the shop's time zone."""
        return value.replace(tzinfo=ZoneInfo("UTC")).astimezone(
            ZoneInfo(self.tz or "UTC")
        )

    @staticmethod
    def _qoo10_rows_excerpt(rows):
        """The first rows as Qoo10 sent them, short enough for a message."""
        return json.dumps(
            mappers.storable([row.raw for row in rows[:3]]),
            ensure_ascii=False,
            default=str,
        )[:1000]

    def _qoo10_note_unreadable_rows(self, rows):
        """Entries of Qoo10's answer that are not records (a string, a number): say so
        on the shop, with the first of them; the other rows are imported."""
        self.message_post(
            body=_(
                "Qoo10 sent %(count)s order rows that are not records (JSON objects) "
                "but plain values; they were not imported, the other rows were. If it "
                "happens again, send these values to Qoo10's support: %(rows)s",
                count=len(rows),
                rows=self._qoo10_rows_excerpt(rows),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _qoo10_note_unbound_rows(self, rows):
        """Rows whose cart or order number cannot be a key: say so on the shop."""
        self.message_post(
            body=_(
                "Qoo10 sent %(count)s order rows without a usable cart or order number "
                "(missing, longer than 100 characters, or with a NUL character); they were "
                "not imported. First rows: %(rows)s",
                count=len(rows),
                rows=self._qoo10_rows_excerpt(rows),
            ),
            subtype_xmlid="mail.mt_note",
        )
