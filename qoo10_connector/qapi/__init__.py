"""Pure-Python Qoo10 QAPI client (no Odoo import anywhere in this package).

Reference: ``shared/qoo10/QAPI.md``. Only relative imports are used, so the package can also
be loaded on its own (see ``tests/qapi_loader.py``).
"""

from .client import Qoo10Client
from .const import REGION_TZ, REGION_URLS
from .errors import (
    Qoo10AuthError,
    Qoo10BusinessError,
    Qoo10Error,
    Qoo10PermissionError,
    Qoo10ResponseError,
    Qoo10RoutingError,
    Qoo10TransientError,
    mask,
)
from .parser import Envelope
from .records import (
    Claim,
    Item,
    ItemOption,
    ItemPage,
    ListingRead,
    OrderLine,
    RowResult,
)

__all__ = [
    "Claim",
    "Envelope",
    "Item",
    "ItemOption",
    "ItemPage",
    "ListingRead",
    "OrderLine",
    "Qoo10AuthError",
    "Qoo10BusinessError",
    "Qoo10Client",
    "Qoo10Error",
    "Qoo10PermissionError",
    "Qoo10ResponseError",
    "Qoo10RoutingError",
    "Qoo10TransientError",
    "REGION_TZ",
    "REGION_URLS",
    "RowResult",
    "mask",
]
