from . import (
    test_access_rights,
    test_backend_connection,
    test_backend_credentials,
    test_claims,
    test_concurrency,
    test_order_import_errors,
    test_order_import_mapping,
    test_order_import_rerun,
    test_order_import_sale_order,
    test_order_import_windows,
    test_order_workflow,
    test_ui,
)
