from . import (
    product_product,
    qoo10_backend,
    qoo10_backend_connection,
    qoo10_backend_sync,
    qoo10_carrier_mapping,
    qoo10_credential,
    qoo10_order,
    qoo10_order_line,
    qoo10_order_line_claim,
    qoo10_product_mapping,
    sale_order,
)
