# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""QSM layouts on OCA's sheet mappings: the presets are ordinary mappings a user can
copy and edit (the column text) when Qoo10 changes its export."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import settle_columns

# Columns a layout cannot do without (SETTLEMENT.md §2.3 3.).
REQUIRED = ("date", "order_no", "amount")
REQUIRED_BY_LAYOUT = {"qaccount": ("date", "description", "amount")}


class AccountStatementImportSheetMapping(models.Model):
    _inherit = "account.statement.import.sheet.mapping"

    qoo10_layout = fields.Selection(
        [
            ("sales_detail", "販売詳細内訳 (sales detail)"),
            ("cart_discount", "カート割引 (cart discount)"),
            ("promotion", "プロモーション精算内訳 (promotion settlement)"),
            ("qaccount", "Qアカウントの履歴 (Q-account history: payouts)"),
        ],
        help="Read the file as this QSM settlement export: columns by header name with "
        "aliases, known positions as fallback, every other column kept on the line.",
    )
    qoo10_first_header = fields.Char(
        string="Required First Header",
        help="A file whose first header does not contain this text is refused.",
    )
    qoo10_columns = fields.Text(
        help="One column per line: key = header, alias, ... @position (0-based; used only "
        "when no alias is in the header). Keys: date, settle_date, event, order_no, "
        "pack_no, amount, fee, seller_discount, title, qty, item_code, seller_code, "
        "tax_rate; for the Q-account history: date, description, amount, fee.",
    )

    @api.constrains("qoo10_layout", "qoo10_columns")
    def _check_qoo10_columns(self):
        for mapping in self.filtered("qoo10_layout"):
            try:
                spec = settle_columns.parse_spec(mapping.qoo10_columns)
            except settle_columns.LayoutError as error:
                raise ValidationError(str(error)) from error
            missing = [key for key in mapping._qoo10_required() if key not in spec]
            if missing:
                raise ValidationError(
                    self.env._(
                        "The Qoo10 columns need a line for: %(keys)s",
                        keys=", ".join(missing),
                    )
                )

    def _qoo10_required(self):
        self.ensure_one()
        return REQUIRED_BY_LAYOUT.get(self.qoo10_layout, REQUIRED)

    def _qoo10_spec(self):
        self.ensure_one()
        return settle_columns.parse_spec(self.qoo10_columns)
