# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import QAPI_PATH, SELLER, Qoo10Case, sandbox, sandbox_url


@tagged("post_install", "-at_install")
class TestConnection(Qoo10Case):
    def _test(self, backend=None):
        return (backend or self.backend).action_test_connection()["params"]

    def test_invalid_key(self):
        self.backend.credential_id.seller_auth_key = "NOT-A-KEY"
        result = self._test()
        self.assertEqual(result["type"], "danger")
        self.assertIn("Get Auth", result["message"])
        self.assertEqual(self.backend.state, "problem")
        notes = " ".join(self.backend.message_ids.mapped("body"))
        self.assertIn("Connection test failed", notes)
        self.assertNotIn("NOT-A-KEY", notes)
        self.assertNotIn("NOT-A-KEY", self.backend.problem_message)
        self.assertTrue(self.backend.activity_ids)

    def test_expired_key(self):
        sandbox("/_sandbox/keys", {"user_id": SELLER["user_id"], "expire": True})
        result = self._test()
        self.assertEqual(result["type"], "danger")
        self.assertIn("expired", result["message"])
        self.assertIn("Renew key", result["message"])
        self.assertEqual(self.backend.state, "problem")
        # a renewed key puts the shop back in service and closes the to-do
        self.issue_key(self.backend)
        self.assertEqual(self.backend.state, "connected")
        self.assertFalse(self.backend.activity_ids)

    def test_not_permitted(self):
        sandbox("/_sandbox/sellers", dict(SELLER, permitted=False))
        result = self._test()
        self.assertIn("does not permit", result["message"])
        self.assertEqual(self.backend.state, "problem")

    def test_unreachable(self):
        self.backend.api_url = (
            "http://127.0.0.1:9" + QAPI_PATH
        )  # discard port: nothing listens
        self.env["ir.config_parameter"].set_param("qoo10_connector.timeout", "2")
        result = self._test()
        self.assertIn("could not be reached", result["message"])
        # unreachable is not a key problem: the shop stays connected and retries later
        self.assertEqual(self.backend.state, "connected")
        self.backend.api_url = sandbox_url() + QAPI_PATH
        self.assertEqual(self._test()["type"], "success")
