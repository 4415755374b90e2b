from . import test_settle_columns, test_settlement_import, test_settlement_reconcile
