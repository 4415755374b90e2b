# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the Excel wizard needs from the database, a few queries per file, and how it
words each row's problem."""

from odoo import fields, models

from .. import mapping_sheet as sheet

MAPPING_FIELDS = (
    "backend_id",
    "item_code",
    "seller_item_code",
    "option_code",
    "option_name",
    "option_value",
    "product_id",
)
CHUNK = 5000


class Qoo10MappingImportProblem(models.TransientModel):
    _name = "qoo10.mapping.import.problem"
    _description = "Qoo10 mappings: a row of the workbook with a problem"
    _order = "row"

    wizard_id = fields.Many2one(
        "qoo10.mapping.import.wizard", required=True, ondelete="cascade"
    )
    row = fields.Integer()
    code = fields.Char()
    product = fields.Char()
    result = fields.Char()
    problem = fields.Char()


class MappingSheetData(models.AbstractModel):
    _name = "qoo10.mapping.sheet.data"
    _description = "Qoo10 mappings: workbook data"

    # ------------------------------------------------------------------
    # Lookups for sheet.check_rows
    # ------------------------------------------------------------------
    def _qoo10_lookups(self, rows):
        # every shop the user may see: a workbook may name any of them
        backends = self.env["qoo10.backend"].search([("id", "!=", False)])
        shops = {sheet._norm(b.name): b.id for b in backends}
        default = self.backend_id.id or (backends.id if len(backends) == 1 else 0)
        references = list(
            {r.values["product"] for r in rows if r.values.get("product")}
        )
        return {
            "shops": shops,
            "default_shop": default,
            "products": self._qoo10_products(references),
            "mappings": self._qoo10_mappings(backends),
        }

    def _qoo10_products(self, references):
        found = {}
        Product = self.env["product.product"]
        company = [False, self.company_id.id or self.env.company.id]
        for start in range(0, len(references), CHUNK):
            chunk = references[start : start + CHUNK]
            for field in ("default_code", "barcode"):
                for product in Product.search_read(
                    [(field, "in", chunk), ("company_id", "in", company)], [field]
                ):
                    key = (
                        product[field]
                        if field == "default_code"
                        else ("barcode", product[field])
                    )
                    found.setdefault(key, []).append(product["id"])
        return found

    def _qoo10_mappings(self, backends):
        found = {}
        records = self.env["qoo10.product.mapping"].search_read(
            [("backend_id", "in", backends.ids)], list(MAPPING_FIELDS)
        )
        for record in records:
            values = {k: (v or "") for k, v in record.items()}
            values["backend_id"] = record["backend_id"][0]
            values["product_id"] = record["product_id"][0]
            values["product_name"] = record["product_id"][1]
            shop = values["backend_id"]
            if values["option_code"]:
                found[(shop, ("option", values["option_code"]))] = values
                continue
            if values["seller_item_code"]:
                found[(shop, ("item", values["seller_item_code"]))] = values
            if values["item_code"]:
                found.setdefault((shop, ("item_no", values["item_code"])), values)
        return found

    # ------------------------------------------------------------------
    # Apply: one create for every new mapping, a write per changed one
    # ------------------------------------------------------------------
    def _qoo10_apply(self, rows):
        """Rows as just decided against the database (same transaction): the mappings
        they update are those the check found. New mappings are created CHUNK at a
        time, each chunk written and dropped from the cache (memory stays bounded)."""
        Mapping = self.env["qoo10.product.mapping"]
        new = [self._qoo10_create_values(r) for r in rows if r.action == sheet.CREATE]
        created = Mapping
        for start in range(0, len(new), CHUNK):
            created |= Mapping.create(new[start : start + CHUNK])
            self.env.flush_all()
            Mapping.invalidate_model()
        updated = Mapping
        for row in rows:
            if row.action == sheet.UPDATE:
                mapping = Mapping.browse(row.mapping_id)
                mapping.write(sheet.update_values(row, row.existing))
                updated |= mapping
        return created, updated

    @staticmethod
    def _qoo10_create_values(row):
        values = {
            name: row.values.get(name) or False
            for name in (
                "item_code",
                "seller_item_code",
                "option_code",
                "option_name",
                "option_value",
            )
        }
        return dict(values, backend_id=row.shop_id, product_id=row.product_id)

    # ------------------------------------------------------------------
    # Words and the report
    # ------------------------------------------------------------------
    def _qoo10_column_label(self, key):
        return {k: label for k, label, _ja in sheet.COLUMNS}[key]

    def _qoo10_problem_text(self, row):
        _ = self.env._
        texts = {
            "unknown_shop": _("Unknown shop: %(shop)s"),
            "empty_code": _(
                "Empty code: give an option code, a Seller Item Code or a Qoo10 item no."
            ),
            "unknown_product": _(
                "Unknown product: no internal reference or barcode %(product)s"
            ),
            "several_products": _(
                "Several products have the internal reference or barcode %(product)s"
            ),
            "already_mapped": _(
                'Code already mapped to another product (%(product)s); tick "Change existing '
                'mappings" to move it'
            ),
            "duplicate_row": _(
                "Duplicate row in the file (the code is first at row %(first)s)"
            ),
            "conflicting_rows": _(
                "The same code is in rows %(rows)s with another product: none applied"
            ),
            "missing_column": _("Missing column: %(columns)s"),
            "no_product_given": _("No product given: skipped"),
        }
        return texts[row.problem] % row.args if row.problem in texts else row.problem

    def _qoo10_result_text(self, row):
        _ = self.env._
        return {
            sheet.CREATE: _("create"),
            sheet.UPDATE: _("update"),
            sheet.SKIP: _("skip"),
            sheet.ERROR: _("problem"),
        }[row.action]

    def _qoo10_problem_values(self, row):
        key = row.key()
        return {
            "row": row.number,
            "code": key[1] if key else "",
            "product": row.values.get("product", ""),
            "result": self._qoo10_result_text(row),
            "problem": self._qoo10_problem_text(row),
        }

    def _qoo10_report(self, rows):
        return sheet.write_workbook(
            [
                dict(
                    row.values,
                    row=row.number,
                    result=self._qoo10_result_text(row),
                    problem=self._qoo10_problem_text(row) if row.problem else "",
                )
                for row in rows
            ],
            info=False,
            problems=True,
        )

    # ------------------------------------------------------------------
    # Export: every code of the shops' listings, then the mappings no listing has
    # ------------------------------------------------------------------
    def _qoo10_export_rows(self, backends):
        codes = self.env["qoo10.listing.option"].search(
            [("backend_id", "in", backends.ids), ("kind", "!=", "single")],
            order="backend_id, item_code, sequence, id",
        )
        states = dict(codes._fields["map_state"]._description_selection(self.env))
        reasons = dict(codes._fields["map_reason"]._description_selection(self.env))
        statuses = dict(
            self.env["qoo10.listing"]._fields["status"]._description_selection(self.env)
        )
        rows = []
        for code in codes:
            rows.append(
                dict(
                    self._qoo10_mapping_row(code.mapping_id, code),
                    title=code.listing_id.title or "",
                    status=statuses.get(code.listing_id.status, ""),
                    qty=code.qty,
                    state=states.get(code.map_state, ""),
                    reason=reasons.get(code.map_reason, ""),
                )
            )
        alone = self.env["qoo10.product.mapping"].search(
            [("backend_id", "in", backends.ids), ("listing_option_ids", "=", False)]
        )
        rows += [self._qoo10_mapping_row(mapping) for mapping in alone]
        return rows

    @staticmethod
    def _qoo10_mapping_row(mapping, code=None):
        source = code if code is not None else mapping
        product = mapping.product_id
        return {
            "shop": source.backend_id.name,
            "item_code": source.item_code or "",
            "seller_item_code": source.seller_item_code or "",
            "option_name": source.option_name or "",
            "option_value": source.option_value or "",
            "option_code": source.option_code or "",
            "product": product.default_code or product.barcode or "",
        }
