# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A shop's connection to Qoo10: its client, its key and its problem state."""

import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..qapi import Qoo10AuthError, Qoo10Client, Qoo10Error, Qoo10PermissionError
from .qoo10_backend import KEY_WARNING_DAYS
from .qoo10_errors import qoo10_error_message

_logger = logging.getLogger(__name__)


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

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

    def _qoo10_raise(self, error, retried=False):
        """Turn a client error into a UserError a shop owner can act on.

        ``retried``: a cron makes the same call again by itself (see qoo10_error_message).
        """
        self.ensure_one()
        self._qoo10_note_auth_problem(error)
        message = qoo10_error_message(self.env, error, self, retried=retried)
        raise UserError(message) from error

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

    def _qoo10_managers(self):
        """The active internal Qoo10 managers of the shop's company."""
        self.ensure_one()
        return self.env.ref("qoo10_connector.group_qoo10_manager").users.filtered(
            lambda u: self.company_id in u.company_ids and not u.share and u.active
        )

    def _qoo10_notify_managers(self, summary, note):
        """One to-do activity per Qoo10 manager of the shop's company, once."""
        self.ensure_one()
        existing = self.activity_ids.filtered(lambda a: a.summary == summary).user_id
        for user in self._qoo10_managers() - existing:
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
        self.check_access("write")  # a manager's button, whoever calls it
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
