from . import (
    product_product,
    qoo10_backend,
    qoo10_backend_claims,
    qoo10_backend_orders,
    qoo10_carrier_mapping,
    qoo10_credential,
    qoo10_order,
    qoo10_order_line,
    qoo10_order_retry,
    qoo10_product_mapping,
    sale_order,
)
