# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model_create_multi
    def create(self, vals_list):
        products = super().create(vals_list)
        if any(vals.get("default_code") for vals in vals_list):
            products._qoo10_mark_waiting()
        return products

    def write(self, vals):
        result = super().write(vals)
        if vals.get("default_code"):
            self._qoo10_mark_waiting()
        return result

    def _qoo10_mark_waiting(self):
        """A new internal reference may be the code a waiting Qoo10 order needs: mark
        those orders for the import cron (a save never imports nor calls Qoo10)."""
        codes = set(self.filtered("default_code").mapped("default_code"))
        if codes:
            # sudo: users editing products may not see Qoo10 shops
            self.env["qoo10.order"].sudo()._qoo10_mark_waiting(codes)
