# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""OCA's statement creation, for a Qoo10 layout, at the size of a QSM export.

``_create_bank_statements`` of account_statement_import_file looks each row's unique
import id up with a search of its own and creates the statement with every line in one
call; account_statement_import_sheet_file then sets the closing balance. For a Qoo10
file the rows already imported are found with one search, and the lines are created
``IMPORT_CHUNK`` at a time, the cache emptied between chunks (so that memory stays
bounded with 20,000 rows); the statement's opening balance is computed again once all
its lines exist, then its closing balance set, as OCA's one call would leave them. When
the company keeps no audit trail, the journal entries of the lines are created without
chatter (Odoo's ``tracking_disable``, as the matching does). Other layouts: OCA's code.
"""

from odoo import models
from odoo.tools import split_every

IMPORT_CHUNK = 1000


class AccountStatementImport(models.TransientModel):
    _inherit = "account.statement.import"

    def _create_bank_statements(self, stmts_vals, result):
        if not self.sheet_mapping_id.qoo10_layout:
            return super()._create_bank_statements(stmts_vals, result)
        existing = self._qoo10_imported_ids(stmts_vals)
        statement_ids, ignored = [], 0
        for st_vals in stmts_vals:
            new = []
            for lvals in st_vals["transactions"]:
                if lvals.get("unique_import_id") in existing:
                    ignored += 1
                    if "balance_start" in st_vals:
                        st_vals["balance_start"] += float(lvals["amount"])
                else:
                    new.append(lvals)
            if new:
                statement_ids.append(self._qoo10_create_statement(st_vals, new))
        if not statement_ids:
            return False
        result["statement_ids"].extend(statement_ids)
        if ignored == 1:
            result["notifications"].append(
                self.env._("1 transaction had already been imported and was ignored.")
            )
        elif ignored:
            result["notifications"].append(
                self.env._(
                    "%d transactions had already been imported and were ignored.",
                    ignored,
                )
            )
        return True

    def _qoo10_imported_ids(self, stmts_vals):
        """The unique import ids of these transactions already on a statement line."""
        ids = [
            lvals["unique_import_id"]
            for st_vals in stmts_vals
            for lvals in st_vals["transactions"]
            if lvals.get("unique_import_id")
        ]
        lines = self.env["account.bank.statement.line"].sudo()
        existing = set()
        for chunk in split_every(5000, ids, list):
            found = lines.search_fetch(
                [("unique_import_id", "in", chunk)], ["unique_import_id"]
            )
            existing.update(found.mapped("unique_import_id"))
        return existing

    def _qoo10_create_statement(self, st_vals, lines_vals):
        """The statement with ``lines_vals``, created a chunk at a time: its id."""
        if not lines_vals[0].get("sequence"):
            for seq, vals in enumerate(lines_vals, start=1):
                vals["sequence"] = seq
        st_vals.pop("transactions", None)
        context = dict(st_vals.pop("creation_context", {}))
        journal = self.env["account.journal"].browse(st_vals.get("journal_id"))
        if not journal.company_id.check_account_audit_trail:
            context.setdefault("tracking_disable", True)
        chunks = list(split_every(IMPORT_CHUNK, lines_vals, list))
        statement = (
            self.env["account.bank.statement"]
            .with_context(**context)
            .create(dict(st_vals, line_ids=[[0, False, vals] for vals in chunks[0]]))
        )
        statement_id = statement.id
        for chunk in chunks[1:]:
            self._qoo10_next_chunk()
            self.env["account.bank.statement.line"].with_context(**context).create(
                [dict(vals, statement_id=statement_id) for vals in chunk]
            )
        statement = self.env["account.bank.statement"].browse(statement_id)
        if len(chunks) > 1 and "balance_start" not in st_vals:
            # computed when the first chunk was created: again, with every line
            self.env.add_to_compute(statement._fields["balance_start"], statement)
        if "balance_end_real" not in st_vals:
            statement.balance_end_real = statement.balance_start + sum(
                float(vals["amount"]) for vals in lines_vals
            )
        return statement_id

    def _qoo10_next_chunk(self):
        """Write what the chunk before changed and empty the cache (bounded memory)."""
        self.env["account.bank.statement.line"]._qoo10_next_chunk()
