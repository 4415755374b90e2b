# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Security: who reads and writes what, company by company, on every Qoo10 model; the
credentials never in the logs, the chatter or the errors; the QSM password nowhere in
the database after Get Auth."""

import logging
import uuid
from datetime import datetime, timedelta

from psycopg2 import sql

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from . import test_access_rights
from .common import Qoo10Case, sandbox


class Capture(logging.Handler):
    """Every log record, with its traceback, as text."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.texts = []

    def emit(self, record):
        self.texts.append(self.format(record))


@tagged("post_install", "-at_install")
class TestReliabilitySecurity(Qoo10Case):
    def qoo10_models(self):
        """Every Qoo10 model with a table (an abstract model or a SQL view report
        has no record of its own to protect: a view's rows come from protected ones)."""
        return sorted(
            name
            for name, model in self.env.registry.items()
            if name.startswith("qoo10.") and not model._abstract and model._auto
        )

    def test_every_qoo10_model_has_rules_for_each_company(self):
        rules = self.env["ir.rule"].search([])
        for name in self.qoo10_models():
            with self.subTest(name):
                mine = rules.filtered(lambda rule, n=name: rule.model_id.model == n)
                self.assertTrue(
                    any("company_id" in (rule.domain_force or "") for rule in mine),
                    "a multi-company record rule",
                )

    def test_records_of_another_company_are_neither_read_nor_written(self):
        other = self.env["res.company"].create({"name": "Company B"})
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", other.id)], limit=1
        )
        theirs_backend = self.env["qoo10.backend"].create(
            self._backend_values(
                name="B shop",
                shop_login="b_shop",
                company_id=other.id,
                warehouse_id=warehouse.id,
            )
        )
        theirs = test_access_rights.TestAccess._one_of_each(self, theirs_backend)
        theirs["qoo10.backend"] = theirs_backend
        theirs["qoo10.import.orders.wizard"] = self.env[
            "qoo10.import.orders.wizard"
        ].create({"backend_id": theirs_backend.id})
        theirs.update(self._listing_records(theirs_backend, other))
        uncovered = set(self.qoo10_models()) - set(theirs) - {"qoo10.cancel.wizard"}
        self.assertEqual(uncovered, set(), "a record of every Qoo10 model")
        group = "qoo10_connector.group_qoo10_manager,sales_team.group_sale_manager"
        for login, groups in (("a_manager", group), ("a_user", "base.group_user")):
            user = new_test_user(
                self.env,
                login,
                groups=groups,
                company_id=self.company.id,
                company_ids=[self.company.id],
            )
            for model, record in theirs.items():
                with self.subTest(user=login, model=model):
                    self._check_out_of_reach(user, record)

    def _listing_records(self, backend, company):
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        listing = env["qoo10.listing"].create(
            {"backend_id": backend.id, "item_code": "MC-ITEM-1"}
        )
        option = env["qoo10.listing.option"].create(
            {"listing_id": listing.id, "code": "MC-ITEM-1"}
        )
        excel = env["qoo10.mapping.import.wizard"].create(
            {"backend_id": backend.id, "company_id": company.id}
        )
        return {
            "qoo10.listing": listing,
            "qoo10.listing.option": option,
            "qoo10.create.products.wizard": env["qoo10.create.products.wizard"].create(
                {"company_id": company.id}
            ),
            "qoo10.mapping.import.wizard": excel,
            "qoo10.mapping.import.problem": env["qoo10.mapping.import.problem"].create(
                {"wizard_id": excel.id, "row": 2, "problem": "x"}
            ),
        }

    def _check_out_of_reach(self, user, record):
        model = self.env[record._name].with_user(user)
        try:
            found = model.search([("id", "=", record.id)])
        except AccessError:
            found = model.browse()
        self.assertFalse(found)
        with self.assertRaises(AccessError):
            record.with_user(user).read(["display_name"])
        with self.assertRaises(AccessError):
            record.with_user(user).write({"create_uid": user.id})

    def test_user_reads_but_does_not_write_shops_or_credentials(self):
        backend = self.backend.with_user(self.user)
        self.assertEqual(backend.read(["name"])[0]["name"], "Qoo10 JP")
        for values in ({"name": "Renamed"}, {"auto_import_orders": True}):
            with self.assertRaises(AccessError):
                backend.write(values)
        with self.assertRaises(AccessError):
            backend.unlink()
        with self.assertRaises(AccessError):
            self.backend.credential_id.with_user(self.user).read(["api_key"])
        with self.assertRaises(AccessError):
            self.env["qoo10.auth.wizard"].with_user(self.user).create(
                {"backend_id": self.backend.id, "login": "x"}
            )

    def _secret_seller(self):
        tag = uuid.uuid4().hex
        seller = {
            "user_id": "sec_%s" % tag[:8],
            "password": "Pw-%s" % tag,
            "api_key": "AK-%s" % tag,
            "permitted": True,
        }
        sandbox("/_sandbox/sellers", seller)
        self.backend.write({"shop_login": seller["user_id"]})
        self.backend.credential_id.unlink()
        self.issue_key(
            self.backend, password=seller["password"], api_key=seller["api_key"]
        )
        seller["key"] = self.backend.credential_id.seller_auth_key
        self.assertTrue(seller["key"])
        return seller

    def test_credentials_are_never_logged_shown_or_stored(self):
        capture, root = Capture(), logging.getLogger()
        levels = {}
        root.addHandler(capture)
        for name in ("odoo.addons.qoo10_connector", "urllib3", "requests"):
            levels[name] = logging.getLogger(name).level
            logging.getLogger(name).setLevel(logging.DEBUG)
        try:
            seller = self._secret_seller()
            self._full_run(seller)
        finally:
            root.removeHandler(capture)
            for name, level in levels.items():
                logging.getLogger(name).setLevel(level)
        log = "\n".join(capture.texts)
        self.assertIn("GetShippingInfo", log, "the run was logged")
        for name in ("password", "api_key", "key"):
            self.assertNotIn(seller[name], log, "%s in the log" % name)
        self.env.flush_all()
        self.assertEqual(self._tables_holding(seller["password"]), [])
        self.assertEqual(self._tables_holding(seller["api_key"]), ["qoo10_credential"])
        self.assertEqual(self._tables_holding(seller["key"]), ["qoo10_credential"])

    def _full_run(self, seller):
        """Import, confirm, a dropped call, a rejected key: what can be logged is."""
        self.make_product("MUG-001", "Mug")
        self.backend.write({"auto_import_orders": True, "auto_confirm_orders": True})
        sandbox(
            "/_sandbox/orders",
            {
                "user_id": seller["user_id"],
                "carts": [self.cart([{"seller_item_code": "MUG-001"}])],
            },
        )
        sandbox("/_sandbox/faults", {"drop_next": 1})
        self.backend.action_test_connection()
        self.run_import_cron()
        self.run_import_cron()
        sandbox("/_sandbox/keys", {"user_id": seller["user_id"], "revoke": True})
        self.backend.import_from = datetime.now() - timedelta(hours=5)
        self.run_import_cron()
        self.backend.invalidate_recordset()
        self.assertEqual(self.backend.state, "problem")

    def _tables_holding(self, secret):
        """The tables with a text, varchar or jsonb column holding ``secret``."""
        cr = self.env.cr
        cr.execute(
            """SELECT table_name, column_name FROM information_schema.columns
               WHERE table_schema = 'public'
                 AND data_type IN ('text', 'character varying', 'jsonb')"""
        )
        tables = set()
        for table, column in cr.fetchall():
            query = sql.SQL("SELECT 1 FROM {} WHERE {}::text LIKE %s LIMIT 1").format(
                sql.Identifier(table), sql.Identifier(column)
            )
            cr.execute(query, ["%" + secret + "%"])
            if cr.fetchone():
                tables.add(table)
        return sorted(tables)
