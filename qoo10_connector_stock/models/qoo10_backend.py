# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import _, api, fields, models

from odoo.addons.qoo10_connector.qapi import Qoo10Error
from odoo.addons.qoo10_connector.qapi.outcome import outcomes

_logger = logging.getLogger(__name__)


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    auto_export_stock = fields.Boolean(
        string="Automatic Stock Sync",
        help="Send the free quantity of each mapped product to Qoo10 when it changes.",
    )
    stock_location_id = fields.Many2one(
        "stock.location",
        check_company=True,
        domain="[('usage', '=', 'internal')]",
        help="Where the quantities sent to Qoo10 are counted; the warehouse's stock location when empty.",
    )

    stock_refused_count = fields.Integer(
        string="Stock Refused",
        compute="_compute_stock_refused_count",
        help="Product mappings whose quantity Qoo10 refused.",
    )

    def _compute_stock_refused_count(self):
        counts = self._qoo10_grouped_count(
            "qoo10.product.mapping", [("stock_state", "=", "error")]
        )
        for backend in self:
            backend.stock_refused_count = counts.get(backend.id, 0)

    def action_open_stock_refused(self):
        return self._qoo10_dashboard_action(
            "qoo10_connector.action_qoo10_product_mapping", ["stock_error"]
        )

    def action_export_stock(self):
        """Send every changed quantity of this shop now; unchanged quantities are not sent again."""
        self.ensure_one()
        mappings = self.env["qoo10.product.mapping"].search(
            [("backend_id", "=", self.id), ("export_stock", "=", True)]
        )
        sent = self._qoo10_export_stock(mappings)
        return self._qoo10_notification(
            _(
                "%(sent)s quantities sent to Qoo10, %(errors)s refused.",
                sent=len(sent.filtered(lambda m: m.stock_state == "sent")),
                errors=len(sent.filtered(lambda m: m.stock_state == "error")),
            ),
            "success",
        )

    def _qoo10_stock_location(self):
        return self.stock_location_id or self.warehouse_id.lot_stock_id

    def _qoo10_export_stock(self, mappings):
        """Absolute quantities, per option (UpdateInventoryDataBulk) and per item
        (SetGoodsPriceQtyBulk); each row's result is matched to its mapping by key."""
        self.ensure_one()
        changed = mappings._qoo10_changed_quantities(self._qoo10_stock_location())
        refused = mappings.browse(
            [m.id for m in changed]
        )._qoo10_listings_with_options()
        refused._qoo10_refuse_item_level()
        changed = {m: qty for m, qty in changed.items() if m not in refused}
        if not changed:
            return refused
        client = self._qoo10_client()
        options = {m: qty for m, qty in changed.items() if m._qoo10_is_option()}
        items = {m: qty for m, qty in changed.items() if m not in options}
        try:
            if options:
                self._qoo10_send_stock(client.update_inventory_data_bulk, options)
            if items:
                self._qoo10_send_stock(client.set_goods_price_qty_bulk, items)
        except Qoo10Error as error:
            self._qoo10_note_auth_problem(error)
            _logger.info("Qoo10 stock export of shop %s stopped: %s", self.id, error)
        return refused | self.env["qoo10.product.mapping"].browse(
            [m.id for m in changed]
        )

    def _qoo10_send_stock(self, call, quantities):
        """One bulk call (500 rows a request); outcomes by key, never by position."""
        rows = {}
        for mapping, qty in quantities.items():
            # two mappings of one listing and option: the second waits for the next run
            rows.setdefault(mapping._qoo10_stock_key(), (mapping, qty))
        results = call([m._qoo10_stock_row(qty, key) for key, (m, qty) in rows.items()])
        for key, outcome in outcomes(results, list(rows)).items():
            mapping, qty = rows[key]
            mapping._qoo10_stock_outcome(qty, outcome)

    @api.model
    def _cron_export_stock(self):
        backends = self.search(
            [("auto_export_stock", "=", True)]
        )._qoo10_active_backends()
        for backend in backends:
            backend._qoo10_cron_dispatch("stock")

    def _qoo10_cron_work_stock(self):
        """The stock cron's work for this shop: every changed quantity."""
        mappings = self.env["qoo10.product.mapping"].search(
            [("backend_id", "=", self.id), ("export_stock", "=", True)]
        )
        self._qoo10_export_stock(mappings)
