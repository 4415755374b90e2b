# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
""" "Import Qoo10 listings": every item of every status and its options, in cron-sized steps.

A run is numbered (``listing_run`` on the shop). Step by step it reads the list pages of
each status (GetAllGoodsInfo takes one status a call), marking each item seen by this run,
then the detail and options of the items seen, a batch per step, each item on its own
savepoint; last it marks the items this run did not see as gone and proposes mappings.
"""

import logging

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

DETAILS_PER_STEP = 50
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
    # Phase 1: the list, one status and page at a time
    # ------------------------------------------------------------------
    def _read_page(self):
        backend = self.backend
        status, page = backend.listing_status, backend.listing_page
        answer = backend._qoo10_client().get_items_page(status, page)
        if answer.refused:
            _logger.info(
                "Qoo10 shop %s: status %s refused: %s",
                backend.id,
                status,
                answer.refused,
            )
        self._upsert(answer.items)
        if answer.items and page < answer.total_pages:
            backend.listing_page = page + 1
            return
        statuses = const.ITEM_STATUSES_READ
        following = statuses[statuses.index(status) + 1 :] if status in statuses else ()
        if following:
            backend.write({"listing_status": following[0], "listing_page": 1})
        else:
            backend.write({"listing_phase": "details", "listing_status": False})

    def _upsert(self, items):
        rows = {item.item_code: item for item in items if item.item_code}
        if len(rows) < len(items):
            _logger.warning(
                "Qoo10 shop %s: %s list rows without an item number",
                self.backend.id,
                len(items) - len(rows),
            )
        existing = self.Listing.search(
            [("backend_id", "=", self.backend.id), ("item_code", "in", list(rows))]
        )
        run = self.backend.listing_run
        for listing in existing:
            item = rows.pop(listing.item_code)
            values = self._list_values(item)
            changed = {k: v for k, v in values.items() if listing[k] != v}
            listing.write(
                dict(changed, import_run=run, read_state="pending", gone=False)
            )
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
    # Phase 2: each item's detail and options, each item on its own savepoint
    # ------------------------------------------------------------------
    def _read_details(self):
        listings = self.Listing.search(
            self._pending_domain(), limit=DETAILS_PER_STEP, order="id"
        )
        if not listings:
            self._finish()
            return
        client = self.backend._qoo10_client()
        for listing in listings:
            self._read_one(client, listing)

    def _read_one(self, client, listing):
        row = Item(
            item_code=listing.item_code,
            seller_code=listing.seller_item_code or "",
            status=listing.status or "",
        )
        try:
            with self.env.cr.savepoint():
                self._apply(listing, client.read_listing(row))
        except SHOP_ERRORS:
            raise
        except Exception as error:  # noqa: BLE001 - one bad item must not stop the others
            _logger.info("Qoo10 listing %s not read: %s", listing.item_code, error)
            listing.write(
                {"read_state": "error", "read_error": self._error_text(error)}
            )

    def _error_text(self, error):
        if isinstance(error, Qoo10Error):
            return qoo10_error_message(self.env, error, self.backend)
        return self.env._(
            "What Qoo10 sent for this item could not be stored: %s",
            mappers.storable(str(error)),
        )

    def _apply(self, listing, read):
        values = {
            "read_state": "done",
            "read_error": False,
            "read_at": fields.Datetime.now(),
        }
        if not read.detail_read:
            values["read_error"] = self.env._(
                "Qoo10 shows no detail for this item (status %(status)s). %(message)s",
                status=listing.status or "?",
                message=read.message or "",
            )
            listing.write(values)
            return
        item = read.item
        values.update(
            seller_item_code=item.seller_code or listing.seller_item_code,
            title=item.title,
            status=_status(item.status) or listing.status,
            price=float(item.price),
            qty=item.qty or 0,
            has_options=read.has_options,
            raw_detail=mappers.storable(item.raw),
        )
        listing.write(values)
        self._sync_rows(listing, self._row_values(read))

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

    def _sync_rows(self, listing, rows):
        existing = {self._row_key(r): r for r in listing.option_ids}
        to_create = []
        for values in rows:
            row = existing.pop(self._row_key(values), None)
            if row is None:
                to_create.append(dict(values, listing_id=listing.id))
                continue
            changed = {k: v for k, v in values.items() if row[k] != v}
            if changed:
                row.write(changed)
        if to_create:
            self.env["qoo10.listing.option"].create(to_create)
        gone = [row.id for row in existing.values() if not row.gone]
        self.env["qoo10.listing.option"].browse(gone).write({"gone": True})

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
