# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        """Stock is synced at shipment: a done transfer brings the stock cron forward."""
        result = super()._action_done()
        # sudo: whoever validates a transfer may not read Qoo10 shops or mappings
        mappings = self.env["qoo10.product.mapping"].sudo()
        if mappings.search_count(
            [
                ("product_id", "in", self.move_ids.product_id.ids),
                ("backend_id.auto_export_stock", "=", True),
            ],
            limit=1,
        ):
            self.env.ref("qoo10_connector_stock.ir_cron_qoo10_export_stock")._trigger()
        return result
