# Copyright 2026 The Qoo10 connector authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Qoo10 Connector - Stock",
    "summary": "Send Odoo stock quantities to Qoo10, per item and per option",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/qoo10-odoo/qoo10-connector",
    "author": "The Qoo10 connector authors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["qoo10_connector", "stock"],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "views/qoo10_backend_views.xml",
        "views/qoo10_product_mapping_views.xml",
        "views/qoo10_dashboard_views.xml",
    ],
}
