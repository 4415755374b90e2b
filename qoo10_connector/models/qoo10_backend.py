# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..qapi import (
    Qoo10AuthError,
    Qoo10Client,
    Qoo10Error,
    Qoo10PermissionError,
    const,
)
from .qoo10_errors import qoo10_error_message

_logger = logging.getLogger(__name__)

KEY_WARNING_DAYS = 30


class Qoo10Backend(models.Model):
    _name = "qoo10.backend"
    _description = "Qoo10 Shop"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    region = fields.Selection(
        list(const.REGION_NAMES.items()),
        required=True,
        default="jp",
        tracking=True,
    )
    api_url = fields.Char(
        string="API URL",
        compute="_compute_api_url",
        precompute=True,
        store=True,
        readonly=False,
        required=True,
        help="QAPI base URL, set from the region. A system administrator may point it "
        "elsewhere, for example at the Qoo10 sandbox.",
    )
    shop_login = fields.Char(
        string="QSM ID",
        required=True,
        tracking=True,
        help="The QSM login ID of the shop.",
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        required=True,
        check_company=True,
        default=lambda self: self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        ),
    )
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        compute="_compute_tz",
        precompute=True,
        store=True,
        readonly=False,
        required=True,
        help="Qoo10 dates are local times without a zone; they are read in this zone.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    state = fields.Selection(
        [
            ("draft", "Not connected"),
            ("connected", "Connected"),
            ("problem", "Problem"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    problem_message = fields.Text(readonly=True, copy=False)
    credential_id = fields.Many2one("qoo10.credential", readonly=True, copy=False)
    # the key's dates live on its credential; shown here for everyone who sees the shop
    key_issued_date = fields.Datetime(related="credential_id.issued_at")
    key_expiry_date = fields.Datetime(
        related="credential_id.expires_at", store=True, readonly=False
    )
    key_days_left = fields.Integer(compute="_compute_key_days_left")
    key_warning = fields.Boolean(compute="_compute_key_days_left")

    # Automatic Order Integration
    auto_import_orders = fields.Boolean(
        string="Automatic Order Integration",
        help="The scheduled import pulls new orders from Qoo10.",
    )
    import_unpaid_orders = fields.Boolean(
        help="Also import orders waiting for payment (Qoo10 status 1), as quotations."
    )
    import_from = fields.Datetime(
        string="Import Orders From",
        default=lambda self: fields.Datetime.now() - timedelta(days=7),
        help="The point the order import has reached. Move it back to import again from there.",
    )
    claims_from = fields.Datetime(
        string="Claims Synced From",
        default=lambda self: fields.Datetime.now() - timedelta(days=7),
        help="The point the claim sync (cancellations) has reached. Move it back to "
        "read Qoo10's claims again from there.",
    )
    last_error = fields.Text(
        string="Last Scheduled Run Error",
        readonly=True,
        copy=False,
        help="Why the last scheduled run could not import this shop's orders; cleared "
        "by the next run that can.",
    )
    # Automatic Order Confirmation
    auto_confirm_orders = fields.Boolean(
        string="Automatic Order Confirmation",
        help="Confirm new orders on Qoo10 (status 'On request' becomes 'Seller confirm').",
    )
    confirm_lead_days = fields.Integer(
        string="Lead Days",
        default=2,
        help="Planned ship date sent to Qoo10 = today + lead days.",
    )
    confirm_delay_type = fields.Selection(
        [(str(code), label) for code, label in const.DELAY_TYPES.items()],
        string="Delay Type",
        help="Sent with the confirmation when set.",
    )
    # Automatic Fulfillment Shipping Instructions
    auto_fulfillment = fields.Boolean(
        string="Automatic Fulfillment",
        help="Confirm the sale order of each paid Qoo10 cart, which creates and reserves its delivery.",
    )
    # QxMoney Payment Settings
    qxmoney_journal_id = fields.Many2one(
        "account.journal",
        string="QxMoney Journal",
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="Journal of the Qoo10 seller account (Q account / QxMoney) in which Qoo10 payouts are registered.",
    )
    qxmoney_commission_account_id = fields.Many2one(
        "account.account",
        string="Commission Account",
        check_company=True,
        help="Expense account for the Qoo10 service fee (difference between the amount paid and SettlePrice).",
    )
    qxmoney_payment_trigger = fields.Selection(
        [
            ("manual", "Manually, by the accountant"),
            ("delivered", "When Qoo10 reports the order delivered"),
        ],
        string="Register Payment",
        default="manual",
        required=True,
    )
    # Additional Settings
    team_id = fields.Many2one("crm.team", string="Sales Team", check_company=True)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", domain="[('share', '=', False)]"
    )
    pricelist_id = fields.Many2one("product.pricelist", check_company=True)
    tax_mode = fields.Selection(
        [
            ("product", "Taxes of the product"),
            ("fixed", "One tax for every line"),
            ("none", "No tax"),
        ],
        default="product",
        required=True,
        help="Qoo10 prices are tax-included in Japan: use taxes included in the price so that "
        "the order total equals what the buyer paid.",
    )
    tax_id = fields.Many2one(
        "account.tax", check_company=True, domain="[('type_tax_use', '=', 'sale')]"
    )
    shipping_product_id = fields.Many2one(
        "product.product",
        string="Shipping Fee Product",
        required=True,
        default=lambda self: self.env.ref(
            "qoo10_connector.product_qoo10_shipping", raise_if_not_found=False
        ),
    )
    discount_product_id = fields.Many2one(
        "product.product",
        required=True,
        default=lambda self: self.env.ref(
            "qoo10_connector.product_qoo10_discount", raise_if_not_found=False
        ),
        help="Used for Qoo10 line and seller-funded cart discounts.",
    )
    qoo10_discount_product_id = fields.Many2one(
        "product.product",
        string="Qoo10-funded Discount Product",
        required=True,
        default=lambda self: self.env.ref(
            "qoo10_connector.product_qoo10_funded_discount", raise_if_not_found=False
        ),
    )
    order_prefix = fields.Char(
        string="Order Reference Prefix",
        default="Q10-",
        help="Sale orders are named prefix + Qoo10 cart number.",
    )
    shipping_info_version = fields.Selection(
        [("auto", "Automatic (v3, falling back to v2)"), ("v3", "v3"), ("v2", "v2")],
        string="Order API Version",
        default="auto",
        required=True,
        help="Which Qoo10 order list API to read (GetShippingInfo_v3 or _v2). Automatic "
        "reads v3 and falls back to v2 when v3 answers in a form it cannot read.",
    )
    order_ids = fields.One2many("qoo10.order", "backend_id")
    order_count = fields.Integer(compute="_compute_order_count")
    error_order_count = fields.Integer(compute="_compute_order_count")

    _sql_constraints = [
        (
            "shop_login_uniq",
            "unique(company_id, region, shop_login)",
            "This QSM ID already has a shop.",
        ),
        (
            "lead_days_positive",
            "CHECK(confirm_lead_days >= 0)",
            "Lead days cannot be negative.",
        ),
    ]

    @api.constrains("tax_mode", "tax_id")
    def _check_tax(self):
        """Qoo10 prices include tax: a tax added on top would bill more than was paid."""
        for backend in self.filtered(lambda backend: backend.tax_mode == "fixed"):
            if not backend.tax_id.price_include:
                raise ValidationError(
                    _(
                        "Shop %(shop)s: Qoo10 prices include tax, so the tax of every "
                        "line must be a tax included in the price.",
                        shop=backend.name,
                    )
                )

    @api.depends("region")
    def _compute_api_url(self):
        for backend in self:
            backend.api_url = const.REGION_URLS.get(backend.region)

    @api.depends("region")
    def _compute_tz(self):
        for backend in self:
            backend.tz = const.REGION_TZ.get(backend.region, "UTC")

    @api.depends("region")
    def _compute_currency_id(self):
        for backend in self:
            code = const.REGION_CURRENCY.get(backend.region)
            backend.currency_id = (
                self.env["res.currency"]
                .with_context(active_test=False)
                .search([("name", "=", code)], limit=1)
                or backend.company_id.currency_id
            )

    @api.depends("key_expiry_date")
    def _compute_key_days_left(self):
        now = fields.Datetime.now()
        for backend in self:
            expiry = backend.key_expiry_date
            backend.key_days_left = (expiry - now).days if expiry else 0
            backend.key_warning = (
                bool(expiry) and backend.key_days_left <= KEY_WARNING_DAYS
            )

    def _compute_order_count(self):
        data = self.env["qoo10.order"]._read_group(
            [("backend_id", "in", self.ids)], ["backend_id", "sync_state"], ["__count"]
        )
        counts = {}
        for backend, state, count in data:
            counts.setdefault(backend.id, {})[state] = count
        for backend in self:
            by_state = counts.get(backend.id, {})
            backend.order_count = sum(by_state.values())
            backend.error_order_count = by_state.get("error", 0) + by_state.get(
                "unmapped", 0
            )

    # ------------------------------------------------------------------
    # Client and errors
    # ------------------------------------------------------------------
    def _qoo10_client(self, with_key=True):
        """The one way to talk to Qoo10 for this shop."""
        self.ensure_one()
        key = None
        if with_key:
            # sudo: the seller key is read by the connector on behalf of users and crons
            # that may not read credentials themselves; it never leaves this client.
            key = self.credential_id.sudo().seller_auth_key
            if not key:
                raise UserError(
                    _(
                        'The shop %(shop)s has no seller authorization key yet: click "Get Auth" on the shop.',
                        shop=self.name,
                    )
                )
        params = self.env["ir.config_parameter"].sudo()
        return Qoo10Client(
            self.api_url,
            seller_key=key,
            tz=self.tz,
            timeout=float(params.get_param("qoo10_connector.timeout", 30)),
            retries=int(params.get_param("qoo10_connector.retries", 3)),
            min_interval=float(params.get_param("qoo10_connector.min_interval", 0.3)),
            logger=_logger,
        )

    def _qoo10_raise(self, error):
        """Turn a client error into a UserError a shop owner can act on."""
        self.ensure_one()
        self._qoo10_note_auth_problem(error)
        raise UserError(qoo10_error_message(self.env, error, self)) from error

    def _qoo10_note_auth_problem(self, error):
        """Put the shop in its problem state when Qoo10 rejects its key."""
        if not isinstance(error, (Qoo10AuthError, Qoo10PermissionError)):
            return False
        self._qoo10_set_problem(qoo10_error_message(self.env, error, self))
        return True

    def _qoo10_set_problem(self, message):
        """The shop's problem state: its crons stop calling Qoo10, managers are told once."""
        for backend in self.filtered(lambda b: b.state != "problem"):
            backend.write({"state": "problem", "problem_message": message})
            backend.message_post(body=message, subtype_xmlid="mail.mt_note")
            backend._qoo10_notify_managers(
                _("Qoo10 shop %s needs attention", backend.name), message
            )
        self.filtered(lambda b: b.problem_message != message).problem_message = message

    def _qoo10_notify_managers(self, summary, note):
        """One to-do activity per Qoo10 manager of the shop's company, once."""
        self.ensure_one()
        managers = self.env.ref("qoo10_connector.group_qoo10_manager").users.filtered(
            lambda u: self.company_id in u.company_ids and not u.share and u.active
        )
        existing = self.activity_ids.filtered(lambda a: a.summary == summary).user_id
        for user in managers - existing:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=note,
                user_id=user.id,
            )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_open_auth_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Get Auth") if not self.credential_id else _("Renew key"),
            "res_model": "qoo10.auth.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_backend_id": self.id},
        }

    def action_test_connection(self):
        self.ensure_one()
        try:
            self._qoo10_client().search_brand("test")
        except Qoo10Error as error:
            message = qoo10_error_message(self.env, error, self)
            self.message_post(
                body=_("Connection test failed: %s", message),
                subtype_xmlid="mail.mt_note",
            )
            self._qoo10_note_auth_problem(error)
            # commit the chatter note and problem state before the error rolls back the request
            return self._qoo10_notification(message, "danger")
        self._qoo10_set_connected()
        self.message_post(
            body=_("Connection test succeeded."), subtype_xmlid="mail.mt_note"
        )
        return self._qoo10_notification(
            _("Qoo10 answered: the connection works."), "success"
        )

    def _qoo10_notification(self, message, kind):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Qoo10: %s", self.name),
                "message": message,
                "type": kind,
                "sticky": kind == "danger",
                "next": {"type": "ir.actions.act_window_close"}
                if kind != "danger"
                else False,
            },
        }

    def _qoo10_set_connected(self):
        self.filtered(lambda b: b.state != "connected").write(
            {"state": "connected", "problem_message": False}
        )

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qoo10_connector.action_qoo10_order"
        )
        action["domain"] = [("backend_id", "=", self.id)]
        action["context"] = {"default_backend_id": self.id}
        return action

    def action_view_error_orders(self):
        action = self.action_view_orders()
        action["domain"] = [
            ("backend_id", "=", self.id),
            ("sync_state", "in", ("error", "unmapped")),
        ]
        return action

    # ------------------------------------------------------------------
    # Key expiry
    # ------------------------------------------------------------------
    @api.model
    def _cron_check_key_expiry(self):
        soon = fields.Datetime.now() + timedelta(days=KEY_WARNING_DAYS)
        for backend in self.search(
            [("key_expiry_date", "!=", False), ("key_expiry_date", "<=", soon)]
        ):
            if backend.key_expiry_date <= fields.Datetime.now():
                backend._qoo10_mark_key_expired()
            else:
                backend._qoo10_notify_managers(
                    _("Renew the Qoo10 key of %s", backend.name),
                    _(
                        'The seller authorization key expires in %s days. Open the shop and click "Renew key".',
                        backend.key_days_left,
                    ),
                )

    def _qoo10_mark_key_expired(self):
        self._qoo10_set_problem(
            _(
                "The seller authorization key has expired. Open the shop and click "
                '"Renew key".'
            )
        )

    def _qoo10_active_backends(self):
        """Shops a cron may call Qoo10 for: connected, key not expired."""
        now = fields.Datetime.now()
        expired = self.filtered(
            lambda b: b.key_expiry_date and b.key_expiry_date <= now
        )
        expired._qoo10_mark_key_expired()
        return self.filtered(lambda b: b.state == "connected") - expired
