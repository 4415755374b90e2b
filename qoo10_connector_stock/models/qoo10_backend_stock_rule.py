# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The quantity rule: what Odoo offers on Qoo10 for each mapping, computed for all the
mappings of a shop at once (one grouped query on stock.quant)."""

import math

from odoo import fields, models


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    stock_location_ids = fields.Many2many(
        "stock.location",
        "qoo10_backend_stock_location_rel",
        "backend_id",
        "location_id",
        string="Stock Locations",
        check_company=True,
        domain="[('usage', '=', 'internal')]",
        help="Where the quantities sent to Qoo10 are counted, each with its "
        "sub-locations; the warehouse's stock location when empty.",
    )
    stock_location_id = fields.Many2one(
        "stock.location",
        check_company=True,
        domain="[('usage', '=', 'internal')]",
        help="Older single location setting, used when Stock Locations is empty.",
    )
    stock_buffer = fields.Integer(
        string="Safety Buffer",
        help="Units kept back from Qoo10: the free quantity minus this is sent, never "
        "below 0. A mapping can set its own.",
    )
    stock_cap = fields.Integer(
        string="Quantity Cap",
        help="Never send more than this quantity per listing or option (0: no cap).",
    )
    stock_drop_share = fields.Integer(
        string="Drop to Confirm (%)",
        default=50,
        help="At a mapping's first quantity, a drop from what Qoo10 shows to 0 or by "
        "more than this share waits for a person to confirm it.",
    )

    def _qoo10_stock_locations(self):
        self.ensure_one()
        return (
            self.stock_location_ids
            or self.stock_location_id
            or self.warehouse_id.lot_stock_id
        )

    def _qoo10_free_quantities(self, products):
        """{product id: free quantity (on hand minus reserved)} in the shop's locations
        and their children, for all ``products`` in one grouped query. Kits (mrp) take
        Odoo's own figure of what their components can assemble."""
        self.ensure_one()
        locations = self._qoo10_stock_locations()
        if not products or not locations:
            return {}
        # sudo: the cron and the managers read quantities they may not otherwise see
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("location_id", "child_of", locations.ids),
                ],
                ["product_id"],
                ["quantity:sum", "reserved_quantity:sum"],
            )
        )
        free = {product.id: qty - reserved for product, qty, reserved in groups}
        if "is_kits" in products._fields:
            kits = products.sudo().filtered("is_kits")
            kits = kits.with_context(location=locations.ids)
            free.update({kit.id: kit.free_qty for kit in kits})
        return free

    def _qoo10_stock_quantities(self, mappings):
        """{mapping id: quantity to send}: the shop's rule, one place to override.

        Free quantity in the shop's locations, minus the safety buffer (the mapping's
        own when set, else the shop's), never below 0, at most the cap (the lower of
        the shop's and the mapping's, when set); 0 for an archived product or one that
        cannot be sold."""
        self.ensure_one()
        products = mappings.product_id.with_context(active_test=False)
        free = self._qoo10_free_quantities(products)
        quantities = {}
        for mapping in mappings:
            product = mapping.product_id
            if not product.active or not product.sale_ok:
                quantities[mapping.id] = 0
                continue
            buffer = (
                mapping.stock_buffer if mapping.stock_buffer_own else self.stock_buffer
            )
            qty = max(math.floor(free.get(product.id, 0.0) + 1e-9) - buffer, 0)
            caps = [cap for cap in (self.stock_cap, mapping.stock_cap) if cap > 0]
            quantities[mapping.id] = min([qty, *caps])
        return quantities
