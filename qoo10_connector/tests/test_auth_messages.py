# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
""" "Get Auth" / "Renew key": each cause of a refused key request has its own message."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SELLER, Qoo10Case, sandbox


@tagged("post_install", "-at_install")
class TestAuthMessages(Qoo10Case):
    def _refusal(self, **secrets):
        with self.assertRaises(UserError) as caught:
            self.issue_key(self.backend, **secrets)
        return str(caught.exception)

    def test_wrong_password_with_the_known_api_key_names_the_password(self):
        message = self._refusal(password="not-the-password")
        self.assertIn("QSM ID or the QSM Password", message)
        self.assertNotIn("Get Auth", message)
        self.assertNotIn("not-the-password", message)
        # Qoo10's own answer stays beside ours.
        self.assertIn("存在しないAPIです。", message)
        self.assertIn("-90001", message)

    def test_unknown_api_key_names_all_three_fields(self):
        message = self._refusal(api_key="TYPO-API-KEY")
        self.assertIn("QSM ID, the QSM Password or the API Key", message)
        self.assertNotIn("QSM ID or the QSM Password.", message)
        self.assertNotIn("TYPO-API-KEY", message)

    def test_api_not_yet_permitted(self):
        sandbox("/_sandbox/sellers", {"user_id": SELLER["user_id"], "permitted": False})
        message = self._refusal()
        self.assertIn("not yet permitted the API", message)
        self.assertIn("-90002", message)

    def test_qoo10_unreachable_asks_to_try_again_later(self):
        sandbox(
            "/_sandbox/faults",
            {"drop_next": 1, "methods": ["CertificationAPI.CreateCertificationKey"]},
        )
        message = self._refusal()
        self.assertIn("Try again in a few minutes", message)
        self.assertNotIn("will try again", message)
        self.assertEqual(self.backend.state, "connected")

    def test_connection_test_does_not_promise_a_retry(self):
        self.env["ir.config_parameter"].sudo().set_param("qoo10_connector.retries", "0")
        sandbox("/_sandbox/faults", {"drop_next": 1})
        action = self.backend.action_test_connection()
        message = action["params"]["message"]
        self.assertIn("Try again in a few minutes", message)
        self.assertNotIn("will try again", message)
