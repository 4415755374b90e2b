from . import (
    test_payouts_txmoney,
    test_settle_columns,
    test_settle_report,
    test_settlement_batch,
    test_settlement_import,
    test_settlement_reconcile,
)
