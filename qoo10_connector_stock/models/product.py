# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _qoo10_stock_kits(self):
        """The kits (mrp, when installed) these products are components of: what they
        can assemble changes with their components' stock."""
        if "mrp.bom.line" not in self.env or not self:
            return self.browse()
        lines = (
            self.env["mrp.bom.line"]
            .sudo()
            .search([("product_id", "in", self.ids), ("bom_id.type", "=", "phantom")])
        )
        boms = lines.bom_id
        return boms.product_id | boms.product_tmpl_id.product_variant_ids

    def write(self, vals):
        result = super().write(vals)
        if {"active", "sale_ok"} & set(vals):
            self.env["qoo10.product.mapping"].sudo()._qoo10_mark_stock_products(
                set(self.ids)
            )
        return result


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def write(self, vals):
        result = super().write(vals)
        if {"active", "sale_ok"} & set(vals):
            variants = self.with_context(active_test=False).product_variant_ids
            self.env["qoo10.product.mapping"].sudo()._qoo10_mark_stock_products(
                set(variants.ids)
            )
        return result
