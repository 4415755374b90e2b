# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The shop's Qoo10 items as last read by "Import Qoo10 listings" (QAPI.md §9.1)."""

from odoo import api, fields, models

from ..qapi import const

# Selection labels of Qoo10's item statuses; the codes themselves live in qapi/const.py.
ITEM_STATUS_SELECTION = [
    (code, label[:1].upper() + label[1:]) for code, label in const.ITEM_STATUS.items()
]


class Qoo10Listing(models.Model):
    _name = "qoo10.listing"
    _description = "Qoo10 Listing"
    _order = "backend_id, item_code"
    _rec_names_search = ["item_code", "seller_item_code", "title"]
    _check_company_auto = True

    backend_id = fields.Many2one(
        "qoo10.backend", string="Shop", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="backend_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="backend_id.currency_id")
    item_code = fields.Char(string="Qoo10 Item No.", required=True, index=True)
    seller_item_code = fields.Char(index=True)
    title = fields.Char()
    status = fields.Selection(ITEM_STATUS_SELECTION, string="Qoo10 Status")
    # A Float shown as money (widget monetary): a Monetary field looks its currency up
    # for each value written, over a third of the time spent creating the codes of an
    # import of thousands of listings.
    price = fields.Float(string="Qoo10 Price")
    qty = fields.Integer(string="Qoo10 Qty")
    has_options = fields.Boolean(
        help="The item has combination options: its stock is sent per option."
    )
    option_ids = fields.One2many("qoo10.listing.option", "listing_id", string="Codes")
    gone = fields.Boolean(
        string="Gone from Qoo10",
        index=True,
        help="The last import did not find this item on Qoo10 any more.",
    )
    read_state = fields.Selection(
        [("pending", "To read"), ("done", "Read"), ("error", "Error")],
        default="pending",
        required=True,
        index=True,
    )
    read_error = fields.Text(string="Error", readonly=True)
    import_run = fields.Integer(readonly=True, index=True, copy=False)
    read_at = fields.Datetime(string="Last read", readonly=True)
    raw_list = fields.Json(string="Qoo10 list row", readonly=True)
    raw_detail = fields.Json(string="Qoo10 detail", readonly=True)
    mapped_count = fields.Integer(compute="_compute_map_counts")
    unmapped_count = fields.Integer(compute="_compute_map_counts")

    _sql_constraints = [
        (
            "item_code_uniq",
            "unique (backend_id, item_code)",
            "This Qoo10 item is already listed for this shop.",
        )
    ]

    @api.depends("title", "item_code")
    def _compute_display_name(self):
        for listing in self:
            listing.display_name = (
                f"[{listing.item_code}] {listing.title or ''}".strip()
            )

    @api.depends("option_ids.map_state")
    def _compute_map_counts(self):
        for listing in self:
            states = listing.option_ids.mapped("map_state")
            listing.mapped_count = states.count("mapped")
            listing.unmapped_count = states.count("unmapped") + states.count("conflict")

    def action_view_codes(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qoo10_connector.action_qoo10_listing_option"
        )
        action["domain"] = [("listing_id", "in", self.ids)]
        action["context"] = {"search_default_group_listing": 1}
        return action
