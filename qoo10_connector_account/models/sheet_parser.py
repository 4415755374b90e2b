# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""QSM settlement files through OCA's sheet parser.

OCA reads the bytes (XLSX/XLS with xlrd, else CSV) and creates the statement; a mapping
with a Qoo10 layout finds its columns by header alias or known position, refuses a file
that is not the export it expects (nothing is written), and turns each row into a
transaction carrying the Qoo10 order and cart numbers, the event, a unique import id
and the whole row (``raw_data``; unknown columns also in the note).
"""

import codecs
import csv
import json
from collections import Counter
from io import StringIO

from odoo import api, models
from odoo.exceptions import UserError

from .. import settle_columns as sc

try:
    import xlrd
    from xlrd.xldate import xldate_as_datetime
except ImportError:  # pragma: no cover (a dependency of OCA's parser)
    xlrd = None

DEDUCTION_EVENTS = {"cart_discount": "cart_coupon", "promotion": "promotion"}
AMOUNT_KEYS = ("amount", "fee", "seller_discount")


class AccountStatementImportSheetParser(models.TransientModel):
    _inherit = "account.statement.import.sheet.parser"

    @api.model
    def parse(self, data_file, mapping, filename):
        if not mapping.qoo10_layout:
            return super().parse(data_file, mapping, filename)
        journal = self.env["account.journal"].browse(self.env.context.get("journal_id"))
        currency_code = (journal.currency_id or journal.company_id.currency_id).name
        rows = self._qoo10_read_rows(mapping, data_file)
        header = rows[0] if rows else []
        try:
            columns = sc.check_layout(
                header,
                mapping._qoo10_spec(),
                mapping.qoo10_first_header,
                mapping._qoo10_required(),
            )
        except sc.LayoutError as error:
            raise UserError(
                self.env._(
                    "This file is not a Qoo10 export of the layout %(mapping)s: "
                    "%(reason)s. Nothing was imported.",
                    mapping=mapping.name,
                    reason=str(error),
                )
            ) from error
        transactions = self._qoo10_transactions(mapping, rows, columns)
        data = {
            "name": self.env._(
                "%(code)s: %(filename)s", code=journal.code, filename=filename or ""
            ),
            "date": min((t["date"] for t in transactions), default=False),
            "transactions": transactions,
        }
        return currency_code, journal.bank_account_id.acc_number, [data]

    # reading --------------------------------------------------------------------------

    def _qoo10_read_rows(self, mapping, data_file):
        """Every non-empty row of the first sheet (or the CSV), header first."""
        parsed = self._parse_data_xlrd(mapping, data_file) if xlrd else None
        if parsed:
            book, sheet = parsed
            rows = [
                self._qoo10_sheet_row(book, sheet, row) for row in range(sheet.nrows)
            ]
        else:
            decoded = self._qoo10_decode(mapping, data_file)
            rows = list(csv.reader(StringIO(decoded), **self._get_csv_options(mapping)))
        return [row for row in rows if any(sc.text(value) for value in row)]

    @api.model
    def _qoo10_sheet_row(self, book, sheet, row):
        values = []
        for col in range(sheet.row_len(row)):
            value = sheet.cell_value(row, col)
            if sheet.cell_type(row, col) == xlrd.XL_CELL_DATE:
                value = xldate_as_datetime(value, book.datemode)
            values.append(value)
        return values

    @api.model
    def _qoo10_decode(self, mapping, data_file):
        """UTF-8 with BOM, UTF-8, then Shift_JIS read as CP932 (its Windows superset)."""
        if data_file.startswith(codecs.BOM_UTF8):
            return data_file.decode("utf-8-sig")
        encodings = ["utf-8", "cp932", mapping.file_encoding or "utf-8"]
        for encoding in encodings:
            try:
                return data_file.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
        raise UserError(
            self.env._(
                "The file is neither UTF-8 nor Shift_JIS text. Nothing was imported."
            )
        )

    # rows → transactions ---------------------------------------------------------------

    def _qoo10_transactions(self, mapping, rows, columns):
        header = [sc.clean_header(name) for name in rows[0]]
        known = set(columns.values())
        seen = Counter()
        transactions = []
        for number, row in enumerate(rows[1:], start=2):
            values = {
                key: row[index] for key, index in columns.items() if index < len(row)
            }
            row_date = sc.to_date(values.get("settle_date")) or sc.to_date(
                values.get("date")
            )
            if not row_date:
                raise UserError(
                    self.env._(
                        "Row %(row)s: the date %(value)r cannot be read. Nothing was "
                        "imported.",
                        row=number,
                        value=sc.text(values.get("date")),
                    )
                )
            self._qoo10_check_amounts(values, columns, header, number)
            fingerprint = sc.row_fingerprint(row)
            seen[fingerprint] += 1
            common = {
                "date": row_date,
                "raw_data": json.dumps(
                    dict(zip(header, (sc.text(v) for v in row), strict=False)),
                    ensure_ascii=False,
                ),
                "narration": "\n".join(
                    f"{header[i] if i < len(header) else i}: {sc.text(v)}"
                    for i, v in enumerate(row)
                    if i not in known and sc.text(v)
                ),
            }
            key = f"qoo10-{mapping.qoo10_layout}-{fingerprint}-{seen[fingerprint]}"
            transactions += self._qoo10_row_transactions(mapping, values, common, key)
        return transactions

    def _qoo10_check_amounts(self, values, columns, header, number):
        """Refuse the file when an amount cell holds text, naming row and column."""
        for key in AMOUNT_KEYS:
            if key not in values:
                continue
            try:
                sc.number(values[key])
            except ValueError:
                index = columns[key]
                raise UserError(
                    self.env._(
                        "Row %(row)s, column %(column)s: %(value)r is not an amount. "
                        "Nothing was imported.",
                        row=number,
                        column=header[index] if index < len(header) else index + 1,
                        value=sc.text(values[key]),
                    )
                ) from None

    def _qoo10_row_transactions(self, mapping, values, common, key):
        amount = sc.number(values.get("amount"))
        if mapping.qoo10_layout == "qaccount":
            return self._qoo10_qaccount_transactions(values, common, key, amount)
        if mapping.qoo10_layout in DEDUCTION_EVENTS:
            event = DEDUCTION_EVENTS[mapping.qoo10_layout]
            order_numbers = sc.split_order_numbers(values.get("order_no")) or [""]
            shares = sc.split_evenly(-abs(amount), len(order_numbers))
            return [
                self._qoo10_transaction(
                    values, common, f"{key}-{index}", order_no, share, event
                )
                for index, (order_no, share) in enumerate(
                    zip(order_numbers, shares, strict=True)
                )
            ]
        event = sc.event_kind(values.get("event")) or (
            "payment" if amount >= 0 else "refund"
        )
        if event in sc.REFUND_EVENTS:
            amount = -abs(amount)
        order_no = sc.text(values.get("order_no"))
        return [self._qoo10_transaction(values, common, key, order_no, amount, event)]

    def _qoo10_transaction(self, values, common, key, order_no, amount, event):
        event_text = sc.text(values.get("event")) or dict(
            self.env["account.bank.statement.line"]._fields["qoo10_event"].selection
        ).get(event, event)
        title = sc.text(values.get("title"))
        pack_no = sc.text(values.get("pack_no"))
        return dict(
            common,
            amount=amount,
            payment_ref=" ".join(
                part for part in ("Qoo10", event_text, order_no, title) if part
            ),
            ref=" / ".join(part for part in (order_no, pack_no) if part) or False,
            unique_import_id=key,
            qoo10_order_no=order_no or False,
            qoo10_pack_no=pack_no or False,
            qoo10_event=event,
            qoo10_fee=abs(sc.number(values.get("fee"))),
            qoo10_seller_discount=abs(sc.number(values.get("seller_discount"))),
        )

    def _qoo10_qaccount_transactions(self, values, common, key, amount):
        """Q-account history: payouts and their fee; settlement credits are skipped
        (the 販売詳細内訳 rows they total are imported one by one)."""
        description = sc.text(values.get("description"))
        kind = sc.qaccount_kind(description)
        if kind == "settlement":
            return []
        fee = abs(sc.number(values.get("fee")))
        base = dict(common, payment_ref=f"Qoo10 {description}")
        transactions = [
            dict(
                base,
                amount=-abs(amount) if kind in ("payout", "transfer_fee") else amount,
                unique_import_id=key,
                qoo10_event=kind or False,
            )
        ]
        if fee and kind == "payout":
            transactions.append(
                dict(
                    base,
                    payment_ref=self.env._(
                        "Qoo10 %(description)s: transfer fee", description=description
                    ),
                    amount=-fee,
                    unique_import_id=f"{key}-fee",
                    qoo10_event="transfer_fee",
                )
            )
        return transactions
