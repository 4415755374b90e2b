# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One code a Qoo10 listing sells under, and how it maps to a product.

An item without combination options has one row of kind ``item`` (its Seller Item Code);
an item with options has one ``combination`` row per option (its option code, names and
values, ``||*``-joined as Qoo10 sends them) and ``single`` rows for its add-on options,
which are shown but never mapped (they have no quantity of their own).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..qapi import const

KIND_ITEM = "item"
MAPPABLE_KINDS = (KIND_ITEM, const.OPTION_COMBINATION)
CONFLICT_REASONS = ("several_products", "duplicate_code")


class Qoo10ListingOption(models.Model):
    _name = "qoo10.listing.option"
    _description = "Qoo10 Listing Code"
    _order = "listing_id, sequence, id"
    _rec_name = "code"
    _check_company_auto = True

    listing_id = fields.Many2one(
        "qoo10.listing", required=True, ondelete="cascade", index=True
    )
    backend_id = fields.Many2one(
        related="listing_id.backend_id", store=True, index=True, string="Shop"
    )
    company_id = fields.Many2one(related="listing_id.company_id", store=True)
    currency_id = fields.Many2one(related="listing_id.currency_id")
    item_code = fields.Char(related="listing_id.item_code", store=True, index=True)
    seller_item_code = fields.Char(related="listing_id.seller_item_code", store=True)
    title = fields.Char(related="listing_id.title")
    status = fields.Selection(related="listing_id.status")
    sequence = fields.Integer()
    kind = fields.Selection(
        [
            (KIND_ITEM, "Item without options"),
            (const.OPTION_COMBINATION, "Combination option"),
            (const.OPTION_SINGLE, "Single-type option"),
        ],
        required=True,
        default=KIND_ITEM,
    )
    option_name = fields.Char(help="Option names, e.g. カラー||*サイズ.")
    option_value = fields.Char(help="Option values, e.g. 黒||*M.")
    option_code = fields.Char(string="Seller Option Code", index=True)
    code = fields.Char(
        compute="_compute_code",
        store=True,
        index=True,
        help="The code a product is matched by: the option code of an option, the "
        "Seller Item Code of an item without options.",
    )
    price = fields.Float(  # shown as money: see qoo10.listing.price
        string="Qoo10 Price", help="Item price, or the option's extra price."
    )
    qty = fields.Integer(string="Qoo10 Qty")
    gone = fields.Boolean(string="Gone from Qoo10", index=True)
    raw = fields.Json(string="Qoo10 row", readonly=True)
    mapping_id = fields.Many2one(
        "qoo10.product.mapping", ondelete="set null", index=True, readonly=True
    )
    product_id = fields.Many2one(
        "product.product",
        compute="_compute_product_id",
        inverse="_inverse_product_id",
        check_company=True,
        help="Pick the product sold under this code: the mapping is created or changed.",
    )
    map_reason = fields.Selection(
        [
            ("no_code", "No code on Qoo10"),
            ("no_product", "No product with this code"),
            ("several_products", "Several products with this code"),
            ("duplicate_code", "Code used by several Qoo10 listings"),
        ],
        string="Why not mapped",
        readonly=True,
    )
    map_state = fields.Selection(
        [
            ("mapped", "Mapped"),
            ("unmapped", "Unmapped"),
            ("conflict", "Conflicting"),
            ("none", "Not mapped (add-on option)"),
        ],
        compute="_compute_map_state",
        store=True,
        index=True,
    )
    candidate_product_ids = fields.Many2many(
        "product.product",
        compute="_compute_candidate_product_ids",
        string="Products with this code",
    )

    _sql_constraints = [
        (
            "row_uniq",
            "EXCLUDE (listing_id WITH =, kind WITH =, "
            "(COALESCE(option_name, '')) WITH =, (COALESCE(option_value, '')) WITH =)",
            "This option is already listed for this Qoo10 item.",
        )
    ]

    @api.depends("kind", "option_code", "listing_id.seller_item_code")
    def _compute_code(self):
        for row in self:
            if row.kind == KIND_ITEM:
                row.code = row.listing_id.seller_item_code or False
            else:
                row.code = row.option_code or False

    @api.depends("mapping_id.product_id")
    def _compute_product_id(self):
        for row in self:
            row.product_id = row.mapping_id.product_id

    @api.depends("kind", "mapping_id.product_id", "map_reason")
    def _compute_map_state(self):
        for row in self:
            if row.kind not in MAPPABLE_KINDS:
                row.map_state = "none"
            elif row.mapping_id.product_id:
                row.map_state = "mapped"
            elif row.map_reason in CONFLICT_REASONS:
                row.map_state = "conflict"
            else:
                row.map_state = "unmapped"

    @api.depends("code", "company_id")
    def _compute_candidate_product_ids(self):
        products = self.env["product.product"]
        for row in self:
            row.candidate_product_ids = (
                products.search(row._qoo10_product_domain([row.code], row.company_id))
                if row.code
                else products
            )

    @api.model
    def _qoo10_product_domain(self, codes, company):
        """Products a code may name: internal reference or barcode, in the shop's company."""
        return [
            "|",
            ("default_code", "in", list(codes)),
            ("barcode", "in", list(codes)),
            ("company_id", "in", [False, company.id]),
        ]

    def _inverse_product_id(self):
        """A Qoo10 Manager confirms or edits: the mapping follows the chosen product."""
        for row in self.filtered(lambda r: r.kind in MAPPABLE_KINDS):
            if row.product_id and not row.code:
                raise UserError(
                    self.env._(
                        "%(item)s has no Seller Item Code or option code on Qoo10: give it "
                        "one in QSM, import the listings again, then map it.",
                        item=row.listing_id.display_name,
                    )
                )
            if row.mapping_id and row.product_id:
                row.mapping_id.product_id = row.product_id
            elif row.mapping_id:
                row.mapping_id.unlink()
            elif row.product_id:
                row.mapping_id = self.env["qoo10.product.mapping"].create(
                    row._prepare_mapping_values(row.product_id)
                )

    def _prepare_mapping_values(self, product):
        self.ensure_one()
        values = {
            "backend_id": self.backend_id.id,
            "item_code": self.item_code,
            "seller_item_code": self.seller_item_code or False,
            "product_id": product.id,
        }
        if self.kind == const.OPTION_COMBINATION:
            values.update(
                option_code=self.option_code or False,
                option_name=self.option_name,
                option_value=self.option_value,
            )
        return values

    def action_propose_mappings(self):
        """Match these codes again (after products were created or codes fixed)."""
        self._qoo10_propose()
        return True

    def _qoo10_propose(self):
        for backend in self.backend_id:
            backend._qoo10_listing_matcher().propose(
                self.filtered(lambda r, b=backend: r.backend_id == b)
            )
