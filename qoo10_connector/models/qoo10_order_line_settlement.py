# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What Qoo10 will settle for a line: who funded its discounts, SettlePrice, the
service fee SettlePrice implies and when Qoo10 settles it (QAPI.md 6.7, SETTLEMENT.md 4)."""

from zoneinfo import ZoneInfo

from odoo import api, fields, models

from .. import mappers
from ..qapi import const
from .qoo10_order import QOO10_STATUS_CANCEL


class Qoo10OrderLine(models.Model):
    _inherit = "qoo10.order.line"

    delivered_date = fields.Datetime(string="Delivered On", readonly=True)
    seller_funded = fields.Float(
        string="Seller-Funded Discounts",
        readonly=True,
        digits=(16, 2),
        help="The seller's part of the line discount (SellerDiscount) and the line's "
        "share of the seller's cart coupon: they reduce the seller's sales.",
    )
    qoo10_funded = fields.Float(
        string="Qoo10-Funded Discounts",
        readonly=True,
        digits=(16, 2),
        help="Qoo10's part of the line discount and the line's share of Qoo10's cart "
        "coupon: Qoo10 pays them to the seller, they do not reduce the sales.",
    )
    service_fee = fields.Float(
        string="Qoo10 Service Fee",
        compute="_compute_service_fee",
        store=True,
        digits=(16, 2),
        help="The fee SettlePrice implies: the line's amount before discounts, less the "
        "seller-funded discounts, less SettlePrice. Empty when Qoo10 sent no SettlePrice.",
    )
    settle_date = fields.Date(
        string="Expected Settlement Date",
        compute="_compute_settle_date",
        store=True,
        help="Qoo10 Japan settles a line on the first Wednesday after its delivery date "
        "plus the waiting days of the shop's seller grade. Empty until Qoo10 reports the "
        "line delivered, for a cancelled line and outside Japan.",
    )

    def _qoo10_cart_values(self, rows):
        """Who funded each line's discounts, and its delivery date once Qoo10 gives it
        (a row without one, such as an older stored row, leaves it as it is)."""
        values = super()._qoo10_cart_values(rows)
        for order_no, (seller, qoo10) in mappers.line_funding(rows).items():
            values.setdefault(order_no, {}).update(
                seller_funded=float(seller), qoo10_funded=float(qoo10)
            )
        for row in rows:
            if row.delivered_date:
                values.setdefault(row.order_no, {})["delivered_date"] = (
                    mappers.to_utc_naive(row.delivered_date)
                )
        return values

    @api.depends("total", "discount", "seller_funded", "settle_price")
    def _compute_service_fee(self):
        for line in self:
            gross = line.total + line.discount
            line.service_fee = (
                gross - line.seller_funded - line.settle_price
                if line.settle_price
                else 0.0
            )

    @api.depends(
        "delivered_date",
        "qoo10_status",
        "backend_id.seller_grade",
        "backend_id.region",
        "backend_id.tz",
    )
    def _compute_settle_date(self):
        for line in self:
            backend = line.backend_id
            if (
                not line.delivered_date
                or line.qoo10_status == QOO10_STATUS_CANCEL
                or backend.region not in const.SETTLEMENT_REGIONS
            ):
                line.settle_date = False
                continue
            delivered = line.delivered_date.replace(tzinfo=ZoneInfo("UTC"))
            local = delivered.astimezone(ZoneInfo(backend.tz or "Asia/Tokyo")).date()
            line.settle_date = mappers.expected_settlement_date(
                local,
                const.SETTLEMENT_WAIT_DAYS.get(backend.seller_grade),
                const.SETTLEMENT_WEEKDAY,
            )
