# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Carts that wait: imported again from their stored rows, without calling Qoo10."""

from odoo import api, models

from ..importer import product_key, resolve_products
from ..qapi.records import parse_order_line


class Qoo10Order(models.Model):
    _inherit = "qoo10.order"

    def action_retry(self):
        """Import the stored rows again, without calling Qoo10."""
        for backend in self.backend_id:
            orders = self.filtered(
                lambda order, backend=backend: order.backend_id == backend
            )
            rows = []
            for order in orders:
                order.payload_hash = False
                rows += [
                    parse_order_line(raw, backend.tz, version="stored")
                    for raw in order.payload or []
                ]
            self._qoo10_import_rows(backend, rows)
            backend._qoo10_send_confirmations()
        return True

    @api.model
    def _qoo10_retry_unmapped(self, backends, codes=None):
        """Finish the waiting carts of these shops whose products can now be found.

        Called with the codes of new mappings or internal references (only the carts
        waiting for one of them are looked at), and without codes by the import cron as
        a safety net. Only carts whose every line now resolves are imported again, from
        their stored rows, without calling Qoo10; the others are not touched.
        """
        ready_ids = []
        for backend in backends:
            waiting = self.search_fetch(
                [("backend_id", "=", backend.id), ("sync_state", "=", "unmapped")],
                ["missing_codes"],
            )
            if codes is not None:
                # a fresh browse, so that reading payloads does not prefetch them all
                waiting = self.browse(
                    order.id
                    for order in waiting
                    if set((order.missing_codes or "").split(",")) & codes
                )
            rows = {
                order.id: [
                    parse_order_line(raw, backend.tz, version="stored")
                    for raw in order.payload or []
                ]
                for order in waiting
            }
            products = resolve_products(
                backend, [row for cart in rows.values() for row in cart]
            )
            ready_ids += [
                order_id
                for order_id, cart in rows.items()
                if cart and all(products.get(product_key(row)) for row in cart)
            ]
        ready = self.browse(ready_ids)
        if ready:
            ready.action_retry()
        return ready
