# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        """Every done move (delivery, receipt, return, inventory adjustment, scrap,
        manufacturing) marks the Qoo10 mappings of its products and brings the stock
        cron forward: one UPDATE per batch of moves, never a Qoo10 call here."""
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        products = moves.filtered(lambda m: m.state == "done").product_id
        if products:
            # sudo: whoever validates a move may not read Qoo10 shops or mappings
            mappings = self.env["qoo10.product.mapping"].sudo()
            mappings._qoo10_mark_stock_products(
                set(products.ids) | set(products._qoo10_stock_kits().ids)
            )
        return moves
