from . import (
    account_bank_statement,
    account_bank_statement_line,
    qoo10_backend,
    qoo10_backend_txmoney,
    qoo10_settle_report,
    settle_batch,
    settle_matching,
    sheet_mapping,
    sheet_parser,
)
