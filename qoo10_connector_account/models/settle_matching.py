# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The connector's matching of Qoo10 statement lines, on OCA's reconciliation engine.

A 決済 row is matched to the open Qoo10 receivable of its cart (the clearing-account
line of the payment Qoo10 made on the buyer's behalf, memo = cart number) found through
its order number; the seller discount of the row goes to the seller-coupon write-off,
the rest of the difference, up to the shop's tolerance, to the service-fee write-off
(OCA reconcile models, fee tax included). キャンセル / 返品 / 払い戻し rows match the
open refund payment of a credit note, else go to the refund write-off; カート割引 and
メガ割 rows go to the seller-coupon write-off. Anything else stays open in OCA's
reconciliation screen, with the reason in ``qoo10_settle_note``.
"""

import logging

from odoo import models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round, split_every

from .. import settle_columns as sc

_logger = logging.getLogger(__name__)


SETTLE_CHUNK = 200


class Qoo10SettleOpen(Exception):
    """The line stays open; the message says why."""


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    def action_qoo10_settle_match(self):
        """Match the selected Qoo10 lines again (after a fix: an invoice paid, a setting)."""
        self._qoo10_settle_match()

    def _qoo10_settle_match(self):
        """Match every Qoo10 line; a line that cannot be matched keeps its reason.

        決済 rows of one-line carts are matched in batches (``settle_batch.py``), every
        other line one by one through OCA's reconciliation of the line."""
        lines = self.filtered(lambda st: st.qoo10_event and not st.is_reconciled)
        batchable = lines._qoo10_batchable()
        found = batchable._qoo10_batch_receivables()
        rest = (lines - batchable).ids
        for chunk in split_every(SETTLE_CHUNK, batchable.ids, self.browse):
            chunk._qoo10_batch_context()._qoo10_settle_match_batch(found)
            chunk._qoo10_next_chunk()
        self.browse(rest)._qoo10_settle_match_rows()

    def _qoo10_settle_match_rows(self):
        """Match the lines one by one, each in its own savepoint."""
        for line in self:
            try:
                with self.env.cr.savepoint():
                    note = line._qoo10_settle_match_one()
                values = {"qoo10_settle_state": "matched", "qoo10_settle_note": note}
            except Qoo10SettleOpen as reason:
                values = {
                    "qoo10_settle_state": "open",
                    "qoo10_settle_note": str(reason),
                }
            except (UserError, ValidationError) as error:
                _logger.info("Qoo10 statement line %s left open: %s", line.id, error)
                values = {"qoo10_settle_state": "open", "qoo10_settle_note": str(error)}
            line.write(values)

    def _qoo10_settle_match_one(self):
        self.ensure_one()
        backend = self.qoo10_backend_id
        if not backend:
            raise Qoo10SettleOpen(
                self.env._("No Qoo10 shop has this journal as its QxMoney journal.")
            )
        if self.journal_id != backend.qxmoney_journal_id:
            return self._qoo10_match_payout_receipt(backend)
        if self.qoo10_event in ("payout", "transfer_fee"):
            model = backend._qoo10_settle_model(
                "transfer" if self.qoo10_event == "payout" else "transfer_fee"
            )
            self._qoo10_reconcile([], [(model, None)])
            return self.env._(
                "Booked to %(account)s.", account=model.line_ids.account_id.display_name
            )
        if self.qoo10_event in ("cart_coupon", "promotion"):
            self._qoo10_reconcile([], [(backend._qoo10_settle_model("coupon"), None)])
            return self.env._("Booked to the seller coupon account.")
        if not self.qoo10_order_line_id:
            raise Qoo10SettleOpen(
                self.env._(
                    "Order number %(order)s is not a Qoo10 order of the shop %(shop)s.",
                    order=self.qoo10_order_no or "-",
                    shop=backend.name,
                )
            )
        receivables = self._qoo10_open_receivables(backend)
        if not receivables:
            return self._qoo10_settle_without_receivable(backend)
        return self._qoo10_settle_receivable(backend, receivables)

    def _qoo10_settle_without_receivable(self, backend):
        if self.qoo10_event in sc.REFUND_EVENTS:
            self._qoo10_reconcile([], [(backend._qoo10_settle_model("refund"), None)])
            return self.env._("No refund payment of a credit note: booked as a refund.")
        raise Qoo10SettleOpen(
            self.env._(
                "No open Qoo10 receivable for cart %(cart)s: register the payment of "
                "its invoice in the QxMoney journal with the cart number as memo.",
                cart=self.qoo10_order_line_id.order_id.pack_no,
            )
        )

    def _qoo10_settle_receivable(self, backend, receivables):
        plan = self._qoo10_receivable_plan(backend, receivables)
        self._qoo10_reconcile(plan["counterparts"], plan["writeoffs"])
        self.write(plan["values"])
        return plan["note"]

    def _qoo10_receivable_plan(self, backend, receivables):
        """What matching this line with ``receivables`` books, or Qoo10SettleOpen:
        {counterparts, writeoffs, values (fee and discount booked), note}."""
        currency = self.currency_id
        expected = self._qoo10_expected(receivables)
        settled = abs(self.amount)
        difference = currency.round(expected - settled)
        if currency.compare_amounts(difference, 0) < 0 and self.amount > 0:
            raise Qoo10SettleOpen(
                self.env._(
                    "Qoo10 settled %(settled)s, more than the %(expected)s expected.",
                    settled=settled,
                    expected=expected,
                )
            )
        discount = 0.0
        if self.amount > 0:
            discount = min(self.qoo10_seller_discount, difference)
        fee = difference - discount
        tolerance = float_round(
            expected * backend.qoo10_settle_fee_tolerance / 100, precision_digits=0
        )
        if currency.compare_amounts(abs(fee), tolerance) > 0:
            raise Qoo10SettleOpen(
                self.env._(
                    "The difference of %(fee)s between the %(expected)s expected and the "
                    "%(settled)s settled is more than the fee tolerance (%(pct)s%%).",
                    fee=fee,
                    expected=expected,
                    settled=settled,
                    pct=backend.qoo10_settle_fee_tolerance,
                )
            )
        sign = 1 if self.amount > 0 else -1
        writeoffs = []
        if discount:
            writeoffs.append((backend._qoo10_settle_model("coupon"), sign * discount))
        writeoffs.append((backend._qoo10_settle_model("fee"), None))
        note = self.env._(
            "Matched with cart %(cart)s: expected %(expected)s, fee %(fee)s, seller "
            "discount %(discount)s.",
            cart=self.qoo10_order_line_id.order_id.pack_no,
            expected=expected,
            fee=fee,
            discount=discount,
        )
        return {
            "counterparts": [(receivables, sign * expected)],
            "writeoffs": writeoffs,
            "values": {
                "qoo10_fee_booked": sign * fee,
                "qoo10_discount_booked": sign * discount,
            },
            "note": note,
        }

    def _qoo10_open_receivables(self, backend):
        """Open clearing lines of the cart's payments, on the side of this line."""
        order = self.qoo10_order_line_id.order_id
        account = backend._qoo10_settle_clearing_account()
        payments = self.env["account.payment"].search(
            [
                ("memo", "=", order.pack_no),
                ("journal_id", "=", backend.qxmoney_journal_id.id),
                ("state", "!=", "draft"),
            ]
        )
        payments |= order.sale_order_id.invoice_ids._get_reconciled_payments()
        return payments.move_id.line_ids.filtered(
            lambda aml: (
                aml.account_id == account
                and not aml.reconciled
                and aml.parent_state == "posted"
                and (aml.amount_residual > 0) == (self.amount > 0)
            )
        )

    def _qoo10_expected(self, receivables):
        """What this order line should bring: the cart's whole open amount when it is
        the cart's last line not yet matched, else the line's total (capped)."""
        residual = abs(sum(receivables.mapped("amount_residual")))
        line = self.qoo10_order_line_id
        others = line.order_id.line_ids - line
        if not others:
            return residual
        matched = self.search_count(
            [
                ("qoo10_order_line_id", "in", others.ids),
                ("qoo10_event", "=", self.qoo10_event),
                ("qoo10_settle_state", "=", "matched"),
            ]
        )
        if matched >= len(others):
            return residual
        return min(residual, line.total)

    def _qoo10_reconcile(self, counterparts, writeoffs):
        """Reconcile through OCA: liquidity, ``counterparts`` [(amls, amount)] and
        ``writeoffs`` [(reconcile model, amount or None for the rest)]."""
        data = self._qoo10_reconcile_data(counterparts, writeoffs)
        self.reconcile_mode = self.journal_id.reconcile_mode
        getattr(self, f"_reconcile_bank_line_{self.reconcile_mode}")(data)

    def _qoo10_reconcile_data(self, counterparts, writeoffs):
        """OCA's reconcile data of the line (what its screen would validate)."""
        liquidity, _suspense, _other = self._seek_for_lines()
        data, aux = [], 1
        for line in liquidity:
            aux, lines = self._get_reconcile_line(
                line, "liquidity", reconcile_auxiliary_id=aux, move=True
            )
            data += lines
        for amls, amount in counterparts:
            for aml in amls:
                if self.currency_id.is_zero(amount):
                    break
                aux, lines = self._get_reconcile_line(
                    aml,
                    "other",
                    is_counterpart=True,
                    max_amount=amount,
                    reconcile_auxiliary_id=aux,
                    move=True,
                )
                amount += sum(vals["amount"] for vals in lines)
                data += lines
        for model, amount in writeoffs:
            rest = -sum(vals["amount"] for vals in data)
            lines, aux = self._qoo10_writeoff_lines(
                model, rest if amount is None else amount, aux
            )
            data += lines
        result = self._recompute_suspense_line(data, aux, False)
        if not result["can_reconcile"]:
            raise Qoo10SettleOpen(self.env._("The write-offs do not balance the line."))
        return self._prepare_reconcile_line_data(result["data"])

    def _qoo10_writeoff_lines(self, model, amount, aux):
        """OCA's write-off lines of ``model`` for ``amount`` (positive: a debit)."""
        if self.currency_id.is_zero(amount):
            return [], aux
        data, aux = self._reconcile_data_by_model(
            [{"kind": "qoo10", "amount": -amount}], model, aux
        )
        return data[1:], aux

    def _qoo10_match_payout_receipt(self, backend):
        """A bank line receiving a Qoo10 payout: reconciled with the open internal
        transfer of the same amount booked from the Q account."""
        self.ensure_one()
        transfer = backend._qoo10_settle_transfer_account()
        candidates = self.env["account.move.line"].search(
            [
                ("account_id", "=", transfer.id),
                ("journal_id", "=", backend.qxmoney_journal_id.id),
                ("reconciled", "=", False),
                ("parent_state", "=", "posted"),
                ("amount_residual", "=", self.amount),
            ],
            order="date desc, id",
        )
        if not candidates:
            raise Qoo10SettleOpen(
                self.env._(
                    "No Qoo10 payout of %(amount)s booked from the Q account is waiting.",
                    amount=self.amount,
                )
            )
        nearest = min(candidates, key=lambda aml: abs((aml.date - self.date).days))
        self._qoo10_reconcile([(nearest, self.amount)], [])
        return self.env._("Payout from the Q account of %(date)s.", date=nearest.date)
