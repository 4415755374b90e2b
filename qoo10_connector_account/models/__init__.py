from . import (
    account_bank_statement,
    account_bank_statement_line,
    qoo10_backend,
    qoo10_backend_txmoney,
    settle_matching,
    sheet_mapping,
    sheet_parser,
)
