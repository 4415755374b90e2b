# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Qoo10 shop: its settings. What it does lives beside it: its connection
(qoo10_backend_connection.py) and its buttons and crons (qoo10_backend_sync.py)."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..qapi import const

# Managers are told this many days before the seller key expires.
KEY_WARNING_DAYS = 30


class Qoo10Backend(models.Model):
    _name = "qoo10.backend"
    _description = "Qoo10 Shop"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(
        required=True,
        tracking=True,
        help="The shop's name in Odoo: shown on its orders, messages and notifications.",
    )
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
        help="The Qoo10 site the shop sells on: sets the API URL, the time zone and the "
        "currency.",
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
        help="The warehouse of the imported sale orders, which ships their deliveries.",
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
        help="The currency Qoo10 sells in on this site, set from the region; without a "
        "pricelist, the sale orders use a pricelist in this currency.",
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
    key_issued_date = fields.Datetime(
        related="credential_id.issued_at",
        help="When Qoo10 issued the seller authorization key (Get Auth / Renew key).",
    )
    key_expiry_date = fields.Datetime(
        related="credential_id.expires_at",
        store=True,
        readonly=False,
        help="The seller authorization key lives one year; renew it before this date "
        "(Renew key). Qoo10 sends no reminder.",
    )
    key_days_left = fields.Integer(
        compute="_compute_key_days_left",
        help="Days until the seller authorization key expires.",
    )
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
        help='Confirm new orders on Qoo10 (status "New order" becomes "Order confirmed").',
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
    notify_buyer = fields.Boolean(
        string="Let Odoo e-mail or text the buyer",
        help="Off: Qoo10 keeps the buyer informed, so the sale orders and deliveries of "
        "this shop's orders send the buyer no confirmation e-mail or SMS from Odoo.",
    )
    # QxMoney Payment Settings
    qxmoney_journal_id = fields.Many2one(
        "account.journal",
        string="QxMoney Journal",
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="Journal of the Qoo10 seller account (Q account / QxMoney): Qoo10 pays the "
        "shop's invoices in it on the buyer's behalf, on the clearing account.",
    )
    qxmoney_commission_account_id = fields.Many2one(
        "account.account",
        string="Service Fee Account",
        check_company=True,
        help="Expense account of the Qoo10 service fee (what the buyer paid, less the "
        "seller's discounts, less SettlePrice).",
    )
    qxmoney_payment_trigger = fields.Selection(
        [
            ("manual", "Manually, by the accountant"),
            ("paid", "When the order is paid on Qoo10"),
            ("delivered", "When Qoo10 reports the order delivered"),
        ],
        string="Register Payment",
        default="paid",
        required=True,
        help="When the invoice of a Qoo10 order is paid by Qoo10 on the buyer's behalf "
        "in the QxMoney journal.",
    )
    # Additional Settings
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        check_company=True,
        help="Sales team of the imported sale orders; Odoo's default when empty.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        domain="[('share', '=', False)]",
        help="Salesperson of the imported sale orders; Odoo's default when empty.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Pricelist of the imported sale orders (never the buyer's own); a "
        "pricelist in the shop's currency when empty. Prices stay Qoo10's.",
    )
    tax_mode = fields.Selection(
        [
            ("product", "Taxes of the product"),
            ("fixed", "One tax for every line"),
            ("none", "No tax"),
        ],
        default="product",
        required=True,
        help="Qoo10 amounts include consumption tax: each line keeps the amount the buyer "
        "paid and carries these taxes included in the price (a tax excluded from the price "
        "is used through its tax-included twin, created once), so the order totals what "
        "the buyer paid. Shipping fees and discounts take the taxes of the goods.",
    )
    tax_id = fields.Many2one(
        "account.tax",
        check_company=True,
        domain="[('type_tax_use', '=', 'sale')]",
        help='The tax of every line of the imported orders, with "One tax for every '
        'line".',
    )
    shipping_product_id = fields.Many2one(
        "product.product",
        string="Shipping Fee Product",
        required=True,
        default=lambda self: self.env.ref(
            "qoo10_connector.product_qoo10_shipping", raise_if_not_found=False
        ),
        help="The product of the shipping fee line of each imported sale order.",
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
        help="Used for the part of a discount that Qoo10 pays for.",
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
    carrier_mapping_ids = fields.One2many(
        "qoo10.carrier.mapping",
        "backend_id",
        string="Carrier Mappings",
        help="The Qoo10 carrier name (ShippingCorp) sent with the tracking number of a "
        "delivery, per Odoo carrier. A new shop gets one per carrier name Qoo10 knows "
        "in its region.",
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        backends = super().create(vals_list)
        self.env["qoo10.carrier.mapping"]._qoo10_seed(backends)
        return backends

    def action_seed_carrier_mappings(self):
        """Map the Qoo10 carrier names of the shop's region that are not mapped yet."""
        self.check_access("write")  # a manager's button, whoever calls it
        self.env["qoo10.carrier.mapping"]._qoo10_seed(self)
        return True

    @api.constrains("tax_mode", "tax_id")
    def _check_tax(self):
        """ "One tax for every line" needs the tax; whether it is included in the price
        or not, Qoo10's tax-included amounts are put on its price-included twin."""
        for backend in self.filtered(lambda backend: backend.tax_mode == "fixed"):
            if not backend.tax_id:
                raise ValidationError(
                    _(
                        "Shop %(shop)s: choose the tax of every line.",
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
