# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reconciliation report: one row per Qoo10 order line, what Odoo invoiced and expects
against what the settlement files brought, each difference explained or flagged."""

import base64
import io

import openpyxl

from odoo import fields, models

REPORT_STATES = [
    ("settled", "Settled"),
    ("difference", "Difference"),
    ("open", "Left open"),
    ("not_settled", "No settlement row"),
]
COLUMNS = (
    "backend_id",
    "date",
    "pack_no",
    "order_no",
    "invoiced",
    "expected",
    "settled",
    "fees",
    "discounts",
    "refunded",
    "coupons",
    "difference",
    "state",
    "note",
)


class Qoo10SettleReport(models.Model):
    _name = "qoo10.settle.report"
    _description = "Qoo10 Settlement Reconciliation"
    _auto = False
    _order = "date desc, order_no"

    order_line_id = fields.Many2one("qoo10.order.line", readonly=True)
    backend_id = fields.Many2one("qoo10.backend", string="Qoo10 Shop", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(string="Paid by Buyer On", readonly=True)
    order_no = fields.Char(string="Order No.", readonly=True)
    pack_no = fields.Char(string="Cart No.", readonly=True)
    invoiced = fields.Float(readonly=True, help="Posted invoices less credit notes.")
    expected = fields.Float(
        string="Expected Settlement", readonly=True, help="Qoo10's SettlePrice."
    )
    settled = fields.Float(readonly=True, help="決済 rows of the settlement files.")
    fees = fields.Float(string="Fees Booked", readonly=True)
    discounts = fields.Float(string="Seller Discounts Booked", readonly=True)
    refunded = fields.Float(readonly=True, help="キャンセル, 返品 and 払い戻し rows.")
    coupons = fields.Float(readonly=True, help="カート割引 and メガ割 rows.")
    difference = fields.Float(
        readonly=True, help="Settled + refunded + coupons - expected."
    )
    state = fields.Selection(REPORT_STATES, readonly=True)
    note = fields.Char(string="Explanation", readonly=True)

    @property
    def _table_query(self):
        return """
            SELECT ol.id AS id, ol.id AS order_line_id, o.backend_id, o.company_id,
                   o.payment_date::date AS date, ol.order_no, o.pack_no,
                   COALESCE(inv.amount, 0) AS invoiced,
                   COALESCE(ol.settle_price, 0) AS expected,
                   COALESCE(st.settled, 0) AS settled,
                   COALESCE(st.fees, 0) AS fees,
                   COALESCE(st.discounts, 0) AS discounts,
                   COALESCE(st.refunded, 0) AS refunded,
                   COALESCE(st.coupons, 0) AS coupons,
                   COALESCE(st.settled, 0) + COALESCE(st.refunded, 0)
                       + COALESCE(st.coupons, 0) - COALESCE(ol.settle_price, 0)
                       AS difference,
                   CASE WHEN st.open_count > 0 THEN 'open'
                        WHEN st.line_count IS NULL THEN 'not_settled'
                        WHEN ABS(COALESCE(st.settled, 0) + COALESCE(st.refunded, 0)
                                 + COALESCE(st.coupons, 0)
                                 - COALESCE(ol.settle_price, 0)) < 0.5 THEN 'settled'
                        ELSE 'difference' END AS state,
                   st.note
              FROM qoo10_order_line ol
              JOIN qoo10_order o ON o.id = ol.order_id
         LEFT JOIN (
                SELECT qoo10_order_line_id,
                       COUNT(*) AS line_count,
                       COUNT(*) FILTER (WHERE qoo10_settle_state = 'open') AS open_count,
                       SUM(amount) FILTER (WHERE qoo10_event = 'payment') AS settled,
                       SUM(amount) FILTER (WHERE qoo10_event IN
                           ('cancel', 'return', 'refund')) AS refunded,
                       SUM(amount) FILTER (WHERE qoo10_event IN
                           ('cart_coupon', 'promotion')) AS coupons,
                       SUM(qoo10_fee_booked) AS fees,
                       SUM(qoo10_discount_booked) AS discounts,
                       STRING_AGG(qoo10_settle_note, ' / ' ORDER BY id) AS note
                  FROM account_bank_statement_line
                 WHERE qoo10_order_line_id IS NOT NULL
              GROUP BY qoo10_order_line_id
         ) st ON st.qoo10_order_line_id = ol.id
         LEFT JOIN (
                SELECT rel.order_line_id,
                       SUM(CASE WHEN m.move_type = 'out_refund'
                                THEN -aml.price_total ELSE aml.price_total END) AS amount
                  FROM sale_order_line_invoice_rel rel
                  JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                  JOIN account_move m ON m.id = aml.move_id
                 WHERE m.state = 'posted'
              GROUP BY rel.order_line_id
         ) inv ON inv.order_line_id = ol.sale_line_id
        """

    def _search(self, domain, offset=0, limit=None, order=None):
        # the view reads the tables of other models: write their pending changes first
        self.env.flush_all()
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _fetch_query(self, query, fields):
        self.env.flush_all()
        return super()._fetch_query(query, fields)

    def action_qoo10_export_xlsx(self):
        """The selected rows as .xlsx (the list's header button acts on the selection)."""
        records = self
        attachment = self.env["ir.attachment"].create(
            {
                "name": "qoo10_settlement_reconciliation.xlsx",
                "raw": records._qoo10_xlsx(),
                "mimetype": "application/vnd.openxmlformats-officedocument"
                ".spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _qoo10_xlsx(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Qoo10"
        sheet.append(
            [self._fields[name].get_description(self.env)["string"] for name in COLUMNS]
        )
        states = dict(self._fields["state"]._description_selection(self.env))
        for row in self:
            values = []
            for name in COLUMNS:
                value = row[name]
                if name == "backend_id":
                    value = row.backend_id.name
                elif name == "state":
                    value = states.get(value)
                values.append(value or (0 if isinstance(value, float) else value or ""))
            sheet.append(values)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def xlsx_rows(data):
    """The rows of an .xlsx made by the report (for tests and scripts)."""
    book = openpyxl.load_workbook(
        io.BytesIO(base64.b64decode(data) if isinstance(data, str) else data)
    )
    return [list(row) for row in book.active.iter_rows(values_only=True)]
