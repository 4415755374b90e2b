"""What an order import did, for the messages that say so, and the carts that wait.

``ImportReport``: the carts an importer created and updated and the rows it could not
import; every other cart it read changed nothing. ``StoredCarts``: carts imported again
from the rows kept on them, without calling Qoo10 (a mixin of ``OrderImport``).
"""

from ..qapi.records import parse_order_line
from .order_mapper import product_key, resolve_products


class ImportReport:
    """Counts of one importer, over all the windows it imported."""

    def __init__(self, orders):
        self.created = orders.browse()
        self.updated = orders.browse()
        self.rejected = 0  # rows not imported: not records, or without usable numbers

    def add(self, new, changed):
        """``new``: the carts that had no sale order before; ``changed``: the carts
        whose import stored something (Qoo10 sent something new, or they waited)."""
        self.created |= new.filtered("sale_order_id")
        self.updated |= changed - new

    def counts(self, orders):
        """{created, updated, unchanged, waiting, rejected} for the carts ``orders``
        the importer returned; the four counts of carts are apart and add up."""
        waiting = orders.filtered(lambda order: order.sync_state != "done")
        done = orders - waiting
        created = done & self.created
        updated = (done & self.updated) - created
        return {
            "created": len(created),
            "updated": len(updated),
            "unchanged": len(done - created - updated),
            "waiting": len(waiting),
            "rejected": self.rejected,
        }


class StoredCarts:
    """Carts that wait: imported again from their stored rows, without calling Qoo10.
    Needs ``self.backend``, ``self.orders`` and ``self.import_rows``."""

    def stored_rows(self, order):
        """The rows Qoo10 sent for a cart, as kept on it."""
        return [
            parse_order_line(raw, self.backend.tz, version="stored")
            for raw in order.payload or []
        ]

    def replay(self, orders):
        """Import these carts again from their stored rows."""
        orders.payload_hash = False
        rows = [row for order in orders for row in self.stored_rows(order)]
        return self.import_rows(rows)

    def ready(self, orders):
        """The waiting carts whose every line now finds its product."""
        rows = {order: self.stored_rows(order) for order in orders}
        products = resolve_products(
            self.backend, [row for cart in rows.values() for row in cart]
        )
        return self.orders.browse(
            [
                order.id
                for order, cart in rows.items()
                if cart and all(products.get(product_key(row)) for row in cart)
            ]
        )
