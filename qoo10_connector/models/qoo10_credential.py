# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class Qoo10Credential(models.Model):
    """QSM credentials of one shop. Only Qoo10 managers can read or write them.

    The QSM password is never stored: it serves the one CreateCertificationKey call
    of the "Get Auth" wizard.
    """

    _name = "qoo10.credential"
    _description = "Qoo10 Credential"
    _rec_name = "backend_id"

    backend_id = fields.Many2one(
        "qoo10.backend", string="Shop", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="backend_id.company_id", store=True, index=True
    )
    api_key = fields.Char(
        string="API Key", copy=False, groups="qoo10_connector.group_qoo10_manager"
    )
    seller_auth_key = fields.Char(
        string="Seller Authorization Key",
        copy=False,
        groups="qoo10_connector.group_qoo10_manager",
    )
    issued_at = fields.Datetime(copy=False)
    expires_at = fields.Datetime(copy=False)

    _sql_constraints = [
        ("backend_uniq", "unique(backend_id)", "A shop has one set of credentials.")
    ]
