# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Security over the wire and for the outsiders: JSON-RPC (/web/dataset/call_kw, as the
web client calls it) as a Qoo10 User, a Qoo10 Manager, an internal user without Qoo10
rights, a portal user and a visitor without a session, each getting exactly its
rights; the ORM for the portal and the public user on every Qoo10 model; and the
controllers of the Qoo10 addons (none today: this test fails when one appears, so that
its access is checked here)."""

from odoo.exceptions import AccessError
from odoo.http import Controller
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged

from . import test_access_rights
from .common import Qoo10Case
from .test_reliability_security import TestReliabilitySecurity

ACCESS_ERROR = "odoo.exceptions.AccessError"
# the shop's buttons only a Qoo10 Manager may press (they call Qoo10 or change the shop)
MANAGER_BUTTONS = (
    "action_test_connection",
    "action_import_orders",
    "action_sync_claims",
    "action_send_tracking",
    "action_import_listings",
    "action_seed_carrier_mappings",
)


@tagged("post_install", "-at_install")
class TestReliabilitySecurityRpc(HttpCase, Qoo10Case):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.internal = new_test_user(cls.env, "no_qoo10", **company)
        cls.portal = new_test_user(cls.env, "qoo10_portal", groups="base.group_portal")
        cls.public = cls.env.ref("base.public_user")

    def rpc(self, login, model, method, *args, **kwargs):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/%s/%s" % (model, method),
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assert_refused(self, login, model, method, *args, error=ACCESS_ERROR, **kw):
        with self.assertRaises(JsonRpcException) as caught:
            self.rpc(login, model, method, *args, **kw)
        self.assertEqual(caught.exception.args[0], error, (login, model, method))

    def test_json_rpc_gives_each_user_exactly_its_rights(self):
        backend, credential = self.backend, self.backend.credential_id
        shops = self.rpc(
            "qoo10_user", "qoo10.backend", "search_read", [], ["name", "state"]
        )
        self.assertEqual([shop["name"] for shop in shops], ["Qoo10 JP"])
        self.assert_refused("qoo10_user", "qoo10.credential", "read", credential.ids)
        self.assert_refused(
            "qoo10_user", "qoo10.backend", "write", backend.ids, {"name": "x"}
        )
        self._pending_tracking()
        self.clear_calls()
        for button in MANAGER_BUTTONS:
            with self.subTest(button=button):
                self.assert_refused("qoo10_user", "qoo10.backend", button, backend.ids)
        self.assertEqual(self.calls(), [], "a refused button called Qoo10")
        # the key wizard's button opens a form, whose record only a manager may create
        self.assert_refused(
            "qoo10_user",
            "qoo10.auth.wizard",
            "create",
            {"backend_id": backend.id, "login": "x"},
        )
        keys = self.rpc(
            "qoo10_manager", "qoo10.credential", "read", credential.ids, ["api_key"]
        )
        self.assertEqual(keys[0]["id"], credential.id)
        self.rpc(
            "qoo10_manager", "qoo10.backend", "action_test_connection", backend.ids
        )
        for login in ("no_qoo10", "qoo10_portal"):
            for model in TestReliabilitySecurity.qoo10_models(self):
                with self.subTest(login=login, model=model):
                    self.assert_refused(login, model, "search_read", [], ["id"])

    def _pending_tracking(self):
        """A line whose tracking waits: what Send Tracking Now would send."""
        order = self.env["qoo10.order"].create(
            {"backend_id": self.backend.id, "pack_no": "RPC-1"}
        )
        self.env["qoo10.order.line"].create(
            {
                "order_id": order.id,
                "order_no": "987654321",
                "qoo10_status": "3",
                "tracking_state": "pending",
                "tracking_ref": "RPC-REF",
                "tracking_carrier": "ヤマト宅急便",
            }
        )

    def test_a_visitor_without_session_gets_nothing(self):
        self.authenticate(None, None)
        with self.assertRaises(JsonRpcException) as caught:
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/qoo10.backend/search_read",
                {
                    "model": "qoo10.backend",
                    "method": "search_read",
                    "args": [[], ["name"]],
                    "kwargs": {},
                },
            )
        self.assertEqual(caught.exception.args[0], "odoo.http.SessionExpiredException")

    def test_portal_and_public_users_reach_no_qoo10_record(self):
        records = test_access_rights.TestAccess._one_of_each(self, self.backend)
        records["qoo10.backend"] = self.backend
        records.update(
            TestReliabilitySecurity._listing_records(self, self.backend, self.company)
        )
        for user in (self.portal, self.public):
            for model in TestReliabilitySecurity.qoo10_models(self):
                with self.subTest(user=user.login, model=model):
                    self._check_no_access(user, model, records.get(model))

    def _check_no_access(self, user, model, record):
        with self.assertRaises(AccessError):
            self.env[model].with_user(user).search([], limit=1)
        with self.assertRaises(AccessError):
            self.env[model].with_user(user).create({})
        if record:
            with self.assertRaises(AccessError):
                record.with_user(user).read(["display_name"])
            with self.assertRaises(AccessError):
                record.with_user(user).write({"create_uid": user.id})
            with self.assertRaises(AccessError):
                record.with_user(user).unlink()

    def test_the_qoo10_addons_have_no_unchecked_route(self):
        controllers = [
            "%s.%s" % (module, cls.__name__)
            for module, classes in Controller.children_classes.items()
            if module.startswith("qoo10_connector")
            for cls in classes
        ]
        # a controller of a Qoo10 addon gets its access checks in this module first
        self.assertEqual(controllers, [])
        # the check sees controllers: the web client's own are there
        self.assertTrue(Controller.children_classes.get("web"))
