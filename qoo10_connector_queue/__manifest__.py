# Copyright 2026 The Qoo10 connector authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Qoo10 Connector - Job Queue",
    "summary": "Run the Qoo10 crons' work as OCA queue_job jobs, one per shop and kind, "
    "across Odoo workers and servers",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/qoo10-odoo/qoo10-connector",
    "author": "The Qoo10 connector authors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["qoo10_connector", "qoo10_connector_stock", "queue_job"],
    "data": [
        "security/ir.model.access.csv",
        "security/qoo10_queue_security.xml",
        "data/queue_job_channel.xml",
        "data/queue_job_function.xml",
        "views/qoo10_backend_views.xml",
    ],
}
