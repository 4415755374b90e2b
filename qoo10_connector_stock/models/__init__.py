from . import qoo10_backend, qoo10_product_mapping, stock_picking
