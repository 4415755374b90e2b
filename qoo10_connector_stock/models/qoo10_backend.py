# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.qoo10_connector.concurrency import Qoo10Busy
from odoo.addons.qoo10_connector.qapi import Qoo10Error
from odoo.addons.qoo10_connector.qapi.outcome import outcomes

_logger = logging.getLogger(__name__)

STOCK_RULE_FIELDS = {
    "stock_location_ids",
    "stock_location_id",
    "stock_buffer",
    "stock_cap",
    "warehouse_id",
}


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    auto_export_stock = fields.Boolean(
        string="Automatic Stock Sync",
        help="Send the free quantity of each mapped product to Qoo10 after every done "
        "stock move and on the stock cron. Off: only the Send Stock Now button sends.",
    )
    stock_refused_count = fields.Integer(
        string="Stock Refused",
        compute="_compute_stock_counts",
        help="Product mappings whose quantity Qoo10 refused.",
    )
    stock_review_count = fields.Integer(
        string="Stock to Confirm",
        compute="_compute_stock_counts",
        help="First quantities that would empty a listing or cut it sharply: they wait "
        "for a person to confirm them.",
    )
    stock_last_sync_at = fields.Datetime(string="Last Stock Sync", readonly=True)
    stock_last_sent = fields.Integer(string="Quantities Sent", readonly=True)
    stock_last_unchanged = fields.Integer(string="Quantities Unchanged", readonly=True)
    stock_last_refused = fields.Integer(string="Quantities Refused", readonly=True)
    stock_last_review = fields.Integer(string="Quantities to Confirm", readonly=True)

    def _compute_stock_counts(self):
        Mapping = "qoo10.product.mapping"
        refused = self._qoo10_grouped_count(Mapping, [("stock_state", "=", "error")])
        review = self._qoo10_grouped_count(Mapping, [("stock_state", "=", "review")])
        for backend in self:
            backend.stock_refused_count = refused.get(backend.id, 0)
            backend.stock_review_count = review.get(backend.id, 0)

    def write(self, vals):
        result = super().write(vals)
        if STOCK_RULE_FIELDS & set(vals):
            self.env["qoo10.product.mapping"].search(
                [("backend_id", "in", self.ids)]
            )._qoo10_mark_stock_pending()
        return result

    def action_open_stock_refused(self):
        return self._qoo10_dashboard_action(
            "qoo10_connector.action_qoo10_product_mapping", ["stock_error"]
        )

    def action_open_stock_review(self):
        return self._qoo10_dashboard_action(
            "qoo10_connector.action_qoo10_product_mapping", ["stock_review"]
        )

    def action_export_stock(self):
        """Send every changed quantity of this shop now; unchanged quantities are not sent again."""
        self.ensure_one()
        self.check_access("write")  # a manager's button, whoever calls it
        try:
            self._qoo10_lock_work("stock")  # never beside the stock cron of this shop
        except Qoo10Busy as error:
            raise UserError(str(error)) from error
        self._qoo10_export_stock(self._qoo10_stock_mappings())
        return self._qoo10_notification(
            _(
                "%(sent)s quantities sent to Qoo10, %(unchanged)s unchanged, "
                "%(errors)s refused, %(review)s to confirm.",
                sent=self.stock_last_sent,
                unchanged=self.stock_last_unchanged,
                errors=self.stock_last_refused,
                review=self.stock_last_review,
            ),
            "success",
        )

    def _qoo10_stock_mappings(self):
        return self.env["qoo10.product.mapping"].search(
            [("backend_id", "=", self.id), ("export_stock", "=", True)]
        )

    def _qoo10_export_stock(self, mappings):
        """Absolute quantities, per option (UpdateInventoryDataBulk) and per item
        (SetGoodsPriceQtyBulk), 500 rows a call; each row's result is matched to its
        mapping by key. Unchanged quantities are not sent; first quantities that would
        empty or sharply cut a listing wait for a person (the review list)."""
        self.ensure_one()
        quantities = self._qoo10_stock_quantities(mappings)
        plan = mappings._qoo10_stock_plan(quantities, self.stock_drop_share)
        plan["unchanged"]._qoo10_stock_done()
        plan["review"]._qoo10_stock_to_review(quantities)
        plan["item_level"]._qoo10_refuse_item_level()
        counts = {"sent": 0, "refused": len(plan["item_level"])}
        send = plan["send"]._qoo10_stock_lock()
        if send:
            self._qoo10_send_all_stock(send, quantities, counts)
        self.write(
            {
                "stock_last_sync_at": fields.Datetime.now(),
                "stock_last_sent": counts["sent"],
                "stock_last_unchanged": len(plan["unchanged"]),
                "stock_last_refused": counts["refused"],
                "stock_last_review": len(plan["review"]),
            }
        )
        return mappings

    def _qoo10_send_all_stock(self, send, quantities, counts):
        client = self._qoo10_client()
        options = send.filtered(lambda m: m._qoo10_is_option())
        try:
            if options:
                self._qoo10_send_stock(
                    client.update_inventory_data_bulk, options, quantities, counts
                )
            if send - options:
                self._qoo10_send_stock(
                    client.set_goods_price_qty_bulk, send - options, quantities, counts
                )
        except Qoo10Error as error:
            # unreachable or key refused: what was not answered stays pending
            self._qoo10_note_auth_problem(error)
            _logger.info("Qoo10 stock export of shop %s stopped: %s", self.id, error)

    def _qoo10_send_stock(self, call, mappings, quantities, counts):
        """One bulk call (500 rows a request); outcomes by key, never by position."""
        rows = {}
        for mapping in mappings:
            # two mappings of one listing and option: the second waits for the next run
            rows.setdefault(mapping._qoo10_stock_key(), mapping)
        results = call(
            [m._qoo10_stock_row(quantities[m.id], key) for key, m in rows.items()]
        )
        by_outcome = {}
        for key, outcome in outcomes(results, list(rows)).items():
            mapping = rows[key]
            group = (outcome.state, outcome.message, quantities[mapping.id])
            by_outcome.setdefault(group, []).append(mapping.id)
        counts.update(mappings._qoo10_stock_outcomes(by_outcome, previous=counts))

    @api.model
    def _cron_export_stock(self):
        backends = self.search(
            [("auto_export_stock", "=", True)]
        )._qoo10_active_backends()
        for backend in backends:
            backend._qoo10_cron_dispatch("stock")

    def _qoo10_cron_work_stock(self):
        """The stock cron's work for this shop: every changed quantity (the quantities
        of all its mappings are computed at once, so changes made without a stock move
        are caught too)."""
        self._qoo10_export_stock(self._qoo10_stock_mappings())
