# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""OCA's statement import, for a Qoo10 layout: lines bound to the shop's orders,
matched after import, and an empty file checked against the deliveries."""

from odoo import fields, models
from odoo.exceptions import UserError


class AccountStatementImport(models.TransientModel):
    _inherit = "account.statement.import"

    qoo10_backend_id = fields.Many2one(
        "qoo10.backend",
        string="Qoo10 Shop",
        help="Empty: the shop whose QxMoney journal the file is imported into.",
    )
    qoo10_layout = fields.Selection(related="sheet_mapping_id.qoo10_layout")
    qoo10_date_from = fields.Date(
        string="Period From",
        help="First day the file covers (QSM search dates). Needed for an empty file, "
        "to check it against the Qoo10 orders Odoo delivered.",
    )
    qoo10_date_to = fields.Date(string="Period To")

    def _qoo10_backend(self, journal):
        return self.qoo10_backend_id or self.env["qoo10.backend"].search(
            [("qxmoney_journal_id", "=", journal.id)], limit=1
        )

    def import_single_statement(self, single_statement_data, result):
        if not self.sheet_mapping_id.qoo10_layout:
            return super().import_single_statement(single_statement_data, result)
        _currency, _account, stmts_vals = single_statement_data
        if not any(vals["transactions"] for vals in stmts_vals):
            return self._qoo10_empty_statement(result)
        before = set(result["statement_ids"])
        res = super().import_single_statement(single_statement_data, result)
        statements = self.env["account.bank.statement"].browse(
            [sid for sid in result["statement_ids"] if sid not in before]
        )
        for statement in statements:
            dates = statement.line_ids.mapped("date")
            statement.write(
                {
                    "qoo10_backend_id": statement.line_ids.qoo10_backend_id[:1].id,
                    "qoo10_date_from": self.qoo10_date_from or min(dates),
                    "qoo10_date_to": self.qoo10_date_to or max(dates),
                }
            )
        statements.line_ids._qoo10_settle_match()
        return res

    def _complete_stmts_vals(self, stmts_vals, journal, account_number):
        stmts_vals = super()._complete_stmts_vals(stmts_vals, journal, account_number)
        if not self.sheet_mapping_id.qoo10_layout:
            return stmts_vals
        backend = self._qoo10_backend(journal)
        transactions = [t for vals in stmts_vals for t in vals["transactions"]]
        numbers = {t["qoo10_order_no"] for t in transactions if t.get("qoo10_order_no")}
        lines = self.env["qoo10.order.line"].search(
            [("backend_id", "=", backend.id), ("order_no", "in", list(numbers))]
        )
        by_number = {line.order_no: line for line in lines}
        for vals in transactions:
            line = by_number.get(vals.get("qoo10_order_no"))
            vals["qoo10_backend_id"] = backend.id or False
            if line:
                vals["qoo10_order_line_id"] = line.id
                # the buyer, as on the receivable: spares OCA's partner search by text
                partner = line.order_id.sale_order_id.partner_invoice_id
                vals.setdefault("partner_id", partner.commercial_partner_id.id or False)
                vals["qoo10_pack_no"] = (
                    vals.get("qoo10_pack_no") or line.order_id.pack_no
                )
                vals["ref"] = f"{line.order_no} / {vals['qoo10_pack_no']}"
        return stmts_vals

    def _qoo10_empty_statement(self, result):
        """No row: a flagged empty statement when Odoo delivered Qoo10 orders then."""
        journal = self.env["account.journal"].browse(self.env.context.get("journal_id"))
        backend = self._qoo10_backend(journal)
        if not (self.qoo10_date_from and self.qoo10_date_to):
            raise UserError(
                self.env._(
                    "The file has no row. Give the period it covers (Period From / To) "
                    "so that Odoo can check it against the Qoo10 orders it delivered."
                )
            )
        delivered = backend._qoo10_delivered_orders(
            self.qoo10_date_from, self.qoo10_date_to
        )
        if not delivered:
            raise UserError(
                self.env._(
                    "The file has no row and Odoo delivered no Qoo10 order of the shop "
                    "%(shop)s from %(start)s to %(end)s: nothing to import.",
                    shop=backend.name,
                    start=self.qoo10_date_from,
                    end=self.qoo10_date_to,
                )
            )
        statement = self.env["account.bank.statement"].create(
            {
                "name": self.env._(
                    "%(code)s: %(filename)s (no rows)",
                    code=journal.code,
                    filename=self.statement_filename or "",
                ),
                "date": self.qoo10_date_to,
                "qoo10_backend_id": backend.id,
                "qoo10_date_from": self.qoo10_date_from,
                "qoo10_date_to": self.qoo10_date_to,
                "qoo10_suspicious": True,
                "qoo10_suspicious_reason": self.env._(
                    "The file has no row, but Odoo delivered %(count)s Qoo10 orders "
                    "from %(start)s to %(end)s (carts %(carts)s). QSM exports can be "
                    "empty while money was paid: check the Q-account history.",
                    count=len(delivered),
                    start=self.qoo10_date_from,
                    end=self.qoo10_date_to,
                    carts=", ".join(delivered[:20].mapped("pack_no")),
                ),
            }
        )
        # the journal of a statement is computed from its lines: set it after create
        statement.journal_id = journal
        result["statement_ids"].append(statement.id)
        result["notifications"].append(statement.qoo10_suspicious_reason)
        return True
