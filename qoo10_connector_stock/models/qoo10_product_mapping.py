# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.qoo10_connector.qapi.outcome import REFUSED, SENT

RULE_FIELDS = {"stock_buffer_own", "stock_buffer", "stock_cap", "product_id"}


class Qoo10ProductMapping(models.Model):
    _inherit = "qoo10.product.mapping"

    export_stock = fields.Boolean(
        default=True, help="Send this product's quantity to Qoo10."
    )
    stock_buffer_own = fields.Boolean(
        string="Own Safety Buffer", help="Use this mapping's buffer, not the shop's."
    )
    stock_buffer = fields.Integer(
        string="Safety Buffer", help="Units kept back from Qoo10 for this mapping."
    )
    stock_cap = fields.Integer(
        string="Quantity Cap",
        help="Never send more than this for this mapping (0: only the shop's cap).",
    )
    stock_pending = fields.Boolean(
        string="Stock to Sync",
        default=True,
        readonly=True,
        copy=False,
        index=True,
        help="A stock move or a setting changed this mapping's quantity since it was "
        "last sent: the stock cron sends it.",
    )
    stock_qty_to_send = fields.Integer(
        string="Qty to Send",
        compute="_compute_stock_qty_to_send",
        help="What the shop's rule gives for this mapping now.",
    )
    stock_qty_sent = fields.Integer(string="Qty Last Sent", readonly=True, copy=False)
    stock_sent_at = fields.Datetime(string="Sent At", readonly=True, copy=False)
    stock_qty_qoo10 = fields.Integer(
        string="Qty on Qoo10",
        compute="_compute_stock_qty_qoo10",
        help="The quantity Qoo10 reported at the last import of the listings.",
    )
    stock_state = fields.Selection(
        [
            ("none", "Never sent"),
            ("review", "To confirm"),
            ("sent", "Sent"),
            ("error", "Error"),
        ],
        default="none",
        required=True,
        readonly=True,
        copy=False,
    )
    stock_error = fields.Char(readonly=True, copy=False)
    stock_confirmed = fields.Boolean(
        string="Drop Confirmed",
        readonly=True,
        copy=False,
        help="A person confirmed this mapping's first quantity.",
    )

    def _compute_stock_qty_to_send(self):
        for backend in self.backend_id:
            mappings = self.filtered(lambda m, b=backend: m.backend_id == b)
            quantities = backend._qoo10_stock_quantities(mappings)
            for mapping in mappings:
                mapping.stock_qty_to_send = quantities.get(mapping.id, 0)
        self.filtered(lambda m: not m.backend_id).stock_qty_to_send = 0

    @api.depends("listing_option_ids.qty", "listing_option_ids.gone")
    def _compute_stock_qty_qoo10(self):
        for mapping in self:
            rows = mapping.listing_option_ids.filtered(lambda r: not r.gone)
            mapping.stock_qty_qoo10 = rows[:1].qty

    def _qoo10_qoo10_qty_known(self):
        self.ensure_one()
        return bool(self.listing_option_ids.filtered(lambda r: not r.gone))

    def write(self, vals):
        result = super().write(vals)
        if RULE_FIELDS & set(vals) or vals.get("export_stock"):
            self._qoo10_mark_stock_pending()
        return result

    # --- marking (no Qoo10 call) -------------------------------------------------------------
    def _qoo10_mark_stock_pending(self):
        if self.ids:
            self.flush_recordset(["stock_pending"])
            self.env.cr.execute(
                "UPDATE qoo10_product_mapping SET stock_pending = TRUE "
                "WHERE id = ANY(%s) AND stock_pending IS NOT TRUE",
                [self.ids],
            )
            self.invalidate_recordset(["stock_pending"])

    @api.model
    def _qoo10_mark_stock_products(self, product_ids):
        """Mark the mappings of these products (one UPDATE) and bring the stock cron
        forward when one of them belongs to a shop that syncs stock automatically."""
        if not product_ids:
            return
        self.flush_model(["product_id", "export_stock", "stock_pending", "backend_id"])
        self.env["qoo10.backend"].flush_model(["auto_export_stock"])
        self.env.cr.execute(
            """UPDATE qoo10_product_mapping m SET stock_pending = TRUE
                FROM qoo10_backend b
               WHERE m.backend_id = b.id AND m.product_id = ANY(%s)
                 AND m.export_stock
           RETURNING b.auto_export_stock""",
            [list(product_ids)],
        )
        autos = [row[0] for row in self.env.cr.fetchall()]
        if autos:
            self.invalidate_model(["stock_pending"])
        if any(autos):
            self.env.ref("qoo10_connector_stock.ir_cron_qoo10_export_stock")._trigger()

    def action_qoo10_stock_confirm(self):
        """A person accepts these first quantities: the next run sends them."""
        to_confirm = self.filtered(lambda m: m.stock_state == "review")
        to_confirm.write({"stock_confirmed": True})
        to_confirm._qoo10_mark_stock_pending()
        if to_confirm.backend_id.filtered("auto_export_stock"):
            self.env.ref("qoo10_connector_stock.ir_cron_qoo10_export_stock")._trigger()
        return True

    # --- the plan of one run -----------------------------------------------------------------
    def _qoo10_stock_plan(self, quantities, drop_share):
        """Split these mappings: unchanged, to review, item-level of a listing with
        options (refused), to send."""
        unchanged = self.filtered(
            lambda m: m.stock_state == "sent" and m.stock_qty_sent == quantities[m.id]
        )
        rest = self - unchanged
        item_level = rest._qoo10_listings_with_options()
        rest -= item_level
        review = rest.filtered(lambda m: m._qoo10_needs_review(quantities, drop_share))
        return {
            "unchanged": unchanged,
            "review": review,
            "item_level": item_level,
            "send": rest - review,
        }

    def _qoo10_needs_review(self, quantities, drop_share):
        """A first quantity (never sent, not confirmed) that would empty the listing or
        cut what Qoo10 shows by more than ``drop_share`` percent."""
        self.ensure_one()
        if (
            self.stock_sent_at
            or self.stock_confirmed
            or not self._qoo10_qoo10_qty_known()
        ):
            return False
        shown, qty = self.stock_qty_qoo10, quantities[self.id]
        if shown <= 0 or qty >= shown:
            return False
        return qty == 0 or (shown - qty) * 100 > drop_share * shown

    def _qoo10_stock_lock(self):
        """The mappings to send that no concurrent transaction holds (a user saving
        one, another run), locked until this run commits: the outcome written after the
        call can then meet no concurrent save, so a quantity Qoo10 applied is never
        rolled back and sent again. A mapping changed since this transaction began
        raises a serialization failure here, before anything is sent; one held by a
        save in progress is left pending for the next run."""
        if not self:
            return self
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM qoo10_product_mapping WHERE id IN %s"
                " FOR NO KEY UPDATE SKIP LOCKED",
                tuple(self.ids),
            )
        )
        locked = {row[0] for row in self.env.cr.fetchall()}
        return self.filtered(lambda mapping: mapping.id in locked)

    def _qoo10_stock_done(self):
        self.filtered("stock_pending").write({"stock_pending": False})

    def _qoo10_stock_to_review(self, quantities):
        if self:
            self.write({"stock_state": "review", "stock_error": False})

    def _qoo10_is_option(self):
        """Option call or item call: the listing's kind as last imported decides; a code
        no import has seen yet goes by the mapping's own option fields."""
        rows = self.listing_option_ids.filtered(lambda r: not r.gone)
        if rows:
            return rows[0].kind == "combination"
        return bool(self.option_code or self.option_name)

    def _qoo10_refuse_item_level(self):
        """Item-level mappings of listings with options: sending their quantity to the
        item would be wrong (Qoo10 keeps stock per option), so nothing is sent."""
        for mapping in self:
            mapping.write(
                {
                    "stock_state": "error",
                    "stock_error": self.env._(
                        "Qoo10 item %(item)s has options: its stock is kept per option. Map "
                        "each option code (see Listing Codes) instead of the item; no "
                        "quantity was sent.",
                        item=mapping.item_code or mapping.seller_item_code,
                    ),
                }
            )

    def _qoo10_stock_key(self):
        """What names this mapping's row in a bulk answer: its listing and its option."""
        self.ensure_one()
        listing = self.item_code or self.seller_item_code or ""
        option = self.option_code or self.option_value or ""
        return f"{listing}/{option}" if self._qoo10_is_option() else listing

    def _qoo10_stock_row(self, qty, key):
        """A bulk row: the quantity only, never a price nor an expiry date (QAPI.md §9.2)."""
        row = {
            "key": key,
            "item_code": self.item_code or "",
            "seller_code": self.seller_item_code or "",
            "qty": qty,
        }
        if self._qoo10_is_option():
            row.update(
                option_name=self.option_name or "",
                option_value=self.option_value or "",
                option_code=self.option_code or "",
            )
        return row

    def _qoo10_stock_outcomes(self, by_outcome, previous):
        """The stock outbox, written per group of equal outcomes: sent (no longer
        pending), refused with Qoo10's message (pending: tried again next run), or
        unknown (pending, unchanged)."""
        now = fields.Datetime.now()
        counts = {"sent": previous["sent"], "refused": previous["refused"]}
        for (state, message, qty), ids in by_outcome.items():
            mappings = self.browse(ids)
            if state == SENT:
                mappings.write(
                    {
                        "stock_state": "sent",
                        "stock_qty_sent": qty,
                        "stock_sent_at": now,
                        "stock_error": False,
                        "stock_pending": False,
                    }
                )
                counts["sent"] += len(ids)
            elif state == REFUSED:
                mappings.write({"stock_state": "error", "stock_error": message})
                counts["refused"] += len(ids)
        return counts
