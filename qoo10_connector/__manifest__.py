# Copyright 2026 The Qoo10 connector authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Qoo10 Connector",
    "summary": "Import Qoo10 orders, confirm and ship them from Odoo, "
    "keep QSM credentials and product-code mappings",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "website": "https://github.com/qoo10-odoo/qoo10-connector",
    "author": "The Qoo10 connector authors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "sale_management",
        "sale_stock",
        "stock_delivery",
        "account",
        "mail",
    ],
    "external_dependencies": {"python": ["requests", "openpyxl"]},
    "data": [
        "security/qoo10_security.xml",
        "security/ir.model.access.csv",
        "data/qoo10_data.xml",
        "data/ir_cron.xml",
        "wizards/qoo10_auth_wizard_views.xml",
        "wizards/qoo10_import_orders_wizard_views.xml",
        "wizards/qoo10_cancel_wizard_views.xml",
        "views/qoo10_backend_views.xml",
        "views/qoo10_dashboard_views.xml",
        "views/qoo10_order_views.xml",
        "views/qoo10_product_mapping_views.xml",
        "views/qoo10_carrier_mapping_views.xml",
        "views/sale_order_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_backend": ["qoo10_connector/static/src/scss/*.scss"],
        "web.assets_tests": ["qoo10_connector/static/tests/tours/*.js"],
    },
}
