"""Claim sync: Qoo10's claims of one shop since its claim point, applied to its lines."""

import logging
from datetime import timedelta

from odoo import fields

from ..qapi import Qoo10Error, const
from .order_import import IMPORT_OVERLAP, MAX_IMPORT_SPAN

_logger = logging.getLogger(__name__)

CONDITIONS = (const.CLAIM_CONDITION_REQUEST_DATE, const.CLAIM_CONDITION_DONE_DATE)


class ClaimSync:
    """The claim sync of one shop (GetClaimInfo_V3 by request and by completion date,
    QAPI.md §8.1): every claim code, applied by its line once per claim status."""

    def __init__(self, backend):
        backend.ensure_one()
        self.backend = backend
        self.env = backend.env

    def sync(self):
        """Apply the claims requested or completed since ``claims_from``; returns the
        lines changed."""
        now = fields.Datetime.now()
        claims = self.fetch(now)
        lines = self.env["qoo10.order.line"].search(
            [
                ("backend_id", "=", self.backend.id),
                ("order_no", "in", [claim.order_no for claim in claims]),
            ]
        )
        by_order_no = {line.order_no: line for line in lines}
        touched = lines.browse()
        for claim in claims:
            line = by_order_no.get(claim.order_no)
            if line and self.is_new(line, claim):
                line._qoo10_apply_claim(claim)
                touched |= line
        self.backend.claims_from = now
        return touched

    @staticmethod
    def is_new(line, claim):
        """A claim status the line does not show yet (a seller's own cancellation comes
        back as the status it already shows); unknown codes are left aside."""
        if claim.claim_status not in const.CLAIM_STATUS:
            _logger.warning(
                "Qoo10 order %s: unknown claim status %r left aside",
                claim.order_no,
                claim.claim_label,
            )
            return False
        return line.claim_status != str(claim.claim_status)

    def fetch(self, now):
        """Claims requested, or completed, since the claim point: a return requested
        long ago and completed now comes by its completion date (QAPI.md §14)."""
        backend = self.backend
        since = backend.claims_from or now - timedelta(days=7)
        start = max(since, now - MAX_IMPORT_SPAN) - IMPORT_OVERLAP
        client = backend._qoo10_client()
        claims = {}
        try:
            for condition in CONDITIONS:
                for claim in client.get_claims(
                    backend._qoo10_local(start),
                    backend._qoo10_local(now),
                    condition=condition,
                ):
                    claims[claim.order_no] = claim
        except Qoo10Error as error:
            backend._qoo10_raise(error, retried=True)
        return list(claims.values())
