from . import account_statement_import
