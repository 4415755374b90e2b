# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Matching in batches books what OCA's reconciliation of one line books; a failing
chunk is matched again row by row; carts named twice are matched one by one; a file's
statement created a chunk of lines at a time has OCA's balances."""

import base64
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models import settle_matching
from ..wizards import statement_chunks
from .common import Qoo10SettleCase, make_file, sales_row

REFUSAL = "chunk refused"


def booking(st_line):
    """The statement line's journal items as comparable tuples."""
    return sorted(
        (
            aml.account_id.id,
            aml.debit,
            aml.credit,
            tuple(aml.tax_ids.ids),
            aml.tax_line_id.id,
            aml.reconciled,
            aml.reconcile_model_id.id,
        )
        for aml in st_line.move_id.line_ids
    )


@tagged("post_install", "-at_install")
class TestSettlementBatch(Qoo10SettleCase):
    def test_batch_books_as_oca_line_by_line(self):
        orders = self.paid_carts(1100, 1100)
        rows = [
            sales_row(self.first_line_no(order), 900, 販売店負担割引額="100")
            for order in orders
        ]
        batched, by_row = self.import_file(make_file(rows))
        self.assertTrue(batched.is_reconciled and by_row.is_reconciled)
        by_row.unreconcile_bank_line()
        self.assertFalse(by_row.is_reconciled)
        self.assertEqual(self.balance(self.clearing), 1100, "one cart open again")
        by_row._qoo10_settle_match_rows()
        self.assertTrue(by_row.is_reconciled, by_row.qoo10_settle_note)
        self.assertEqual(booking(batched), booking(by_row))
        self.assertEqual(
            len(batched.move_id.line_ids), 5, "bank, cart, coupon, fee, tax"
        )
        for line in batched + by_row:
            self.assertEqual(line.qoo10_fee_booked, 100)
            self.assertEqual(line.qoo10_discount_booked, 100)
            self.assertEqual(line.reconcile_mode, "edit")
            self.assertIn(line.qoo10_pack_no, line.qoo10_settle_note)
        self.assertEqual(self.balance(self.clearing), 0)
        self.assertEqual(self.balance(self.coupon_account), 200)

    def test_failing_chunk_matched_row_by_row(self):
        orders = self.paid_carts(1100, 2200, 3300)
        rows = [
            sales_row(self.first_line_no(order), order.amount_total - 110)
            for order in orders
        ]
        rows.append(sales_row("999999999", 990))
        calls = []
        model = type(self.env["account.bank.statement.line"])
        apply_batch = model._qoo10_apply_batch

        def fail_first(records, plans):
            calls.append(len(plans))
            if len(calls) == 1:
                raise UserError(REFUSAL)
            return apply_batch(records, plans)

        with (
            patch.object(settle_matching, "SETTLE_CHUNK", 2),
            patch.object(model, "_qoo10_apply_batch", fail_first),
        ):
            lines = self.import_file(make_file(rows))
        self.assertEqual(calls, [2, 1], "two chunks of two rows, one is unknown")
        matched = lines.filtered("is_reconciled")
        self.assertEqual(len(matched), 3, lines.mapped("qoo10_settle_note"))
        self.assertEqual(set(matched.mapped("qoo10_settle_state")), {"matched"})
        unknown = lines - matched
        self.assertEqual(unknown.qoo10_settle_state, "open")
        self.assertIn("999999999", unknown.qoo10_settle_note)
        self.assertEqual(self.balance(self.clearing), 0)

    def test_cart_named_twice_matched_row_by_row(self):
        (order,) = self.paid_carts(1100)
        number = self.first_line_no(order)
        rows = [sales_row(number, 990, 商品名="a"), sales_row(number, 990, 商品名="b")]
        lines = self.import_file(make_file(rows))
        self.assertFalse(lines._qoo10_batchable(), "both rows name the same cart")
        self.assertEqual(lines.filtered("is_reconciled"), lines[0])
        self.assertEqual(lines[1].qoo10_settle_state, "open")
        self.assertIn("No open Qoo10 receivable", lines[1].qoo10_settle_note)
        self.assertIn(order.pack_no, lines[1].qoo10_settle_note)

    def test_chatter_of_the_entries_only_with_an_audit_trail(self):
        """The matching writes the journal items' logs ("Journal Item ... created")
        when the company keeps an audit trail, and skips them when it does not."""
        orders = self.paid_carts(1100, 1100)
        self.env = self.env(context=dict(self.env.context, tracking_disable=False))

        def logs(line):
            return line.move_id.message_ids.filtered(
                lambda m: "Journal Item" in (m.body or "")
            )

        without = self.import_file(
            make_file([sales_row(self.first_line_no(orders[0]), 990)])
        )
        self.assertTrue(without.is_reconciled, without.qoo10_settle_note)
        self.assertFalse(logs(without))
        self.company.check_account_audit_trail = True
        kept = (
            self.import_file(make_file([sales_row(self.first_line_no(orders[1]), 990)]))
            - without
        )
        self.assertTrue(kept.is_reconciled, kept.qoo10_settle_note)
        self.assertTrue(logs(kept))

    def test_statement_created_in_chunks(self):
        orders = self.paid_carts(1100, 2200, 3300, 4400)
        rows = [
            sales_row(self.first_line_no(order), order.amount_total - 110, day=day)
            for order, day in zip(
                orders,
                ["2026/11/25", "2026/11/27", "2026/11/28", "2026/11/26"],
                strict=True,
            )
        ]
        self.import_file(make_file(rows[:1]))
        first = self.statement_lines().statement_id
        self.assertEqual(len(first.line_ids), 1)
        wizard = (
            self.env["account.statement.import"]
            .with_context(journal_id=self.journal.id)
            .create(
                {
                    "statement_file": base64.b64encode(make_file(rows)),
                    "statement_filename": "sales.csv",
                    "sheet_mapping_id": self.mapping.id,
                    "qoo10_backend_id": self.backend.id,
                }
            )
        )
        chunks = []
        model = type(wizard)
        next_chunk = model._qoo10_next_chunk

        def counted(records):
            chunks.append(records.ids)
            return next_chunk(records)

        with (
            patch.object(statement_chunks, "IMPORT_CHUNK", 2),
            patch.object(model, "_qoo10_next_chunk", counted),
        ):
            action = wizard.import_file_button()
        self.assertEqual(len(chunks), 1, "a second chunk of lines")
        self.assertIn(
            "1 transaction had already been imported", action["params"]["message"]
        )
        lines = self.statement_lines() - first.line_ids
        statement = lines.statement_id
        self.assertEqual(len(statement), 1, "one statement, three lines in 2 chunks")
        self.assertEqual(lines.mapped("sequence"), [1, 2, 3])
        self.assertEqual(statement.balance_start, first.balance_end_real)
        settled = sum(order.amount_total - 110 for order in orders[1:])
        self.assertEqual(statement.balance_end_real, first.balance_end_real + settled)
        self.assertEqual(statement.balance_end, statement.balance_end_real)
        self.assertTrue(statement.is_complete and statement.is_valid)
        self.assertEqual(statement.qoo10_date_from.day, 26, "the last row's date")
        self.assertTrue(
            all(lines.mapped("is_reconciled")), lines.mapped("qoo10_settle_note")
        )
        self.assertEqual(self.balance(self.clearing), 0)
