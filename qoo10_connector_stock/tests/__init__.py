from . import test_stock_export
