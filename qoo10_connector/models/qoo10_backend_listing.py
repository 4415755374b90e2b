# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A shop's Qoo10 catalogue: "Import Qoo10 listings" and the cron that does the work."""

import logging

from odoo import api, fields, models

from ..components.listing_import import ListingImport
from ..components.listing_matcher import ListingMatcher

_logger = logging.getLogger(__name__)


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    listing_ids = fields.One2many("qoo10.listing", "backend_id")
    listing_count = fields.Integer(compute="_compute_listing_count")
    listing_run = fields.Integer(readonly=True, copy=False)
    listing_phase = fields.Selection(
        [("pages", "Reading the item list"), ("details", "Reading items and options")],
        string="Listing import",
        readonly=True,
        copy=False,
        help="Set while an import of the Qoo10 listings runs in the background.",
    )
    listing_status = fields.Char(readonly=True, copy=False)
    listing_page = fields.Integer(readonly=True, copy=False)
    listing_started_at = fields.Datetime(readonly=True, copy=False)
    listing_done_at = fields.Datetime(
        string="Listings imported on", readonly=True, copy=False
    )

    def _compute_listing_count(self):
        counts = dict(
            self.env["qoo10.listing"]._read_group(
                [("backend_id", "in", self.ids), ("gone", "=", False)],
                ["backend_id"],
                ["__count"],
            )
        )
        for backend in self:
            backend.listing_count = counts.get(backend, 0)

    # ------------------------------------------------------------------
    # The components
    # ------------------------------------------------------------------
    def _qoo10_listing_import(self):
        return ListingImport(self)

    def _qoo10_listing_matcher(self):
        return ListingMatcher(self)

    # ------------------------------------------------------------------
    # Button and cron
    # ------------------------------------------------------------------
    def action_import_listings(self):
        """Start reading every Qoo10 item of the shop; the cron does it in steps."""
        self.check_access("write")  # a manager's button, whoever calls it
        for backend in self:
            if not backend.listing_phase:
                backend._qoo10_listing_import().start()
        self.env.ref("qoo10_connector.ir_cron_qoo10_import_listings")._trigger()
        if len(self) != 1:
            return True
        return self._qoo10_notification(
            self.env._(
                "The Qoo10 listings are being imported in the background; the shop's "
                "chatter says when it is done."
            ),
            "info",
        )

    @api.model
    def _cron_import_listings(self):
        """One step per shop with an import under way; returns the work left."""
        backends = self.search(
            [("listing_phase", "!=", False)]
        )._qoo10_active_backends()
        done = remaining = 0
        for backend in backends:
            importer = backend._qoo10_listing_import()
            if backend._qoo10_isolated(importer.step):
                done += 1
                remaining += importer.remaining()
            if importer.aborted:  # after the step: _qoo10_isolated clears last_error
                backend.last_error = importer.aborted
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return remaining

    def _qoo10_note_listing_run(self, gone, rows):
        self.ensure_one()
        listings = self.env["qoo10.listing"].search(
            [("backend_id", "=", self.id), ("import_run", "=", self.listing_run)]
        )
        states = rows.mapped("map_state")
        self.message_post(
            body=self.env._(
                "Qoo10 listings imported: %(count)s items (%(errors)s could not be read), "
                "%(gone)s no longer on Qoo10. Codes: %(mapped)s mapped, %(unmapped)s "
                "unmapped, %(conflicts)s conflicting.",
                count=len(listings),
                errors=len(listings.filtered(lambda x: x.read_state == "error")),
                gone=len(gone),
                mapped=states.count("mapped"),
                unmapped=states.count("unmapped"),
                conflicts=states.count("conflict"),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def action_view_listings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qoo10_connector.action_qoo10_listing"
        )
        action["domain"] = [("backend_id", "=", self.id)]
        action["context"] = {"default_backend_id": self.id}
        return action

    def action_view_listing_codes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qoo10_connector.action_qoo10_listing_option"
        )
        action["domain"] = [("backend_id", "=", self.id)]
        return action
