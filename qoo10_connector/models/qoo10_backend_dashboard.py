# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Qoo10 dashboard: one kanban card per shop with what needs doing.

Every count is read for all the shops on screen at once, one grouped query per kind of
record, and each count opens its list through the search filter that defines it (the
same domain, so the list shows what the card counted)."""

from odoo import _, api, fields, models

from ..qapi import const

# count field -> (the filter of the Qoo10 order search view that opens its list, the
# same domain). tests/test_dashboard.py checks that each domain is its filter's.
ORDER_COUNTS = {
    "to_confirm_count": ("new_orders", [("qoo10_status", "=", str(const.STATUS_NEW))]),
    "to_ship_count": (
        "to_ship",
        [("qoo10_status", "=", str(const.STATUS_CONFIRMED))],
    ),
    "sync_error_count": ("error", [("sync_state", "=", "error")]),
    "unmapped_count": ("unmapped", [("sync_state", "=", "unmapped")]),
    "claim_todo_count": (
        "claims_todo",
        [
            ("line_ids.claim_status", "!=", False),
            ("sale_order_id.activity_ids", "!=", False),
        ],
    ),
}
TRACKING_FILTERS = ("tracking_problem", "tracking_pending")
TRACKING_DOMAIN = [("tracking_state", "in", ("pending", "error"))]


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    color = fields.Integer()
    to_confirm_count = fields.Integer(
        string="To Confirm",
        compute="_compute_dashboard_counts",
        help="Carts Qoo10 shows as new orders (新規注文): not confirmed on Qoo10 yet.",
    )
    to_ship_count = fields.Integer(
        string="To Ship",
        compute="_compute_dashboard_counts",
        help="Carts confirmed on Qoo10 and waiting for shipment (発送待ち).",
    )
    sync_error_count = fields.Integer(
        string="In Error",
        compute="_compute_dashboard_counts",
        help="Carts whose import failed: each says why; Retry imports it again.",
    )
    unmapped_count = fields.Integer(
        string="Waiting for a Mapping",
        compute="_compute_dashboard_counts",
        help="Carts waiting for a product mapping of one of their codes.",
    )
    claim_todo_count = fields.Integer(
        string="Claims to Handle",
        compute="_compute_dashboard_counts",
        help="Carts with a Qoo10 claim whose sale order still has a to-do: a person "
        "handles the return, refund or exchange.",
    )
    tracking_todo_count = fields.Integer(
        string="Tracking Pending or Refused",
        compute="_compute_dashboard_counts",
        help="Qoo10 order lines whose tracking number waits to be sent or was refused "
        "by Qoo10.",
    )
    last_import_date = fields.Datetime(
        string="Last Import",
        readonly=True,
        copy=False,
        help="When orders were last imported from Qoo10 (scheduled, Import Orders Now "
        "or Import Orders...).",
    )
    last_import_state = fields.Selection(
        [
            ("done", "Imported"),
            ("waiting", "Some carts wait for a fix"),
            ("failed", "Failed"),
        ],
        string="Last Import Result",
        readonly=True,
        copy=False,
    )
    last_import_count = fields.Integer(
        string="Carts Last Imported",
        readonly=True,
        copy=False,
        help="Carts imported or updated by the last import.",
    )
    last_import_waiting = fields.Integer(
        string="Carts Waiting After the Last Import",
        readonly=True,
        copy=False,
        help="Of the carts of the last import, those waiting for a fix (a mapping, an "
        "error).",
    )
    last_import_rejected = fields.Integer(
        string="Rows Not Imported by the Last Import",
        readonly=True,
        copy=False,
        help="Rows of Qoo10's answers that the last import could not read (not a "
        "record, or without a usable cart or order number); the shop's messages show "
        "them.",
    )
    last_import_error = fields.Char(
        readonly=True,
        copy=False,
        help="Why the last import failed; nothing was imported by it.",
    )
    last_import_message = fields.Char(
        string="Last Import Summary",
        compute="_compute_last_import_message",
        help="The last import's result, in the reader's language.",
    )

    # ------------------------------------------------------------------
    # Counts
    # ------------------------------------------------------------------
    def _compute_dashboard_counts(self):
        counts = self._qoo10_order_counts()
        tracking = self._qoo10_grouped_count("qoo10.order.line", TRACKING_DOMAIN)
        for backend in self:
            for name in ORDER_COUNTS:
                backend[name] = counts[name].get(backend.id, 0)
            backend.tracking_todo_count = tracking.get(backend.id, 0)

    def _qoo10_order_counts(self):
        """{count field: {shop id: count}}: one grouped query per count, all shops."""
        return {
            name: self._qoo10_grouped_count("qoo10.order", domain)
            for name, (_filter, domain) in ORDER_COUNTS.items()
        }

    def _qoo10_grouped_count(self, model, domain):
        """{shop id: number of ``model`` records matching ``domain``} for these shops,
        in one grouped query; the user's access rules apply."""
        if not self.ids:
            return {}
        groups = self.env[model]._read_group(
            [("backend_id", "in", self.ids), *domain], ["backend_id"], ["__count"]
        )
        return {backend.id: count for backend, count in groups}

    # ------------------------------------------------------------------
    # Each count opens its list
    # ------------------------------------------------------------------
    def _qoo10_dashboard_action(self, xmlid, filters):
        """The list of ``xmlid`` for this shop, with the search filters ``filters`` on."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("backend_id", "=", self.id)]
        action["context"] = {f"search_default_{name}": 1 for name in filters}
        action["display_name"] = _(
            "%(list)s: %(shop)s", list=action["name"], shop=self.name
        )
        return action

    def _qoo10_orders_action(self, count_field):
        return self._qoo10_dashboard_action(
            "qoo10_connector.action_qoo10_order", [ORDER_COUNTS[count_field][0]]
        )

    def action_open_to_confirm(self):
        return self._qoo10_orders_action("to_confirm_count")

    def action_open_to_ship(self):
        return self._qoo10_orders_action("to_ship_count")

    def action_open_sync_errors(self):
        return self._qoo10_orders_action("sync_error_count")

    def action_open_unmapped(self):
        return self._qoo10_orders_action("unmapped_count")

    def action_open_claims(self):
        return self._qoo10_orders_action("claim_todo_count")

    def action_open_tracking(self):
        return self._qoo10_dashboard_action(
            "qoo10_connector.action_qoo10_tracking_outbox", TRACKING_FILTERS
        )

    def action_open_shop(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "qoo10.backend",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # The last import
    # ------------------------------------------------------------------
    def _qoo10_note_import(self, orders=None, error=None, report=None):
        """Keep when the shop last imported and how it went, for its card; ``report``:
        the importer's (components.order_import_report), for the rows not imported."""
        self.ensure_one()
        orders = orders or self.env["qoo10.order"]
        waiting = orders.filtered(lambda o: o.sync_state != "done")
        rejected = report.rejected if report else 0
        state = "failed" if error else "waiting" if waiting or rejected else "done"
        self.write(
            {
                "last_import_date": fields.Datetime.now(),
                "last_import_state": state,
                "last_import_count": len(orders),
                "last_import_waiting": len(waiting),
                "last_import_rejected": rejected,
                "last_import_error": (error or "")[:500] or False,
            }
        )

    @api.depends(
        "last_import_state",
        "last_import_count",
        "last_import_waiting",
        "last_import_rejected",
    )
    def _compute_last_import_message(self):
        for backend in self:
            if backend.last_import_state == "failed":
                backend.last_import_message = backend.last_import_error
            elif backend.last_import_state:
                message = _(
                    "%(count)s carts imported or updated, %(waiting)s waiting for a fix.",
                    count=backend.last_import_count,
                    waiting=backend.last_import_waiting,
                )
                if backend.last_import_rejected:
                    message += " " + backend._qoo10_rejected_message(
                        backend.last_import_rejected
                    )
                backend.last_import_message = message
            else:
                backend.last_import_message = False

    def _qoo10_rejected_message(self, count):
        return _(
            "%s rows Qoo10 sent could not be imported: the shop's messages show them.",
            count,
        )
