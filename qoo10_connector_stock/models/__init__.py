from . import qoo10_backend
from . import qoo10_product_mapping
from . import stock_picking
