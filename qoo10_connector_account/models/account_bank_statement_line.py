# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

QOO10_EVENTS = [
    ("payment", "決済"),
    ("cancel", "キャンセル"),
    ("return", "返品"),
    ("refund", "払い戻し"),
    ("cart_coupon", "カート割引"),
    ("promotion", "メガ割"),
    ("payout", "出金 (payout)"),
    ("transfer_fee", "振込手数料 (transfer fee)"),
]
SETTLE_STATES = [
    ("matched", "Matched"),
    ("open", "Open"),
]


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    qoo10_backend_id = fields.Many2one(
        "qoo10.backend", string="Qoo10 Shop", readonly=True, index="btree_not_null"
    )
    qoo10_order_no = fields.Char(readonly=True, index=True)
    qoo10_pack_no = fields.Char(string="Qoo10 Cart No.", readonly=True, index=True)
    qoo10_order_line_id = fields.Many2one("qoo10.order.line", readonly=True)
    qoo10_event = fields.Selection(QOO10_EVENTS, readonly=True)
    qoo10_fee = fields.Monetary(
        string="Qoo10 Fee in File", currency_field="currency_id", readonly=True
    )
    qoo10_seller_discount = fields.Monetary(
        string="Seller Discount in File", currency_field="currency_id", readonly=True
    )
    qoo10_fee_booked = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        copy=False,
    )
    qoo10_discount_booked = fields.Monetary(
        string="Seller Discount Booked",
        currency_field="currency_id",
        readonly=True,
        copy=False,
    )
    qoo10_settle_state = fields.Selection(
        SETTLE_STATES, string="Qoo10 Matching", readonly=True, copy=False
    )
    qoo10_settle_note = fields.Char(
        string="Qoo10 Matching Note",
        readonly=True,
        copy=False,
        help="Why the line was left open, or how it was matched.",
    )

    def _retrieve_partner(self):
        """A Qoo10 line is money from Qoo10, not from a buyer: no partner guessed from
        its text (OCA's regular-expression search over every partner name, slow on a
        20,000-row file and wrong when a product name holds a partner's name)."""
        if self.qoo10_event and not self.partner_id:
            return self.env["res.partner"]
        return super()._retrieve_partner()
