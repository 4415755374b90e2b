from . import (
    product,
    qoo10_backend,
    qoo10_backend_stock_rule,
    qoo10_product_mapping,
    stock_move,
)
