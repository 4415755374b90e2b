from . import (
    test_backend_credentials,
    test_claims,
    test_concurrency,
    test_order_import,
    test_order_workflow,
    test_ui,
)
