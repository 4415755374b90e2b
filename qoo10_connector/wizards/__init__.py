from . import (
    qoo10_auth_wizard,
    qoo10_cancel_wizard,
    qoo10_create_products_wizard,
    qoo10_import_orders_wizard,
    qoo10_mapping_import_wizard,
    qoo10_mapping_sheet_data,
)
