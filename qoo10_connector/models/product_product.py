# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model_create_multi
    def create(self, vals_list):
        products = super().create(vals_list)
        if any(vals.get("default_code") for vals in vals_list):
            products._qoo10_retry_unmapped()
        return products

    def write(self, vals):
        result = super().write(vals)
        if vals.get("default_code"):
            self._qoo10_retry_unmapped()
        return result

    def _qoo10_retry_unmapped(self):
        """A new internal reference may be the code a waiting Qoo10 order needs."""
        codes = set(self.filtered("default_code").mapped("default_code"))
        if codes:
            # sudo: users editing products may not see Qoo10 shops
            self.env["qoo10.order"].sudo()._qoo10_retry_unmapped(codes=codes)
