from . import test_stock_export, test_stock_listing_kind
