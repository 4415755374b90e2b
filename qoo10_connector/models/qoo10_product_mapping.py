# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class Qoo10ProductMapping(models.Model):
    """Qoo10's Seller Item Code (per item) or Seller SKU Code (per option) -> an Odoo product."""

    _name = "qoo10.product.mapping"
    _description = "Qoo10 Product Mapping"
    _order = "backend_id, seller_item_code, option_code"
    _rec_name = "seller_item_code"
    _check_company_auto = True

    backend_id = fields.Many2one(
        "qoo10.backend", string="Shop", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="backend_id.company_id", store=True, index=True
    )
    item_code = fields.Char(
        string="Qoo10 Item No.",
        help="Qoo10's own number of the listing: enough on its own to map a listing "
        "that has no Seller Item Code.",
    )
    seller_item_code = fields.Char(index=True)
    option_code = fields.Char(
        string="Seller SKU Code", index=True, help="Seller code of one option."
    )
    option_name = fields.Char(
        help="Option names, e.g. カラー||*サイズ (needed to send option stock)."
    )
    option_value = fields.Char(help="Option values, e.g. 黒||*M.")
    product_id = fields.Many2one(
        "product.product", required=True, check_company=True, index=True
    )
    listing_option_ids = fields.One2many(
        "qoo10.listing.option", "mapping_id", string="Qoo10 listing codes"
    )
    listing_state = fields.Selection(
        [("current", "On Qoo10"), ("gone", "Listing gone"), ("unknown", "Not read")],
        compute="_compute_listing_state",
        store=True,
        help="What the last import of the Qoo10 listings found for this code.",
    )

    # One product per code and shop, as the import looks codes up (components/order_mapper.py, resolve_products):
    # an option's Seller SKU Code, else the item's Seller Item Code, else Qoo10's Item No.
    _sql_constraints = [
        (
            "option_code_uniq",
            "EXCLUDE (backend_id WITH =, option_code WITH =) WHERE (option_code <> '')",
            "This Seller SKU Code is already mapped for this shop.",
        ),
        (
            "seller_item_code_uniq",
            "EXCLUDE (backend_id WITH =, seller_item_code WITH =) "
            "WHERE (COALESCE(option_code, '') = '' AND seller_item_code <> '')",
            "This Seller Item Code is already mapped for this shop.",
        ),
        (
            "item_no_uniq",
            "EXCLUDE (backend_id WITH =, item_code WITH =) "
            "WHERE (COALESCE(option_code, '') = '' AND item_code <> '')",
            "This Qoo10 Item No. is already mapped for this shop.",
        ),
    ]

    @api.depends("listing_option_ids.gone")
    def _compute_listing_state(self):
        for mapping in self:
            rows = mapping.listing_option_ids
            if not rows:
                mapping.listing_state = "unknown"
            elif all(rows.mapped("gone")):
                mapping.listing_state = "gone"
            else:
                mapping.listing_state = "current"

    def _qoo10_is_item_level(self):
        self.ensure_one()
        return not (self.option_code or self.option_name)

    def _qoo10_listings_with_options(self):
        """The item-level mappings among these whose Qoo10 listing has combination
        options (as last imported): their quantity must go per option, not per item."""
        item_level = self.filtered(lambda m: m._qoo10_is_item_level())
        if not item_level:
            return self.browse()
        listings = self.env["qoo10.listing"].search(
            [
                ("backend_id", "in", item_level.backend_id.ids),
                ("has_options", "=", True),
                ("gone", "=", False),
                "|",
                ("item_code", "in", [c for c in item_level.mapped("item_code") if c]),
                (
                    "seller_item_code",
                    "in",
                    [c for c in item_level.mapped("seller_item_code") if c],
                ),
            ]
        )
        keys = {(x.backend_id.id, x.item_code) for x in listings}
        keys |= {
            (x.backend_id.id, x.seller_item_code)
            for x in listings
            if x.seller_item_code
        }
        return item_level.filtered(
            lambda m: (
                (m.backend_id.id, m.item_code) in keys
                or (m.backend_id.id, m.seller_item_code) in keys
            )
        )

    @api.constrains("seller_item_code", "option_code", "item_code")
    def _check_code(self):
        for mapping in self:
            if not (
                mapping.seller_item_code or mapping.option_code or mapping.item_code
            ):
                raise ValidationError(
                    _(
                        "A mapping needs a Seller Item Code, a Seller SKU Code or, for a "
                        "listing without seller codes, the Qoo10 Item No."
                    )
                )

    def _check_company(self, fnames=None):
        """Odoo's check, with the product checked once per company instead of once per
        mapping (a workbook creates tens of thousands at a time): the mappings whose
        product fails go through Odoo's own check, for its message."""
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = list(self._fields)
        if "product_id" not in fnames:
            return super()._check_company(fnames)
        others = [f for f in fnames if f not in ("product_id", "company_id")]
        super()._check_company(others)
        suspects = self.browse()
        for company, mappings in self.sudo().grouped("company_id").items():
            products = mappings.product_id
            domain = products._check_company_domain(company)
            if domain:
                good = products.with_context(active_test=False).filtered_domain(domain)
                suspects |= mappings.filtered(lambda m, g=good: m.product_id not in g)
        if suspects:
            super(Qoo10ProductMapping, suspects.with_env(self.env))._check_company(
                ["product_id"]
            )
        return None

    @api.model_create_multi
    def create(self, vals_list):
        mappings = super().create(vals_list)
        mappings._qoo10_mark_waiting()
        return mappings

    def write(self, vals):
        result = super().write(vals)
        if {"seller_item_code", "option_code", "item_code", "product_id"} & set(vals):
            self._qoo10_mark_waiting()
        return result

    def _qoo10_mark_waiting(self):
        """Orders waiting for one of these codes may now be complete: mark them for the
        import cron (a save never imports nor calls Qoo10)."""
        codes = {
            code
            for mapping in self
            for code in (
                mapping.option_code,
                mapping.seller_item_code,
                mapping.item_code,
            )
            if code
        }
        self.env["qoo10.order"]._qoo10_mark_waiting(codes, self.backend_id)
