# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Cancellations: a cancelled Qoo10 line leaves the order lists and shows up as a claim."""

import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..qapi import Qoo10Error
from .qoo10_backend import IMPORT_OVERLAP, MAX_IMPORT_SPAN

_logger = logging.getLogger(__name__)

# Claim codes (QAPI.md 8.1) that end a line for good.
CANCELLED = (3, 16)
CLAIM_CONDITION_REQUEST_DATE = 2


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    def action_sync_claims(self):
        """Read Qoo10's claims since `claims_from` and apply the cancellations."""
        self.ensure_one()
        lines = self._qoo10_sync_claims()
        return self._qoo10_notification(
            _("%s Qoo10 order lines updated from claims.", len(lines)), "success"
        )

    def _qoo10_sync_claims(self):
        self.ensure_one()
        now = fields.Datetime.now()
        start = (
            max(self.claims_from or now - timedelta(days=7), now - MAX_IMPORT_SPAN)
            - IMPORT_OVERLAP
        )
        try:
            claims = self._qoo10_client().get_claims(
                self._qoo10_local(start),
                self._qoo10_local(now),
                condition=CLAIM_CONDITION_REQUEST_DATE,
            )
        except Qoo10Error as error:
            self._qoo10_raise(error)
        lines = self.env["qoo10.order.line"].search(
            [
                ("backend_id", "=", self.id),
                ("order_no", "in", [claim.order_no for claim in claims]),
            ]
        )
        by_order_no = {line.order_no: line for line in lines}
        touched = self.env["qoo10.order.line"]
        for claim in claims:
            line = by_order_no.get(claim.order_no)
            if line and line.claim_status != claim.claim_status:
                line._qoo10_apply_claim(claim)
                touched |= line
        self.claims_from = now
        return touched

    @api.model
    def _cron_sync_claims(self):
        for backend in self.search(
            [("auto_import_orders", "=", True)]
        )._qoo10_active_backends():
            try:
                backend._qoo10_sync_claims()
            except UserError as error:  # one shop's failure must not stop the others
                _logger.warning(
                    "Qoo10 claims of shop %s not synced: %s", backend.id, error
                )
