# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class Qoo10CarrierMapping(models.Model):
    """Odoo carrier -> the carrier name Qoo10 expects in SetSendingInfo (ShippingCorp)."""

    _name = "qoo10.carrier.mapping"
    _description = "Qoo10 Carrier Mapping"
    _order = "backend_id, carrier_id"
    _rec_name = "shipping_corp"
    _check_company_auto = True

    backend_id = fields.Many2one(
        "qoo10.backend", string="Shop", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="backend_id.company_id", store=True, index=True
    )
    carrier_id = fields.Many2one("delivery.carrier", required=True, ondelete="cascade")
    shipping_corp = fields.Char(
        string="Qoo10 Carrier Name",
        required=True,
        help="As Qoo10 spells it, e.g. ヤマト宅急便, 佐川急便, ゆうパック.",
    )

    _sql_constraints = [
        (
            "carrier_uniq",
            "unique(backend_id, carrier_id)",
            "This carrier is already mapped for this shop.",
        )
    ]
