"""Plain-Python components: one per concern, each working for one shop.

Models keep their fields, constraints, buttons and crons, and delegate the work here
(``qoo10.backend._qoo10_order_import()`` and friends, which an addon may override to
return a subclass).
"""

from .claim_sync import ClaimSync
from .order_import import OrderImport
from .order_mapper import OrderMapper

__all__ = ["ClaimSync", "OrderImport", "OrderMapper"]
