from . import account_statement_import, statement_chunks
