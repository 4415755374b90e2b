# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountBankStatement(models.Model):
    _inherit = "account.bank.statement"

    qoo10_backend_id = fields.Many2one(
        "qoo10.backend", string="Qoo10 Shop", readonly=True, index="btree_not_null"
    )
    qoo10_date_from = fields.Date(string="Qoo10 Period From", readonly=True)
    qoo10_date_to = fields.Date(string="Qoo10 Period To", readonly=True)
    qoo10_suspicious = fields.Boolean(
        string="Suspicious",
        readonly=True,
        help="The file of this statement has no row although Odoo delivered Qoo10 "
        "orders in its period: QSM exports can be empty while money was paid. Check "
        "the Q-account history (Qアカウントの履歴) before reading it as no sales.",
    )
    qoo10_suspicious_reason = fields.Text(string="Why Suspicious", readonly=True)
