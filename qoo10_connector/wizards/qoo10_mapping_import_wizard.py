# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Product-code mappings in Excel: export, template, import with a preview.

The preview writes nothing: it reads the file, decides every row (``mapping_sheet``) and
shows the counts and each problem row with its reason in words. "Apply" decides again (the
database may have moved) and writes every valid row at once. The rows read and their last
decisions are kept on the wizard (``sheet_rows``): the apply does not read the same file
again, and the report of every row is written only when the user downloads it.
"""

import base64
import hashlib
import json
import zlib

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import mapping_sheet as sheet
from . import qoo10_mapping_sheet_data  # noqa: F401 - defines the model inherited below

PROBLEMS_SHOWN = 1000


class Qoo10MappingImportWizard(models.TransientModel):
    _name = "qoo10.mapping.import.wizard"
    _inherit = "qoo10.mapping.sheet.data"
    _description = "Qoo10 mappings: Excel import and export"

    backend_id = fields.Many2one(
        "qoo10.backend",
        string="Shop",
        help="Rows whose Shop column is empty belong to this shop; the export covers it.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    file = fields.Binary(string="Workbook (.xlsx)", attachment=False)
    filename = fields.Char()
    replace_existing = fields.Boolean(
        string="Change existing mappings",
        help="A row may move a code already mapped to another product. Off: such rows "
        "are reported and left as they are.",
    )
    state = fields.Selection(
        [("draft", "Upload"), ("preview", "Preview"), ("done", "Applied")],
        default="draft",
    )
    create_count = fields.Integer(string="To create", readonly=True)
    update_count = fields.Integer(string="To update", readonly=True)
    skip_count = fields.Integer(string="Unchanged or skipped", readonly=True)
    error_count = fields.Integer(string="With a problem", readonly=True)
    summary = fields.Text(readonly=True)
    problem_ids = fields.One2many(
        "qoo10.mapping.import.problem", "wizard_id", readonly=True
    )
    sheet_rows = fields.Binary(
        attachment=False,
        readonly=True,
        help="The rows read from the file (with its hash) and their last decisions.",
    )
    report_file = fields.Binary(string="Report", readonly=True, attachment=False)
    report_filename = fields.Char()
    export_file = fields.Binary(readonly=True, attachment=False)
    export_filename = fields.Char()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "qoo10.backend":
            values["backend_id"] = self.env.context.get("active_id")
        return values

    # ------------------------------------------------------------------
    # Export and template
    # ------------------------------------------------------------------
    def action_export(self):
        self.ensure_one()
        rows = self._qoo10_export_rows(self._qoo10_backends())
        return self._qoo10_download(sheet.write_workbook(rows), "qoo10_mappings.xlsx")

    def action_template(self):
        self.ensure_one()
        return self._qoo10_download(
            sheet.write_workbook([], info=False), "qoo10_mappings_template.xlsx"
        )

    def _qoo10_download(self, data, filename):
        self.write({"export_file": base64.b64encode(data), "export_filename": filename})
        return self._qoo10_url("export_file", "export_filename")

    def _qoo10_url(self, field, filename_field):
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": f"/web/content/?model={self._name}&id={self.id}&field={field}"
            f"&filename_field={filename_field}&download=true",
        }

    def _qoo10_backends(self):
        if self.backend_id:
            return self.backend_id
        return self.env["qoo10.backend"].search(
            [("company_id", "=", self.company_id.id)]
        )

    # ------------------------------------------------------------------
    # Import: preview, then apply
    # ------------------------------------------------------------------
    def action_preview(self):
        self.ensure_one()
        rows = self._qoo10_checked_rows()
        self._qoo10_show(rows)
        self.state = "preview"
        return self._qoo10_reopen()

    def action_apply(self):
        self.ensure_one()
        rows = self._qoo10_checked_rows()
        created, updated = self._qoo10_apply(rows)
        self._qoo10_show(rows)
        skipped = len(rows) - len(created) - len(updated)
        self.write(
            {
                "state": "done",
                "summary": self.env._(
                    "%(created)s mappings created, %(updated)s updated, %(skipped)s rows "
                    "skipped (%(errors)s of them with a problem, listed below and in the "
                    "report).",
                    created=len(created),
                    updated=len(updated),
                    skipped=skipped,
                    errors=self.error_count,
                ),
            }
        )
        return self._qoo10_reopen()

    def action_download_report(self):
        self.ensure_one()
        rows = sheet.rows_from_json(self._qoo10_kept().get("rows", []))
        self.write(
            {
                "report_file": base64.b64encode(self._qoo10_report(rows)),
                "report_filename": "qoo10_mappings_report.xlsx",
            }
        )
        return self._qoo10_url("report_file", "report_filename")

    def _qoo10_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Qoo10 mappings in Excel"),
        }

    def _qoo10_checked_rows(self):
        if not self.file:
            raise UserError(self.env._("Choose the .xlsx file to import."))
        read = self._qoo10_read()
        rows = read.rows
        if read.missing:
            columns = ", ".join(self._qoo10_column_label(k) for k in read.missing)
            for row in rows:
                row.fail("missing_column", columns=columns)
            self.summary = self.env._("The file lacks the columns: %s", columns)
        else:
            sheet.check_rows(
                rows, replace=self.replace_existing, **self._qoo10_lookups(rows)
            )
        self._qoo10_keep(read.missing, rows)
        return rows

    def _qoo10_read(self):
        """The file's rows, undecided: read from the file once, then from ``sheet_rows``
        while the file is the same."""
        kept = self._qoo10_kept()
        if kept.get("file") == self._qoo10_digest():
            rows = sheet.rows_from_json(kept["rows"], decided=False)
            return sheet.SheetRead(rows, kept["missing"])
        try:
            return sheet.read_rows(base64.b64decode(self.file))
        except Exception as error:  # noqa: BLE001 - any unreadable file gets the same answer
            raise UserError(
                self.env._("This file cannot be read as an .xlsx workbook: %s", error)
            ) from error

    def _qoo10_digest(self):
        return hashlib.sha256(self.file).hexdigest()

    def _qoo10_keep(self, missing, rows):
        """The rows and their decisions, compressed JSON (a Json field would copy the
        tens of thousands of rows at every read)."""
        data = {
            "file": self._qoo10_digest(),
            "missing": missing,
            "rows": sheet.rows_to_json(rows),
        }
        self.sheet_rows = base64.b64encode(zlib.compress(json.dumps(data).encode(), 1))

    def _qoo10_kept(self):
        if not self.sheet_rows:
            return {}
        return json.loads(zlib.decompress(base64.b64decode(self.sheet_rows)))

    def _qoo10_show(self, rows):
        counts = dict.fromkeys((sheet.CREATE, sheet.UPDATE, sheet.SKIP, sheet.ERROR), 0)
        for row in rows:
            counts[row.action] += 1
        problems = [row for row in rows if row.problem][:PROBLEMS_SHOWN]
        self.problem_ids.unlink()
        self.write(
            {
                "create_count": counts[sheet.CREATE],
                "update_count": counts[sheet.UPDATE],
                "skip_count": counts[sheet.SKIP],
                "error_count": counts[sheet.ERROR],
                "problem_ids": [
                    (0, 0, self._qoo10_problem_values(r)) for r in problems
                ],
                "report_file": False,
            }
        )
