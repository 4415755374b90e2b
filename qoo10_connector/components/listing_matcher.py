# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Mapping proposals from a shop's listings (QAPI.md §9.3), a few queries per batch.

A code (option code of an option, Seller Item Code of an item without options) that is
already mapped is linked to its mapping; one equal to exactly one product's internal
reference or barcode is mapped at once; every other code stays unmapped with its reason
for a Qoo10 Manager to decide. Nothing is mapped to a guess.
"""

from collections import defaultdict

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError

from ..models.qoo10_listing_option import KIND_ITEM, MAPPABLE_KINDS

BATCH = 1000


class ListingMatcher:
    def __init__(self, backend):
        self.backend = backend
        self.env = backend.env

    def propose(self, rows=None):
        """Match ``rows`` (default: every current code of the shop); returns the rows."""
        Row = self.env["qoo10.listing.option"]
        if rows is None:
            rows = Row.search(
                [("backend_id", "=", self.backend.id), ("gone", "=", False)]
            )
        rows = rows.filtered(lambda r: r.kind in MAPPABLE_KINDS and not r.gone)
        shared = self._codes_used_twice(rows.filtered("code"))
        for start in range(0, len(rows), BATCH):
            self._propose_batch(rows[start : start + BATCH], shared)
        return rows

    def _propose_batch(self, rows, shared):
        self._link_existing(rows)
        todo = rows.filtered(lambda r: not r.mapping_id)
        self._set_reason(todo.filtered(lambda r: not r.code), "no_code")
        todo = todo.filtered("code")
        self._set_reason(todo.filtered(lambda r: r.code in shared), "duplicate_code")
        todo = todo.filtered(lambda r: r.code not in shared)
        products = self._products_by_code(todo.mapped("code"))
        to_map, several, none = [], [], []
        for row in todo:
            found = products.get(row.code, ())
            if len(found) == 1:
                to_map.append((row, found[0]))
            else:
                (several if found else none).append(row.id)
        self._set_reason(rows.browse(several), "several_products")
        self._set_reason(rows.browse(none), "no_product")
        self._create_mappings(to_map)

    # ------------------------------------------------------------------
    def _existing_mappings(self, rows):
        codes = [code for code in rows.mapped("code") if code]
        item_nos = rows.mapped("item_code")
        return self.env["qoo10.product.mapping"].search(
            [
                ("backend_id", "=", self.backend.id),
                "|",
                "|",
                ("option_code", "in", codes),
                ("seller_item_code", "in", codes),
                ("item_code", "in", item_nos),
            ]
        )

    def _link_existing(self, rows):
        by_option, by_item, by_item_no = {}, {}, {}
        for mapping in self._existing_mappings(rows):
            if mapping.option_code:
                by_option[mapping.option_code] = mapping
                continue
            if mapping.seller_item_code:
                by_item[mapping.seller_item_code] = mapping
            if mapping.item_code:
                by_item_no[mapping.item_code] = mapping
        for row in rows:
            if row.kind == KIND_ITEM:
                mapping = by_item.get(row.code) or by_item_no.get(row.item_code)
            else:
                mapping = by_option.get(row.option_code)
            if mapping and row.mapping_id != mapping:
                row.write({"mapping_id": mapping.id, "map_reason": False})
                self._complete(mapping, row)

    @staticmethod
    def _complete(mapping, row):
        """Fill what a hand-typed mapping lacks (needed to send option stock)."""
        values = row._prepare_mapping_values(mapping.product_id)
        blanks = {
            key: value
            for key, value in values.items()
            if key in ("item_code", "option_name", "option_value")
            and value
            and not mapping[key]
        }
        if blanks:
            mapping.write(blanks)

    @staticmethod
    def _codes_used_twice(rows):
        seen = defaultdict(set)
        for row in rows:
            seen[row.code].add((row.listing_id.id, row.kind, row.option_value or ""))
        return {code for code, owners in seen.items() if len(owners) > 1}

    def _products_by_code(self, codes):
        found = defaultdict(list)
        if not codes:
            return found
        domain = self.env["qoo10.listing.option"]._qoo10_product_domain(
            codes, self.backend.company_id
        )
        for product in self.env["product.product"].search(domain):
            for code in {product.default_code, product.barcode} & set(codes):
                if product not in found[code]:
                    found[code].append(product)
        return found

    @staticmethod
    def _set_reason(rows, reason):
        rows.filtered(lambda r: r.map_reason != reason).write({"map_reason": reason})

    def _create_mappings(self, to_map):
        """One create for the batch; if the database refuses it (a code mapped meanwhile),
        row by row so that only the refused codes stay unmapped."""
        if not to_map:
            return
        Mapping = self.env["qoo10.product.mapping"]
        try:
            with self.env.cr.savepoint():
                mappings = Mapping.create(
                    [row._prepare_mapping_values(product) for row, product in to_map]
                )
        except (IntegrityError, ValidationError):
            mappings = Mapping
            for row, product in to_map:
                mappings |= self._create_one(row, product)
        else:
            for (row, _product), mapping in zip(to_map, mappings, strict=True):
                row.write({"mapping_id": mapping.id, "map_reason": False})
        return mappings

    def _create_one(self, row, product):
        try:
            with self.env.cr.savepoint():
                mapping = self.env["qoo10.product.mapping"].create(
                    row._prepare_mapping_values(product)
                )
        except (IntegrityError, ValidationError):
            row.map_reason = "duplicate_code"
            return self.env["qoo10.product.mapping"]
        row.write({"mapping_id": mapping.id, "map_reason": False})
        return mapping
