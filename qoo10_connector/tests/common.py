# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Shared setup: a Japanese company, a shop connected to the Qoo10 sandbox over loopback.

The sandbox is the project's own Qoo10 fake (setup/qoo10_sandbox). It is used at
$QOO10_SANDBOX_URL when set (the test command starts one), else started here once
per process. Tests fail, never skip, when it cannot be reached.
"""

import atexit
import importlib.util
import json
import os
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from odoo.tests import TransactionCase, new_test_user

QAPI_PATH = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi"
JST = ZoneInfo("Asia/Tokyo")
SELLER = {"user_id": "demo_shop", "password": "demo-pass", "api_key": "DEMO-API-KEY"}

_sandbox = {}


def sandbox_url():
    """URL of a running sandbox, starting one if needed (through the sandbox's launcher)."""
    if "url" in _sandbox:
        return _sandbox["url"]
    url = os.environ.get("QOO10_SANDBOX_URL")
    if not url:
        launcher_py = (
            Path(__file__).resolve().parents[2]
            / "setup"
            / "qoo10_sandbox"
            / "qoo10_sandbox"
            / "launcher.py"
        )
        if not launcher_py.exists():
            raise RuntimeError(
                f"The Qoo10 sandbox is needed: set QOO10_SANDBOX_URL or provide {launcher_py}"
            )
        spec = importlib.util.spec_from_file_location(
            "qoo10_sandbox_launcher", launcher_py
        )
        launcher = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(launcher)
        process, url = launcher.start(host="127.0.0.1", port=0)
        atexit.register(launcher.stop, process)
    _sandbox["url"] = url.rstrip("/")
    return _sandbox["url"]


def sandbox(path, payload=None):
    """Call the sandbox's control API (POST JSON, or GET when payload is None)."""
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(
        sandbox_url() + path,
        data=data,
        method="POST" if data is not None else "GET",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read().decode())


def jst(hours_ago=0.0):
    """A Qoo10-style local time string, relative to now."""
    moment = datetime.now(JST) - timedelta(hours=hours_ago)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class Qoo10Case(TransactionCase):
    """A shop "Qoo10 JP" of a JPY company, its key issued by the sandbox.

    ``chart_template`` (e.g. "jp") gives the company that chart of accounts and its taxes.
    """

    chart_template = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        sandbox("/_sandbox/reset", {})
        cls.env["ir.config_parameter"].sudo().set_param(
            "qoo10_connector.min_interval", "0"
        )
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        jpy = cls.env.ref("base.JPY")
        jpy.active = True
        cls.company = cls.env["res.company"].create(
            {
                "name": "Qoo10 Test KK",
                "currency_id": jpy.id,
                "country_id": cls.env.ref("base.jp").id,
            }
        )
        cls.env.user.company_ids |= cls.company
        if cls.chart_template:
            cls.env["account.chart.template"].try_loading(
                cls.chart_template, cls.company, install_demo=False
            )
        cls.manager = new_test_user(
            cls.env,
            "qoo10_manager",
            groups="qoo10_connector.group_qoo10_manager,sales_team.group_sale_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.user = new_test_user(
            cls.env,
            "qoo10_user",
            groups="qoo10_connector.group_qoo10_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.backend = cls.env["qoo10.backend"].create(cls._backend_values())
        cls.issue_key(cls.backend)

    def setUp(self):
        """Each test starts from an empty sandbox, with a fresh key for the shop."""
        super().setUp()
        sandbox("/_sandbox/reset", {})
        self.renew_sandbox_key(self.backend)

    @classmethod
    def _backend_values(cls, **values):
        return dict(
            {
                "name": "Qoo10 JP",
                "region": "jp",
                "api_url": sandbox_url() + QAPI_PATH,
                "shop_login": SELLER["user_id"],
                "company_id": cls.company.id,
                "warehouse_id": cls.warehouse.id,
                "tax_mode": "none",
                "import_from": datetime.now() - timedelta(days=2),
            },
            **values,
        )

    @classmethod
    def issue_key(cls, backend, password=SELLER["password"], api_key=SELLER["api_key"]):
        wizard = cls.env["qoo10.auth.wizard"].create(
            {"backend_id": backend.id, "login": backend.shop_login}
        )
        return wizard.with_context(
            qoo10_password=password, qoo10_api_key=api_key
        ).action_issue_key()

    @classmethod
    def add_sandbox_shop(cls, seller, **values):
        """Another shop of the company on a sandbox seller of its own: ``seller``
        (user_id, password, api_key) registered in the sandbox, the shop created with
        ``values`` and its key issued through Get Auth."""
        sandbox("/_sandbox/sellers", seller)
        backend = cls.env["qoo10.backend"].create(
            cls._backend_values(shop_login=seller["user_id"], **values)
        )
        cls.issue_key(backend, seller["password"], seller["api_key"])
        return backend

    @staticmethod
    def renew_sandbox_key(backend, seller=None):
        """After a sandbox reset: ``seller`` registered again (a reset keeps only the
        default seller) and a fresh key of the shop's seller put on the shop, without
        calling Qoo10 from Odoo."""
        if seller:
            sandbox("/_sandbox/sellers", seller)
        key = sandbox("/_sandbox/keys", {"user_id": backend.shop_login, "issue": True})
        backend.credential_id.seller_auth_key = key["key"]
        return key["key"]

    @classmethod
    def make_product(cls, code, name=None, **values):
        return cls.env["product.product"].create(
            dict(
                {
                    "name": name or code,
                    "default_code": code,
                    "is_storable": True,
                    "list_price": 1000,
                },
                **values,
            )
        )

    @staticmethod
    def add_carts(*carts):
        """Put carts in the sandbox; returns its answer (pack_no and order_nos per cart)."""
        return sandbox(
            "/_sandbox/orders", {"user_id": SELLER["user_id"], "carts": list(carts)}
        )["carts"]

    @staticmethod
    def cart(lines, status=2, hours_ago=3, **values):
        buyer = values.pop(
            "buyer",
            {
                "name": "山田 太郎",
                "kana": "ヤマダ タロウ",
                "email": "taro@example.jp",
                "phone": "+81-3-1234-5678",
                "mobile": "+81-90-1234-5678",
            },
        )
        receiver = values.pop(
            "receiver",
            {
                "name": "山田 花子",
                "kana": "ヤマダ ハナコ",
                "zip": "150-0043",
                "addr1": "東京都渋谷区道玄坂",
                "addr2": "1-2-3 サンプルビル101",
                "phone": "+81-3-1234-5678",
                "country": "JP",
            },
        )
        return dict(
            {
                "status": status,
                "order_date": jst(hours_ago),
                "buyer": buyer,
                "receiver": receiver,
                "currency": "JPY",
                "lines": lines,
            },
            **values,
        )

    def calls(self, method=None):
        calls = sandbox("/_sandbox/calls")["calls"]
        return [
            call
            for call in calls
            if method is None or call["method"].lower() == method.lower()
        ]

    def clear_calls(self):
        sandbox("/_sandbox/calls/clear", {})

    def import_orders(self, backend=None):
        backend = backend or self.backend
        backend.import_from = datetime.now() - timedelta(days=2)
        backend.action_import_orders()
        return self.env["qoo10.order"].search([("backend_id", "=", backend.id)])

    def import_numbers(self, *numbers):
        """The import wizard, by Qoo10 order numbers; returns what it answers."""
        wizard = self.env["qoo10.import.orders.wizard"].create(
            {
                "backend_id": self.backend.id,
                "mode": "numbers",
                "order_numbers": " ".join(str(n) for n in numbers),
            }
        )
        return wizard.action_import()

    def run_import_cron(self):
        """One run of the import cron, as Odoo's scheduler would start it."""
        self.env["qoo10.backend"]._cron_import_orders()

    def assert_saved_without_qoo10(self, orders, save):
        """``save()`` marks the waiting ``orders`` and calls no Qoo10 method; the import
        cron then completes them."""
        self.clear_calls()
        save()
        self.assertEqual(self.calls(), [], "a save never calls Qoo10")
        self.assertTrue(all(orders.mapped("retry_requested")), "the save marks them")
        self.assertEqual(set(orders.mapped("sync_state")), {"unmapped"})
        self.run_import_cron()
        self.assertFalse(any(orders.mapped("retry_requested")))


class Qoo10StockedCase(Qoo10Case):
    """The shop, with a product "MUG-001" of which 100 are in stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mug = cls.make_product("MUG-001", "Mug")
        cls.env["stock.quant"]._update_available_quantity(
            cls.mug, cls.warehouse.lot_stock_id, 100
        )


class Qoo10OrderImportCase(Qoo10Case):
    """The shop, with a T-shirt and a mug found by their internal references and a tote
    bag mapped from its Seller Item Code BAG-01."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tshirt = cls.make_product(
            "TSHIRT-BLK-M", "T-shirt black M", list_price=1980
        )
        cls.mug = cls.make_product("MUG-001", "Mug", list_price=800)
        cls.bag = cls.make_product("ODOO-BAG", "Tote bag")
        cls.env["qoo10.product.mapping"].create(
            {
                "backend_id": cls.backend.id,
                "seller_item_code": "BAG-01",
                "product_id": cls.bag.id,
            }
        )
