# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
""" "Import Qoo10 listings": every item of every status and its options, in cron-sized steps.

A run is numbered (``listing_run`` on the shop). Its first step reads every list page of
every status (GetAllGoodsInfo takes one status a call; only codes, a few calls for
thousands of items) and only then writes them, marking each item seen by this run: a page
Qoo10 answers wrongly leaves nothing half-written. Then, a few chunks of items per step,
the detail and options of each item are read (a few items at a time, over one session; the
next chunk is read while one is written) and written on one savepoint for the chunk; if
the chunk fails it is written again item by item, so that the bad item gets its error and
the others are kept. Last it marks the items
this run did not see as gone and proposes mappings.
"""

import logging
from concurrent.futures import ThreadPoolExecutor

from odoo import fields

from .. import mappers
from ..models.qoo10_errors import qoo10_error_message
from ..models.qoo10_listing_option import KIND_ITEM
from ..qapi import (
    Item,
    Qoo10AuthError,
    Qoo10Error,
    Qoo10PermissionError,
    Qoo10TransientError,
    const,
)

_logger = logging.getLogger(__name__)

# Items read and written per chunk (one savepoint), chunks per cron step, and items read
# at the same time (threads that only speak HTTP; the shop's throttle still spaces the
# calls). The first two can be changed by the system parameters
# qoo10_connector.listing_chunk and qoo10_connector.listing_readers.
DETAILS_PER_CHUNK = 200
CHUNKS_PER_STEP = 5
READERS = 4
# Errors that are about the shop or the connection, not about one item: the step stops
# (and is done again by the next run of the cron) instead of blaming every item.
SHOP_ERRORS = (Qoo10TransientError, Qoo10AuthError, Qoo10PermissionError)


def _status(code):
    return code if code in const.ITEM_STATUS else False


class ListingImport:
    def __init__(self, backend):
        self.backend = backend
        self.env = backend.env
        self.Listing = self.env["qoo10.listing"]
        self.aborted = False  # the run's stop message, when Qoo10's list was unreadable

    # ------------------------------------------------------------------
    # The run
    # ------------------------------------------------------------------
    def start(self):
        self.backend.write(
            {
                "listing_run": self.backend.listing_run + 1,
                "listing_phase": "pages",
                "listing_status": const.ITEM_STATUSES_READ[0],
                "listing_page": 1,
                "listing_started_at": fields.Datetime.now(),
            }
        )

    def step(self):
        """One unit of work (a list page, or a batch of items); True while work remains."""
        if self.backend.listing_phase == "pages":
            self._read_page()
        elif self.backend.listing_phase == "details":
            self._read_details()
        return bool(self.backend.listing_phase)

    def run(self):
        """The whole import in one go (small shops, tests); the cron does it in steps."""
        self.start()
        while self.step():
            pass

    def remaining(self):
        if not self.backend.listing_phase:
            return 0
        return 1 + self.Listing.search_count(self._pending_domain())

    def _pending_domain(self):
        return [
            ("backend_id", "=", self.backend.id),
            ("import_run", "=", self.backend.listing_run),
            ("read_state", "=", "pending"),
        ]

    # ------------------------------------------------------------------
    # Phase 1: the list, every status and page, written once all are read
    # ------------------------------------------------------------------
    def _read_page(self):
        backend = self.backend
        items = []
        try:
            for answer in backend._qoo10_client().iter_item_pages():
                if answer.refused:
                    _logger.info(
                        "Qoo10 shop %s: status %s refused: %s",
                        backend.id,
                        answer.status,
                        answer.refused,
                    )
                items.extend(answer.items)
        except SHOP_ERRORS:
            raise  # the connection or the shop: the next run of the cron tries again
        except Qoo10Error as error:
            self._abort(error)
            return
        self._upsert(items)
        backend.write(
            {"listing_phase": "details", "listing_status": False, "listing_page": 0}
        )

    def _abort(self, error):
        """Qoo10 answered the list with something that is not a list (not JSON, ...):
        the run stops, nothing of it written, and the shop says why."""
        backend = self.backend
        self.aborted = self.env._(
            "The import of the Qoo10 listings stopped: %(error)s Nothing was changed; "
            "start it again once Qoo10 answers normally.",
            error=qoo10_error_message(self.env, error, backend),
        )
        _logger.warning("Qoo10 shop %s: listing import stopped: %s", backend.id, error)
        backend.write({"listing_phase": False, "listing_status": False})
        backend.message_post(body=self.aborted, subtype_xmlid="mail.mt_note")

    def _upsert(self, items):
        rows = {}
        for item in items:
            if item.item_code:
                rows.setdefault(item.item_code, item)  # first status wins
        if len(rows) < len(items):
            _logger.info(
                "Qoo10 shop %s: %s list rows without an item number or repeated",
                self.backend.id,
                len(items) - len(rows),
            )
        run = self.backend.listing_run
        existing = self.Listing.search(
            [("backend_id", "=", self.backend.id), ("item_code", "in", list(rows))]
        )
        existing.write({"import_run": run, "read_state": "pending", "gone": False})
        for listing in existing:
            values = self._list_values(rows.pop(listing.item_code))
            changed = {k: v for k, v in values.items() if listing[k] != v}
            if changed:
                listing.write(changed)
        self.Listing.create(
            [
                dict(
                    self._list_values(item),
                    item_code=code,
                    backend_id=self.backend.id,
                    import_run=run,
                )
                for code, item in rows.items()
            ]
        )

    @staticmethod
    def _list_values(item):
        return {
            "seller_item_code": item.seller_code or False,
            "status": _status(item.status),
            "raw_list": mappers.storable(item.raw),
        }

    # ------------------------------------------------------------------
    # Phase 2: each item's detail and options, a chunk of items per savepoint
    # ------------------------------------------------------------------
    def _param(self, name, default):
        value = self.env["ir.config_parameter"].sudo().get_param(name, default)
        try:
            return max(1, int(value))
        except ValueError:
            return default

    def _read_details(self):
        """Up to CHUNKS_PER_STEP chunks of pending items: while a chunk is written, the
        next one is read (a thread that only speaks HTTP; the ORM stays here)."""
        size = self._param("qoo10_connector.listing_chunk", DETAILS_PER_CHUNK)
        listings = self.Listing.search(
            self._pending_domain(), limit=size * CHUNKS_PER_STEP, order="id"
        )
        if not listings:
            self._finish()
            return
        chunks = [listings[n : n + size] for n in range(0, len(listings), size)]
        client = self.backend._qoo10_client()
        workers = self._param("qoo10_connector.listing_readers", READERS)
        with ThreadPoolExecutor(max_workers=1) as ahead:

            def read(chunk):
                rows = [self._list_item(listing) for listing in chunk]
                return ahead.submit(client.read_listings, rows, workers=workers)

            pending = read(chunks[0])
            for index, chunk in enumerate(chunks):
                reads = pending.result()
                failed = next((r for r in reads if isinstance(r, SHOP_ERRORS)), None)
                if failed and not index:
                    raise failed
                if failed:  # what is written stays; the next step starts here
                    _logger.info("Qoo10 listings: step stopped: %s", failed)
                    return
                if index + 1 < len(chunks):
                    pending = read(chunks[index + 1])
                self._write_chunk(chunk, reads)

    @staticmethod
    def _list_item(listing):
        return Item(
            item_code=listing.item_code,
            seller_code=listing.seller_item_code or "",
            status=listing.status or "",
        )

    def _write_chunk(self, listings, reads):
        """One savepoint for the chunk; item by item when it fails as a whole."""
        try:
            with self.env.cr.savepoint():
                self._apply(listings, reads)
        except Exception:  # noqa: BLE001 - item by item below: each error on its item
            _logger.info("Qoo10 listings: chunk written again item by item")
            for listing, read in zip(listings, reads, strict=True):
                self._apply_one(listing, read)

    def _apply_one(self, listing, read):
        try:
            with self.env.cr.savepoint():
                self._apply(listing, [read])
        except Exception as error:  # noqa: BLE001 - one bad item must not stop the others
            _logger.info("Qoo10 listing %s not stored: %s", listing.item_code, error)
            self._set_error(listing, error)

    def _set_error(self, listing, error):
        listing.write({"read_state": "error", "read_error": self._error_text(error)})

    def _error_text(self, error):
        if isinstance(error, Qoo10Error):
            return qoo10_error_message(self.env, error, self.backend)
        return self.env._(
            "What Qoo10 sent for this item could not be stored: %s",
            mappers.storable(str(error)),
        )

    def _apply(self, listings, reads):
        """Write what was read for ``listings`` (reads in the same order): one write for
        what all have in common, a write per listing or row only where a value changed,
        one create for every new option row."""
        read_ok = listings.browse(
            [
                x.id
                for x, r in zip(listings, reads, strict=True)
                if not isinstance(r, Exception)
            ]
        )
        read_ok.write(
            {
                "read_state": "done",
                "read_error": False,
                "read_at": fields.Datetime.now(),
            }
        )
        to_create, gone = [], []
        for listing, read in zip(listings, reads, strict=True):
            if isinstance(read, Exception):
                _logger.info("Qoo10 listing %s not read: %s", listing.item_code, read)
                self._set_error(listing, read)
                continue
            values = self._detail_values(listing, read)
            changed = {k: v for k, v in values.items() if listing[k] != v}
            if changed:
                listing.write(changed)
            if read.detail_read:
                self._sync_rows(listing, self._row_values(read), to_create, gone)
        Row = self.env["qoo10.listing.option"]
        if to_create:
            Row.create(to_create)
        if gone:
            Row.browse(gone).write({"gone": True})

    def _detail_values(self, listing, read):
        if not read.detail_read:
            return {
                "read_error": self.env._(
                    "Qoo10 shows no detail for this item (status %(status)s). "
                    "%(message)s",
                    status=listing.status or "?",
                    message=read.message or "",
                )
            }
        item = read.item
        return {
            "seller_item_code": item.seller_code or listing.seller_item_code,
            "title": item.title,
            "status": _status(item.status) or listing.status,
            "price": float(item.price),
            "qty": item.qty or 0,
            "has_options": read.has_options,
            "raw_detail": mappers.storable(item.raw),
        }

    @staticmethod
    def _row_values(read):
        if read.has_options:
            options = list(read.options)
        else:
            item = read.item
            options = [Item(price=item.price, qty=item.qty or 0, raw={})]
        rows = []
        for sequence, option in enumerate(options + list(read.single_options)):
            kind = getattr(option, "kind", KIND_ITEM)
            rows.append(
                {
                    "kind": kind,
                    "sequence": sequence,
                    "option_name": getattr(option, "option_name", "") or False,
                    "option_value": getattr(option, "option_value", "") or False,
                    "option_code": getattr(option, "option_code", "") or False,
                    "price": float(option.price),
                    "qty": option.qty or 0,
                    "raw": mappers.storable(option.raw) or False,
                    "gone": False,
                }
            )
        return rows

    @staticmethod
    def _row_key(values):
        return (
            values["kind"],
            values["option_name"] or "",
            values["option_value"] or "",
        )

    def _sync_rows(self, listing, rows, to_create, gone):
        existing = {self._row_key(r): r for r in listing.option_ids}
        for values in rows:
            row = existing.pop(self._row_key(values), None)
            if row is None:
                to_create.append(dict(values, listing_id=listing.id))
                continue
            changed = {k: v for k, v in values.items() if row[k] != v}
            if changed:
                row.write(changed)
        gone.extend(row.id for row in existing.values() if not row.gone)

    # ------------------------------------------------------------------
    # Phase 3: what Qoo10 no longer returns, then the mapping proposals
    # ------------------------------------------------------------------
    def _finish(self):
        backend = self.backend
        gone = self.Listing.search(
            [
                ("backend_id", "=", backend.id),
                ("import_run", "!=", backend.listing_run),
                ("gone", "=", False),
            ]
        )
        gone.write({"gone": True})
        gone.option_ids.write({"gone": True})
        rows = backend._qoo10_listing_matcher().propose()
        backend.write(
            {"listing_phase": False, "listing_done_at": fields.Datetime.now()}
        )
        backend._qoo10_note_listing_run(gone, rows)
