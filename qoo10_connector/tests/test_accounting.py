# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Invoices per the shop's policy, paid by Qoo10 into the Qoo10 receivable, credit notes
of claims, and the shop's QxMoney settings, on the Japanese chart (see README,
"Accounting: invoices and what Qoo10 owes")."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import format_date

from .common import sandbox
from .test_order_amounts import Qoo10AmountsCase

MUG_LINES = [{"seller_item_code": "MUG-001", "price": 1987, "qty": 2, "discount": 200}]
MUG_CART = {"shipping_rate": 600, "cart_discount_seller": 300}


class Qoo10AccountingCase(Qoo10AmountsCase):
    """The Japanese shop with its QxMoney settings from the chart."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend.action_qoo10_configure_accounting()
        for product in cls.mug | cls.tea:
            cls.env["stock.quant"]._update_available_quantity(
                product, cls.warehouse.lot_stock_id, 50
            )

    def import_mug_cart(self, **values):
        return self.import_cart(MUG_LINES, **dict(MUG_CART, **values))

    def clearing_balance(self, order=None):
        """What the clearing account says Qoo10 owes (for one cart: by its number)."""
        domain = [
            ("account_id", "=", self.backend.qxmoney_clearing_account_id.id),
            ("parent_state", "=", "posted"),
        ]
        lines = self.env["account.move.line"].search(domain)
        if order:
            lines = lines.filtered(lambda line: order.pack_no in (line.name or ""))
        return sum(lines.mapped("balance"))

    def assert_invoiced(self, order):
        invoice = order.invoice_id
        self.assertEqual(order.invoice_state, "done", order.invoice_error)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.journal_id, self.backend.sale_journal_id)
        self.assertEqual(invoice.ref, order.pack_no)
        self.assertEqual(invoice.payment_reference, order.pack_no)
        self.assertEqual(invoice.amount_total, order._qoo10_expected_sale_total())
        self.assertEqual(order.sale_order_id.invoice_ids, invoice, "one invoice")
        return invoice

    def assert_paid_by_qoo10(self, order):
        invoice, payment = order.invoice_id, order.qxmoney_payment_id
        self.assertIn(invoice.payment_state, ("in_payment", "paid"))
        self.assertEqual(payment.journal_id, self.backend.qxmoney_journal_id)
        self.assertEqual(payment.memo, order.pack_no)
        self.assertEqual(payment.amount, order._qoo10_expected_sale_total())
        self.assertEqual(
            self.clearing_balance(order), order._qoo10_expected_sale_total()
        )

    def claim(self, line, code):
        sandbox(
            "/_sandbox/claims", {"order_no": int(line.order_no), "claim_status": code}
        )
        self.backend.action_sync_claims()
        self.env["qoo10.backend"]._cron_qoo10_accounting()

    @staticmethod
    def ship(order):
        picking = order.sale_order_id.picking_ids
        moves = picking.move_ids.filtered(lambda move: move.state != "cancel")
        for move in moves:
            move.quantity = move.product_uom_qty
        moves.picked = True
        picking.button_validate()
        return picking


@tagged("post_install", "-at_install")
class TestInvoicePolicy(Qoo10AccountingCase):
    def test_settings_from_the_chart(self):
        backend = self.backend
        journal = backend.qxmoney_journal_id
        self.assertEqual((journal.type, journal.code), ("bank", "QXM"))
        clearing = backend.qxmoney_clearing_account_id
        self.assertEqual(clearing.account_type, "asset_current")
        self.assertTrue(clearing.reconcile)
        methods = (
            journal.inbound_payment_method_line_ids
            | journal.outbound_payment_method_line_ids
        )
        self.assertEqual(methods.payment_account_id, clearing)
        commission = backend.qxmoney_commission_account_id.with_company(self.company)
        self.assertEqual(commission.code, "512400")
        fee_tax = backend.qxmoney_fee_tax_id
        self.assertEqual((fee_tax.type_tax_use, fee_tax.amount), ("purchase", 10))
        self.assertEqual(backend.sale_journal_id.type, "sale")
        backend.action_qoo10_configure_accounting()
        self.assertEqual(backend.qxmoney_journal_id, journal, "created once")
        self.assertEqual(backend.qxmoney_clearing_account_id, clearing)

    def test_manual_policy_makes_no_invoice(self):
        order = self.import_mug_cart()
        self.assertEqual(self.backend.invoice_policy, "manual")
        self.assertEqual(order.invoice_state, "none")
        self.assertFalse(order.sale_order_id.invoice_ids)

    def test_invoice_posted_by_a_person_is_paid_by_qoo10(self):
        order = self.import_mug_cart()
        invoice = self.invoice(order.sale_order_id)
        self.assertEqual(order.invoice_state, "pending")
        self.env["qoo10.backend"]._cron_qoo10_accounting()
        self.assertEqual(order.invoice_state, "done")
        self.assertIn(invoice.payment_state, ("in_payment", "paid"))
        self.assertEqual(
            self.clearing_balance(order), order._qoo10_expected_sale_total()
        )

    def test_invoice_at_import_paid_by_qoo10(self):
        self.backend.invoice_policy = "import"
        order = self.import_mug_cart()
        self.assertEqual(order.amount_total, 2 * 1987 - 200 + 600 - 300)
        # the mug's discount is Qoo10's: Qoo10 owes it on top of what the buyer paid
        self.assertEqual(order.amount_qoo10_funded, 200)
        self.assert_invoiced(order)
        self.assert_paid_by_qoo10(order)
        # a second cart: the clearing account holds what Qoo10 owes for both
        other = self.import_cart(
            [{"seller_item_code": "TEA-01", "price": 648, "qty": 3}], hours_ago=1
        )
        self.assert_invoiced(other)
        self.assertEqual(
            self.clearing_balance(),
            order._qoo10_expected_sale_total() + other._qoo10_expected_sale_total(),
        )
        # Qoo10 sends the cart again (a re-run): nothing twice
        self.backend.action_import_orders()
        self.assertEqual(len(order.sale_order_id.invoice_ids), 1)
        payments = self.env["account.payment"].search(
            [("journal_id", "=", self.backend.qxmoney_journal_id.id)]
        )
        self.assertEqual(len(payments), 2)

    def test_invoice_when_the_delivery_is_done(self):
        self.backend.write({"invoice_policy": "delivery", "auto_fulfillment": True})
        order = self.import_mug_cart()
        self.assertFalse(order.sale_order_id.invoice_ids, "not before delivery")
        self.ship(order)
        self.assertEqual(order.invoice_state, "pending", "validation only marks it")
        self.assertFalse(order.sale_order_id.invoice_ids)
        self.env["qoo10.backend"]._cron_qoo10_accounting()
        self.assert_invoiced(order)
        self.assert_paid_by_qoo10(order)

    def test_payment_left_to_the_accountant(self):
        self.backend.write(
            {"invoice_policy": "import", "qxmoney_payment_trigger": "manual"}
        )
        order = self.import_mug_cart()
        self.assert_invoiced(order)
        self.assertEqual(order.invoice_id.payment_state, "not_paid")
        self.assertFalse(order.qxmoney_payment_id)

    def test_invoicing_failure_stays_on_its_cart(self):
        """A product invoiced on delivered quantities cannot be invoiced at import: its
        cart says so, the other cart of the batch is invoiced."""
        self.backend.invoice_policy = "import"
        self.tea.invoice_policy = "delivery"
        carts = self.add_carts(
            self.cart(
                [{"seller_item_code": "TEA-01", "price": 648}], shipping_rate=300
            ),
            self.cart([{"seller_item_code": "MUG-001", "price": 1100}], hours_ago=2),
        )
        orders = self.import_orders()
        bad = orders.filtered(lambda o: o.pack_no == str(carts[0]["pack_no"]))
        good = orders - bad
        self.assertEqual(bad.sync_state, "done", "the import itself went through")
        self.assertEqual(bad.invoice_state, "error")
        self.assertIn(bad.pack_no, bad.invoice_error)
        self.assertIn("delivered quantities", bad.invoice_error)
        self.assertFalse(bad.sale_order_id.invoice_ids.filtered("state"), "rolled back")
        self.assertTrue(bad.message_ids.filtered(lambda m: "Invoice Again" in m.body))
        self.assert_invoiced(good)
        self.env["qoo10.backend"]._cron_qoo10_accounting()
        self.assertEqual(bad.invoice_state, "error", "the cron leaves it to a person")
        self.tea.invoice_policy = "order"
        with self.assertRaises(AccessError):
            bad.with_user(self.user).action_qoo10_invoice()
        bad.with_user(self.manager).action_qoo10_invoice()
        self.assert_invoiced(bad)
        self.assert_paid_by_qoo10(bad)


@tagged("post_install", "-at_install")
class TestInvoiceLockDate(Qoo10AccountingCase):
    """The company's accounts are locked up to today: an invoice cannot be posted. The
    cart says so with the lock date, the rest of the batch goes on, and Invoice Again
    works once the lock date is moved."""

    def lock_sales(self, day):
        self.company.sale_lock_date = day
        self.env.invalidate_all()

    def assert_refused_for_the_lock(self, order, day):
        self.assertEqual(order.invoice_state, "error")
        self.assertFalse(order.sale_order_id.invoice_ids.filtered("state"))
        error = order.invoice_error
        self.assertIn(order.pack_no, error)
        self.assertIn(format_date(self.env, day), error)
        self.assertIn("lock date", error)
        self.assertIn("are locked", error)
        self.assertNotIn("invoicing policy", error, "no cause that is not this one")

    def test_invoice_at_import(self):
        self.backend.invoice_policy = "import"
        today = fields.Date.context_today(self.backend)
        self.lock_sales(today)
        carts = self.add_carts(
            self.cart([{"seller_item_code": "MUG-001", "price": 1100}], hours_ago=3),
            self.cart([{"seller_item_code": "TEA-01", "price": 648}], hours_ago=2),
        )
        orders = self.import_orders()
        self.assertEqual(len(orders), len(carts))
        self.assertEqual(set(orders.mapped("sync_state")), {"done"}, "imported")
        for order in orders:
            self.assert_refused_for_the_lock(order, today)
        self.lock_sales(today - timedelta(days=1))
        orders[0].with_user(self.manager).action_qoo10_invoice()
        self.assert_invoiced(orders[0])
        self.assert_paid_by_qoo10(orders[0])
        self.assertEqual(orders[1].invoice_state, "error", "Invoice Again is per cart")

    def test_invoice_when_delivered_the_rest_of_the_batch_goes_on(self):
        """In one accounting run of the shop, the cart to invoice is refused and the
        cart whose invoice a person posted before the lock is paid by Qoo10."""
        self.backend.write({"invoice_policy": "delivery", "auto_fulfillment": True})
        to_invoice = self.import_mug_cart()
        invoiced = self.import_cart(
            [{"seller_item_code": "TEA-01", "price": 648}], hours_ago=1
        )
        invoiced.sale_order_id._create_invoices().action_post()  # by a person
        today = fields.Date.context_today(self.backend)
        self.lock_sales(today)
        self.ship(to_invoice)
        self.assertEqual(
            (to_invoice | invoiced).mapped("invoice_state"), ["pending", "pending"]
        )
        self.env["qoo10.backend"]._cron_qoo10_accounting()
        self.assert_refused_for_the_lock(to_invoice, today)
        self.assertEqual(invoiced.invoice_state, "done", invoiced.invoice_error)
        invoice = invoiced.sale_order_id.invoice_ids
        self.assertIn(invoice.payment_state, ("in_payment", "paid"), "paid by Qoo10")
        self.assertTrue(
            to_invoice.message_ids.filtered(lambda m: "Invoice Again" in m.body)
        )
        self.lock_sales(today - timedelta(days=1))
        to_invoice.with_user(self.manager).action_qoo10_invoice()
        self.assert_invoiced(to_invoice)
        self.assert_paid_by_qoo10(to_invoice)


@tagged("post_install", "-at_install")
class TestCreditNotes(Qoo10AccountingCase):
    def import_two_lines(self):
        self.backend.invoice_policy = "import"
        order = self.import_cart(
            [
                {"seller_item_code": "MUG-001", "price": 1100, "discount": 100},
                {"seller_item_code": "TEA-01", "price": 648, "qty": 2},
            ],
            shipping_rate=500,
        )
        mug, tea = (
            order.line_ids.filtered(lambda line, p=p: line.product_id == p)
            for p in (self.mug, self.tea)
        )
        self.assert_invoiced(order)
        return order, mug, tea

    def test_cancellation_after_invoicing_credits_once(self):
        order, mug, tea = self.import_two_lines()
        self.claim(tea, 3)
        refund = tea.credit_note_id
        self.assertEqual((tea.credit_state, refund.state), ("done", "posted"))
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.reversed_entry_id, order.invoice_id)
        self.assertEqual(
            (refund.ref, refund.journal_id),
            (order.pack_no, self.backend.sale_journal_id),
        )
        self.assertEqual(refund.amount_total, 2 * 648, "the tea alone: shipping stays")
        self.assertEqual(mug.credit_state, "none")
        # Qoo10 refunded the buyer: it owes that much less for the cart
        self.assertEqual(
            self.clearing_balance(order), order._qoo10_expected_sale_total() - 2 * 648
        )
        # the same claim seen again, the cron run again: no second credit note
        self.backend.claims_from = False
        self.claim(tea, 3)
        self.env["qoo10.backend"]._cron_qoo10_accounting()
        refunds = self.env["account.move"].search(
            [("move_type", "=", "out_refund"), ("ref", "=", order.pack_no)]
        )
        self.assertEqual(refunds, refund)

    def test_whole_cart_cancelled_after_invoicing(self):
        order, mug, tea = self.import_two_lines()
        self.claim(tea, 3)
        self.claim(mug, 3)
        refunds = tea.credit_note_id | mug.credit_note_id
        self.assertEqual(len(refunds), 2)
        self.assertEqual(
            mug.credit_note_id.amount_total,
            1100 + 500,
            "the mug and shipping (its discount was Qoo10's: not a sale line)",
        )
        self.assertEqual(
            sum(refunds.mapped("amount_total")), order.invoice_id.amount_total
        )
        self.assertEqual(self.clearing_balance(order), 0, "Qoo10 owes nothing for it")

    def test_return_after_delivery_credits_with_its_todo(self):
        self.backend.auto_fulfillment = True
        order, mug, tea = self.import_two_lines()
        self.ship(order)
        self.claim(mug, 4)
        self.assertEqual(mug.credit_state, "none", "a return request credits nothing")
        self.claim(mug, 6)
        # 1,100: the mug's 100 discount was Qoo10's, so its sale line is the full price
        self.assertEqual(mug.credit_note_id.amount_total, 1100)
        sale = order.sale_order_id
        self.assertTrue(
            sale.activity_ids.filtered(lambda a: "Qoo10" in (a.summary or ""))
        )
        self.assertTrue(
            sale.message_ids.filtered(lambda m: mug.credit_note_id.name in m.body)
        )

    def test_credit_note_refused_by_the_lock_date_then_made(self):
        order, mug, tea = self.import_two_lines()
        today = fields.Date.context_today(self.backend)
        self.company.sale_lock_date = today
        self.env.invalidate_all()
        self.claim(tea, 3)
        self.assertEqual((tea.credit_state, order.invoice_state), ("pending", "error"))
        self.assertFalse(tea.credit_note_id)
        error = order.invoice_error
        self.assertIn("credit note could not be made", error)
        self.assertIn(format_date(self.env, today), error)
        self.assertNotIn("invoicing policy", error, "no cause that is not this one")
        self.company.sale_lock_date = today - timedelta(days=1)
        self.env.invalidate_all()
        order.with_user(self.manager).action_qoo10_invoice()
        self.assertEqual(
            (tea.credit_state, tea.credit_note_id.state), ("done", "posted")
        )
        self.assertEqual(tea.credit_note_id.amount_total, 2 * 648)

    def test_cancellation_before_invoicing_credits_nothing(self):
        self.backend.write({"invoice_policy": "delivery", "auto_fulfillment": True})
        order = self.import_cart(
            [
                {"seller_item_code": "MUG-001", "price": 1100},
                {"seller_item_code": "TEA-01", "price": 648},
            ]
        )
        tea = order.line_ids.filtered(lambda line: line.product_id == self.tea)
        self.claim(tea, 3)
        self.assertEqual(tea.credit_state, "none")
        self.ship(order)
        self.env["qoo10.backend"]._cron_qoo10_accounting()
        self.assertEqual(order.invoice_id.amount_total, 1100)


@tagged("post_install", "-at_install")
class TestQxMoneySettings(Qoo10AccountingCase):
    def account(self, account_type, reconcile=False, company=None):
        company = company or self.company
        return (
            self.env["account.account"]
            .with_company(company)
            .create(
                {
                    "name": f"Test {account_type}",
                    "code": f"99{len(self.env['account.account'].search([])):04d}",
                    "account_type": account_type,
                    "reconcile": reconcile,
                    "company_ids": [Command.set(company.ids)],
                }
            )
        )

    def assert_refused(self, message, **values):
        with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
            self.backend.write(values)
        self.backend.invalidate_recordset()

    def test_account_types_are_checked(self):
        self.assert_refused(
            "clearing account",
            qxmoney_clearing_account_id=self.account("asset_current").id,
        )
        self.assert_refused(
            "Service Fee Account",
            qxmoney_commission_account_id=self.account("income").id,
        )
        self.assert_refused(
            "Transfer Fee Account",
            qxmoney_transfer_fee_account_id=self.account("asset_current", True).id,
        )
        self.assert_refused(
            "Qoo10 Receivable", qxmoney_clearing_account_id=self.account("expense").id
        )
        # a sensible choice is taken
        coupon = self.account("income_other")
        self.backend.qxmoney_coupon_account_id = coupon
        self.assertEqual(self.backend.qxmoney_coupon_account_id, coupon)

    def test_journal_booking_elsewhere_is_refused(self):
        journal = self.env["account.journal"].create(
            {
                "name": "Other bank",
                "code": "OBK",
                "type": "bank",
                "company_id": self.company.id,
            }
        )
        journal.inbound_payment_method_line_ids.payment_account_id = self.account(
            "asset_current", True
        )
        self.assert_refused("outstanding account", qxmoney_journal_id=journal.id)

    def test_accounts_of_another_company_are_refused(self):
        other = self.env["res.company"].create({"name": "Other KK"})
        self.env.user.company_ids |= other
        with self.assertRaises(UserError):
            self.backend.qxmoney_commission_account_id = self.account(
                "expense", company=other
            )

    def test_invoicing_needs_a_sales_journal(self):
        self.assert_refused(
            "sales journal", invoice_policy="import", sale_journal_id=False
        )
        self.assert_refused(
            "sales journal", sale_journal_id=self.backend.qxmoney_journal_id.id
        )
