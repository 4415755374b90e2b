from . import (
    test_reliability_processes,
    test_reliability_stock_crash,
    test_reliability_stock_faults,
    test_stock_bulk,
    test_stock_export,
    test_stock_listing_kind,
    test_stock_moves,
    test_stock_rule,
)
