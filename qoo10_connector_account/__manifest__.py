# Copyright 2026 The Qoo10 connector authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Qoo10 Connector - Settlements",
    "summary": "Import QSM settlement files into the Q-account journal and reconcile "
    "them with the Qoo10 receivables, on OCA's statement import and reconciliation",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/qoo10-odoo/qoo10-connector",
    "author": "The Qoo10 connector authors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "qoo10_connector",
        "account_reconcile_oca",
        "account_statement_import_sheet_file",
    ],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/ir.model.access.csv",
        "security/qoo10_account_security.xml",
        "data/sheet_mappings.xml",
        "views/qoo10_backend_views.xml",
        "views/account_bank_statement_views.xml",
        "views/account_statement_import_views.xml",
        "views/qoo10_settle_report_views.xml",
    ],
}
