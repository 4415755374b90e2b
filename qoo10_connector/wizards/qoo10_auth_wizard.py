# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.qoo10_errors import qoo10_key_request_message
from ..qapi import Qoo10Error

# The seller authorization key lives one year from issue (QAPI.md 1.2).
KEY_LIFETIME = relativedelta(years=1)


class Qoo10AuthWizard(models.TransientModel):
    """ "Get Auth" / "Renew key": QSM ID + password + API key -> seller authorization key.

    The password and the API key are not stored by this wizard: they are
    non-stored fields. In the browser the button hands them to the method in its
    context; from Python they stay in the record cache of the current transaction.
    """

    _name = "qoo10.auth.wizard"
    _description = "Qoo10: get a seller authorization key"

    backend_id = fields.Many2one(
        "qoo10.backend", string="Shop", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    login = fields.Char(string="QSM ID", required=True)
    password = fields.Char(
        string="QSM Password",
        compute="_compute_secrets",
        inverse="_inverse_secrets",
        store=False,
    )
    api_key = fields.Char(
        string="API Key",
        compute="_compute_secrets",
        inverse="_inverse_secrets",
        store=False,
        help="The API key Qoo10 issued for this shop (QSM > Inquiry > System > API/FTP/QSM permissions).",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        backend = self.env["qoo10.backend"].browse(values.get("backend_id"))
        if backend:
            values.setdefault("login", backend.shop_login)
            if "api_key" in fields_list and backend.credential_id.api_key:
                values["api_key"] = backend.credential_id.api_key
        return values

    def _compute_secrets(self):
        # Nothing to read: the secrets exist only while the request that carries them runs.
        for wizard in self:
            wizard.password = False
            wizard.api_key = False

    def _inverse_secrets(self):
        # Deliberately empty: the values stay in the cache and are never written.
        return

    def action_issue_key(self):
        self.ensure_one()
        password = self.password or self.env.context.get("qoo10_password")
        api_key = self.api_key or self.env.context.get("qoo10_api_key")
        if not (password and api_key and self.login):
            raise UserError(_("Enter the QSM ID, the QSM password and the API key."))
        backend = self.backend_id
        try:
            seller_key = backend._qoo10_client(with_key=False).create_certification_key(
                api_key, self.login, password
            )
        except Qoo10Error as error:
            known = api_key == (backend.credential_id.api_key or None)
            raise UserError(
                qoo10_key_request_message(self.env, error, known)
            ) from error
        self._store_key(api_key, seller_key)
        return backend._qoo10_notification(
            _("The seller authorization key was issued."), "success"
        )

    def _store_key(self, api_key, seller_key):
        backend = self.backend_id
        now = fields.Datetime.now()
        values = {
            "api_key": api_key,
            "seller_auth_key": seller_key,
            "issued_at": now,
            "expires_at": now + KEY_LIFETIME,
        }
        renewal = bool(backend.credential_id)
        if renewal:
            backend.credential_id.write(values)
        else:
            backend.credential_id = self.env["qoo10.credential"].create(
                dict(values, backend_id=backend.id)
            )
        backend.write(
            {
                "shop_login": self.login,
                "state": "connected",
                "problem_message": False,
            }
        )
        backend.activity_ids.filtered(
            lambda a: "Qoo10" in (a.summary or "")
        ).action_done()
        body = (
            _("Seller authorization key renewed; valid until %s.", values["expires_at"])
            if renewal
            else _(
                "Seller authorization key issued; valid until %s.", values["expires_at"]
            )
        )
        backend.message_post(body=body, subtype_xmlid="mail.mt_note")
