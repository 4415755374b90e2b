# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountTax(models.Model):
    _inherit = "account.tax"

    # A Qoo10 amount already holds its consumption tax: the import puts such amounts on
    # the price-included twin of a tax (same rate, group, accounts and tax-report tags).
    qoo10_source_tax_id = fields.Many2one(
        "account.tax",
        string="Tax-included Twin of",
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The price-excluded tax this tax mirrors for Qoo10's tax-included amounts.",
    )
