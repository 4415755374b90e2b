# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

SELLER_GRADE = [
    ("general", "General seller"),
    ("excellent", "Excellent seller"),
    ("power", "Power seller"),
]


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    seller_grade = fields.Selection(
        SELLER_GRADE,
        default="general",
        required=True,
        help="The shop's seller grade in QSM. Qoo10 Japan settles a delivered order "
        "after 15 days (general seller), 10 days (excellent) or 5 days (power seller), "
        "on the next Wednesday: this gives the expected settlement date of the shop's "
        "Qoo10 orders.",
    )
