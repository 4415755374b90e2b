"""Claim sync: Qoo10's claims of one shop since its claim point, applied to its lines."""

from datetime import timedelta

from odoo import fields

from ..qapi import Qoo10Error, const
from .order_import import IMPORT_OVERLAP, MAX_IMPORT_SPAN


class ClaimSync:
    """The claim sync of one shop (GetClaimInfo_V3 by request date, QAPI.md §8.1)."""

    def __init__(self, backend):
        backend.ensure_one()
        self.backend = backend
        self.env = backend.env

    def sync(self):
        """Apply the claims requested since ``claims_from``; returns the lines changed."""
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
            if line and line.claim_status != claim.claim_status:
                line._qoo10_apply_claim(claim)
                touched |= line
        self.backend.claims_from = now
        return touched

    def fetch(self, now):
        backend = self.backend
        since = backend.claims_from or now - timedelta(days=7)
        start = max(since, now - MAX_IMPORT_SPAN) - IMPORT_OVERLAP
        try:
            return backend._qoo10_client().get_claims(
                backend._qoo10_local(start),
                backend._qoo10_local(now),
                condition=const.CLAIM_CONDITION_REQUEST_DATE,
            )
        except Qoo10Error as error:
            backend._qoo10_raise(error)
