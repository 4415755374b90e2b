# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Create products from selected unmapped Qoo10 listing codes, only when asked.

One product per code: an item without options gives one product (its Seller Item Code as
internal reference); an item with options, as the user chooses, one product per option
code or one product with a variant per option (``qoo10_create_variants``). Codes that are
missing, already mapped or already some product's reference or barcode are left alone.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.qoo10_listing_option import MAPPABLE_KINDS
from ..qapi import const
from .qoo10_create_variants import VariantBuilder, variant_groups


class Qoo10CreateProductsWizard(models.TransientModel):
    _name = "qoo10.create.products.wizard"
    _description = "Create products from Qoo10 listings"

    option_ids = fields.Many2many("qoo10.listing.option", string="Qoo10 codes")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    ready_ids = fields.Many2many(
        "qoo10.listing.option", compute="_compute_ready", string="Products to create"
    )
    skipped = fields.Text(compute="_compute_ready", string="Left alone")
    layout = fields.Selection(
        [
            ("products", "One product per option code"),
            ("variants", "One product with variants per item"),
        ],
        string="Items with options",
        default="products",
        required=True,
        help="For an item with combination options: a product for each option code, or "
        "one product whose variants are the options (attributes from the option names, "
        "values from the option values).",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "qoo10.listing.option":
            values["option_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    @api.depends("option_ids")
    def _compute_ready(self):
        for wizard in self:
            ready, skipped = wizard._qoo10_split()
            wizard.ready_ids = ready
            wizard.skipped = "\n".join(
                f"{row.listing_id.display_name} {row.option_value or ''}: {reason}"
                for row, reason in skipped
            )

    def _qoo10_split(self):
        """(rows a product can be created for, [(row, why not)])."""
        rows = self.option_ids.filtered(lambda r: r.kind in MAPPABLE_KINDS)
        taken = set()
        for company in rows.company_id:
            codes = rows.filtered(lambda r, c=company: r.company_id == c).mapped("code")
            domain = self.env["qoo10.listing.option"]._qoo10_product_domain(
                codes, company
            )
            for product in (
                self.env["product.product"]
                .with_context(active_test=False)
                .search(domain)
            ):
                taken |= {product.default_code, product.barcode}
        ready, skipped, seen = self.env["qoo10.listing.option"], [], set()
        for row in rows:
            reason = self._qoo10_why_not(row, taken, seen)
            if reason:
                skipped.append((row, reason))
            else:
                ready |= row
                seen.add(row.code)
        return ready, skipped

    def _qoo10_why_not(self, row, taken, seen):
        if row.mapping_id:
            return self.env._("already mapped")
        if row.gone:
            return self.env._("no longer on Qoo10")
        if not row.code:
            return self.env._("no code on Qoo10 to use as internal reference")
        if row.code in taken or row.code in seen:
            return self.env._("a product with this code exists: map it instead")
        return ""

    def action_create(self):
        self.ensure_one()
        rows, _skipped = self._qoo10_split()
        if not rows:
            raise UserError(
                self.env._("None of the selected codes can get a new product.")
            )
        found = {}
        if self.layout == "variants":
            builder = VariantBuilder(self.env)
            for listing, group in variant_groups(rows).items():
                found.update(builder.build(listing, group)[1])
        single = rows.filtered(lambda r: r not in found)
        found.update(
            zip(
                single,
                self.env["product.product"].create(
                    [self._prepare_product_values(row) for row in single]
                ),
                strict=True,
            )
        )
        mappings = self.env["qoo10.product.mapping"].create(
            [row._prepare_mapping_values(found[row]) for row in rows]
        )
        for row, mapping in zip(rows, mappings, strict=True):
            row.write({"mapping_id": mapping.id, "map_reason": False})
        products = self.env["product.product"].union(*found.values())
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Products created from Qoo10"),
            "res_model": "product.product",
            "view_mode": "list,form",
            "domain": [("id", "in", products.ids)],
        }

    @staticmethod
    def _prepare_product_values(row):
        listing = row.listing_id
        name = listing.title or listing.seller_item_code or listing.item_code
        price = listing.price
        if row.kind == const.OPTION_COMBINATION:
            values = (row.option_value or "").split(const.OPTION_SEPARATOR)
            name = "%s (%s)" % (name, " / ".join(v for v in values if v))
            price += row.price
        return {
            "name": name,
            "default_code": row.code,
            "list_price": price,
            "type": "consu",
            "is_storable": True,
            "company_id": listing.company_id.id,
        }
