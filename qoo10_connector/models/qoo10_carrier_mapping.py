# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..qapi import const


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
        size=const.SHIPPING_CORP_MAX,
        help="As Qoo10 spells it, e.g. ヤマト宅急便, 佐川急便, ゆうパック.",
    )

    _sql_constraints = [
        (
            "carrier_uniq",
            "unique(backend_id, carrier_id)",
            "This carrier is already mapped for this shop.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        mappings = super().create(vals_list)
        mappings._qoo10_requeue_tracking()
        return mappings

    def write(self, vals):
        result = super().write(vals)
        if {"carrier_id", "shipping_corp", "backend_id"} & set(vals):
            self._qoo10_requeue_tracking()
        return result

    def _qoo10_requeue_tracking(self):
        """Deliveries whose tracking waited for this carrier's mapping: queue them now
        (no Qoo10 call here; the tracking cron sends them)."""
        lines = self.env["qoo10.order.line"].search(
            [
                ("backend_id", "in", self.backend_id.ids),
                ("tracking_state", "=", "error"),
                ("tracking_picking_id.carrier_id", "in", self.carrier_id.ids),
            ]
        )
        # sudo: a Qoo10 manager may have no inventory rights on the deliveries
        lines.tracking_picking_id.sudo()._qoo10_queue_tracking()

    @api.model
    def _qoo10_seed(self, backends):
        """One mapping per Qoo10 carrier name of each shop's region, to a delivery
        carrier of the same name (found, else created with the Qoo10 shipping product)."""
        carriers = self.env["delivery.carrier"].with_context(active_test=False)
        product = self.env.ref(
            "qoo10_connector.product_qoo10_shipping", raise_if_not_found=False
        )
        values = []
        for backend in backends:
            mapped = set(backend.carrier_mapping_ids.mapped("shipping_corp"))
            for name in const.SHIPPING_CORPS.get(backend.region, ()):
                if name in mapped:
                    continue
                carrier = carriers.search(
                    [
                        ("name", "=", name),
                        ("company_id", "in", (False, backend.company_id.id)),
                    ],
                    limit=1,
                )
                if not carrier:
                    if not product:
                        continue
                    carrier = carriers.sudo().create(
                        {
                            "name": name,
                            "delivery_type": "fixed",
                            "fixed_price": 0,
                            "product_id": product.id,
                        }
                    )
                if carrier in backend.carrier_mapping_ids.carrier_id:
                    continue
                values.append(
                    {
                        "backend_id": backend.id,
                        "carrier_id": carrier.id,
                        "shipping_corp": name,
                    }
                )
        return self.create(values)
