# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from odoo.addons.qoo10_connector.qapi.outcome import REFUSED, SENT


class Qoo10ProductMapping(models.Model):
    _inherit = "qoo10.product.mapping"

    export_stock = fields.Boolean(
        default=True, help="Send this product's quantity to Qoo10."
    )
    stock_qty_sent = fields.Integer(string="Qty on Qoo10", readonly=True, copy=False)
    stock_sent_at = fields.Datetime(readonly=True, copy=False)
    stock_state = fields.Selection(
        [("none", "Never sent"), ("sent", "Sent"), ("error", "Error")],
        default="none",
        required=True,
        readonly=True,
        copy=False,
    )
    stock_error = fields.Char(readonly=True, copy=False)

    def _qoo10_changed_quantities(self, location):
        """{mapping: free quantity} for the mappings whose quantity differs from what Qoo10 has."""
        products = self.product_id.with_context(location=location.id)
        products.invalidate_recordset(
            ["free_qty"]
        )  # quantities may have moved in this transaction
        free = {product.id: product.free_qty for product in products}
        changed = {}
        for mapping in self:
            qty = max(int(free.get(mapping.product_id.id, 0)), 0)
            if mapping.stock_state != "sent" or mapping.stock_qty_sent != qty:
                changed[mapping] = qty
        return changed

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

    def _qoo10_stock_outcome(self, qty, outcome):
        """The stock outbox: sent, refused with Qoo10's message, or still pending."""
        if outcome.state == SENT:
            self.write(
                {
                    "stock_state": "sent",
                    "stock_qty_sent": qty,
                    "stock_sent_at": fields.Datetime.now(),
                    "stock_error": False,
                }
            )
        elif outcome.state == REFUSED:
            self.write({"stock_state": "error", "stock_error": outcome.message})
