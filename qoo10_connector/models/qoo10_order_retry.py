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
    def _qoo10_retry_unmapped(self, backends=None, codes=None):
        """Finish the waiting carts whose products can now be found.

        Called with the codes of new mappings or internal references (only the carts
        waiting for one of them are looked at), and without codes by the import cron as
        a safety net. `backends` limits the pass to these shops. Only carts whose every
        line now resolves are imported again, from their stored rows, without calling
        Qoo10; the others are not touched.
        """
        domain = [("sync_state", "=", "unmapped")]
        if backends is not None:
            domain.append(("backend_id", "in", backends.ids))
        waiting = {}  # backend: ids of its carts to look at
        for order in self.search_fetch(domain, ["backend_id", "missing_codes"]):
            if codes is None or set((order.missing_codes or "").split(",")) & codes:
                waiting.setdefault(order.backend_id, []).append(order.id)
        ready_ids = []
        for backend, ids in waiting.items():
            # a fresh browse: reading payloads prefetches only these carts' payloads
            rows = {
                order.id: [
                    parse_order_line(raw, backend.tz, version="stored")
                    for raw in order.payload or []
                ]
                for order in self.browse(ids)
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
