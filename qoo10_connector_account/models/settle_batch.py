# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Matching in batches: the 決済 rows of one-line carts, many at a time.

The bookings are exactly those of OCA's reconciliation of one line in its "edit" mode
(``_reconcile_bank_line_edit`` of account_reconcile_oca): the same reconcile data
(``_qoo10_reconcile_data``: counterpart, seller-coupon and service-fee write-offs with
their tax) replaces the suspense line of each statement move, and each counterpart is
reconciled with its clearing line. What changes is how often: the open receivables of
every row are found with one search, the suspense lines of a chunk are deleted and their
replacements created in one call each, the reconciliations made by one reconciliation
plan, and the chunk is flushed once, in a savepoint. When a chunk fails as a whole, its
rows are matched again one by one, so a bad row still gets its own reason.
"""

import logging
from collections import Counter, defaultdict

from odoo import Command, models
from odoo.exceptions import UserError, ValidationError

from .settle_matching import Qoo10SettleOpen

_logger = logging.getLogger(__name__)


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    def _qoo10_batchable(self):
        """決済 rows matched in batches: a received amount, on the Q account of their
        shop in OCA's "edit" mode, of a one-line cart that no other 決済 row of ``self``
        names (the others need the state left by the rows before them)."""
        payments = self.filtered(
            lambda st: (
                st.qoo10_event == "payment"
                and st.amount > 0
                and st.qoo10_order_line_id
                and st.qoo10_backend_id
                and st.journal_id == st.qoo10_backend_id.qxmoney_journal_id
                and st.journal_id.reconcile_mode == "edit"
            )
        )
        carts = Counter(line.qoo10_order_line_id.order_id.id for line in payments)
        return payments.filtered(
            lambda st: (
                carts[st.qoo10_order_line_id.order_id.id] == 1
                and len(st.qoo10_order_line_id.order_id.line_ids) == 1
            )
        )

    def _qoo10_batch_receivables(self):
        """{cart number: open clearing lines} of the payments Qoo10 made for the carts
        of these lines, by memo: one search per shop."""
        found = defaultdict(lambda: self.env["account.move.line"])
        for backend, lines in self.grouped("qoo10_backend_id").items():
            carts = lines.qoo10_order_line_id.order_id.mapped("pack_no")
            amls = self.env["account.move.line"].search(
                [
                    ("account_id", "=", backend._qoo10_settle_clearing_account().id),
                    ("journal_id", "=", backend.qxmoney_journal_id.id),
                    ("reconciled", "=", False),
                    ("parent_state", "=", "posted"),
                    ("move_id.origin_payment_id.memo", "in", carts),
                    ("move_id.origin_payment_id.state", "!=", "draft"),
                ]
            )
            for aml in amls:
                found[aml.move_id.origin_payment_id.memo] |= aml
        return found

    def _qoo10_batch_context(self):
        """The chunk, without chatter when its companies keep no audit trail: the
        logs of each journal item deleted and created ("Journal Item ... created")
        cost a third of the time and nobody reads them on a statement line's move."""
        if any(self.company_id.mapped("check_account_audit_trail")):
            return self
        return self.with_context(tracking_disable=True)

    def _qoo10_next_chunk(self):
        """Write what the chunk changed and empty the cache: memory stays bounded
        however long the file (the next chunk is browsed again by its ids)."""
        self.env.flush_all()
        self.env.invalidate_all()

    def _qoo10_batch_prefetch(self, found):
        """Read what planning the chunk reads, for all its lines at once: the carts,
        their sale orders and invoices, and the open receivables found for them."""
        orders = self.qoo10_order_line_id.order_id
        orders.sale_order_id.invoice_ids.mapped("state")
        mine = {pack: found[pack] for pack in set(orders.mapped("pack_no"))}
        receivables = self.env["account.move.line"].browse(
            [aml_id for amls in mine.values() for aml_id in amls.ids]
        )
        receivables.fetch(
            ["amount_residual", "account_id", "reconciled", "parent_state", "move_id"]
        )
        prefetch = receivables._prefetch_ids
        return {pack: amls.with_prefetch(prefetch) for pack, amls in mine.items()}

    def _qoo10_batch_line_receivables(self, found):
        """The line's open receivables as ``_qoo10_open_receivables`` finds them: the
        cart's payments by memo and the payments reconciled with its invoices."""
        order = self.qoo10_order_line_id.order_id
        account = self.qoo10_backend_id._qoo10_settle_clearing_account()
        payments = order.sale_order_id.invoice_ids._get_reconciled_payments()
        extra = payments.move_id.line_ids.filtered(
            lambda aml: (
                aml.account_id == account
                and not aml.reconciled
                and aml.parent_state == "posted"
            )
        )
        return (found[order.pack_no] | extra).filtered(
            lambda aml: aml.amount_residual > 0
        )

    def _qoo10_settle_match_batch(self, found=None):
        """Match these 決済 lines (``_qoo10_batchable``) as one chunk."""
        if found is None:
            found = self._qoo10_batch_receivables()
        found = defaultdict(
            lambda: self.env["account.move.line"], self._qoo10_batch_prefetch(found)
        )
        plans, values = [], {}
        for line in self:
            try:
                plans.append(line._qoo10_batch_plan(found))
            except Qoo10SettleOpen as reason:
                values[line] = {
                    "qoo10_settle_state": "open",
                    "qoo10_settle_note": str(reason),
                }
            except (UserError, ValidationError) as error:
                _logger.info("Qoo10 statement line %s left open: %s", line.id, error)
                values[line] = {
                    "qoo10_settle_state": "open",
                    "qoo10_settle_note": str(error),
                }
        try:
            with self.env.cr.savepoint():
                self._qoo10_apply_batch(plans)
                self.env.flush_all()
        except (UserError, ValidationError) as error:
            _logger.info(
                "Qoo10 batch of %s lines failed (%s): one by one", len(plans), error
            )
            self.env.invalidate_all()
            self.browse([plan["line"].id for plan in plans])._qoo10_settle_match_rows()
            plans = []
        for plan in plans:
            values[plan["line"]] = dict(
                plan["values"],
                qoo10_settle_state="matched",
                qoo10_settle_note=plan["note"],
            )
        for line, vals in values.items():
            line.write(vals)

    def _qoo10_batch_plan(self, found):
        """The line's plan (``_qoo10_receivable_plan``) with OCA's reconcile data."""
        self.ensure_one()
        backend = self.qoo10_backend_id
        receivables = self._qoo10_batch_line_receivables(found)
        if not receivables:
            self._qoo10_settle_without_receivable(backend)
        plan = self._qoo10_receivable_plan(backend, receivables)
        plan["data"] = self._qoo10_reconcile_data(
            plan["counterparts"], plan["writeoffs"]
        )
        plan["line"] = self
        return plan

    def _qoo10_apply_batch(self, plans):
        """OCA's ``_reconcile_bank_line_edit`` for many lines at once."""
        if not plans:
            return
        lines = self.browse([plan["line"].id for plan in plans])
        remove = self.env["account.move.line"]
        for line in lines:
            _liquidity, suspense, other = line._seek_for_lines()
            remove |= suspense | other
        # with or without chatter as the chunk's context says (_qoo10_batch_context)
        moves = lines.move_id
        container = {"records": moves, "self": moves}
        vals_list, counterparts = [], []
        with moves._check_balanced(container):
            moves.with_context(
                skip_account_move_synchronization=True,
                force_delete=True,
                skip_invoice_sync=True,
                skip_readonly_check=True,
            ).write({"line_ids": [Command.delete(aml.id) for aml in remove]})
            for plan in plans:
                for vals in plan["data"]:
                    if vals["kind"] == "liquidity":
                        continue
                    vals_list.append(plan["line"]._reconcile_move_line_vals(vals))
                    counterparts.append(vals.get("counterpart_line_ids"))
            created = (
                self.env["account.move.line"]
                .with_context(
                    check_move_validity=False,
                    skip_sync_invoice=True,
                    skip_invoice_sync=True,
                    validate_analytic=True,
                )
                .create(vals_list)
            )
        AML = self.env["account.move.line"]
        AML._reconcile_plan(
            [
                AML.browse(ids) + aml
                for ids, aml in zip(counterparts, created, strict=True)
                if ids
            ]
        )
        lines.write({"reconcile_mode": "edit"})
