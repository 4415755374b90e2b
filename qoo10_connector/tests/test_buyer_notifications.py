# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Qoo10 informs its buyers: the sale orders and deliveries of a shop whose "Let Odoo
e-mail or text the buyer" is off send the buyer no confirmation e-mail or SMS, even with
the company's delivery e-mail and SMS settings on."""

import threading
from unittest.mock import patch

from odoo.tests import tagged

from .common import Qoo10StockedCase


@tagged("post_install", "-at_install")
class TestBuyerNotifications(Qoo10StockedCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend.write({"auto_fulfillment": True, "auto_confirm_orders": True})
        settings = {"stock_move_email_validation": True}
        if "stock_move_sms_validation" in cls.company._fields:  # stock_sms installed
            settings["stock_move_sms_validation"] = True
        cls.company.write(settings)

    def import_delivery(self):
        """An imported, paid cart: its confirmed sale order and reserved delivery."""
        self.add_carts(self.cart([{"seller_item_code": "MUG-001", "qty": 2}]))
        order = self.import_orders()
        sale = order.sale_order_id
        self.assertEqual(sale.state, "sale")
        picking = sale.picking_ids
        self.assertEqual(len(picking), 1)
        picking.partner_id.email = "hanako@example.jp"
        return sale, picking

    def mails_to(self, partners):
        return self.env["mail.message"].search(
            [
                ("partner_ids", "in", partners.ids),
                ("message_type", "!=", "user_notification"),
            ]
        )

    def validate(self, picking):
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        result = picking.button_validate()
        self.assertEqual(picking.state, "done")
        return result

    def test_delivery_sends_the_buyer_nothing(self):
        sale, picking = self.import_delivery()
        self.assertIs(self.validate(picking), True)
        buyers = sale.partner_id | picking.partner_id
        self.assertFalse(
            self.mails_to(buyers).filtered(lambda m: m.model == "stock.picking")
        )

    def test_delivery_mail_when_the_shop_allows_it(self):
        self.backend.notify_buyer = True
        sale, picking = self.import_delivery()
        self.validate(picking)
        mails = self.mails_to(picking.partner_id)
        self.assertEqual(mails.mapped("res_id"), [picking.id])

    def _sms_outside_test_mode(self):
        """stock_sms keeps quiet in test mode: pretend to be a live server."""
        registry = type(self.env.registry)
        thread = threading.current_thread()
        return (
            patch.object(registry, "in_test_mode", return_value=False),
            patch.object(thread, "testing", False, create=True),
            patch.object(type(self.env["stock.picking"]), "_message_sms_with_template"),
        )

    def sms_outcome(self):
        """(the validation hook's answer, whether an SMS was sent) for a new delivery."""
        if "confirm.stock.sms" not in self.env:
            self.skipTest("stock_sms is not installed")
        self.company.write(
            {
                "stock_move_email_validation": False,
                "has_received_warning_stock_sms": False,
            }
        )
        _sale, picking = self.import_delivery()
        picking.partner_id.mobile = "+81-90-1234-5678"
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        test_mode, testing, sms = self._sms_outside_test_mode()
        with test_mode, testing, sms as send_sms:
            hook = picking._pre_action_done_hook()
            picking._send_confirmation_email()
        return hook, send_sms.called

    def test_no_sms_to_the_buyer(self):
        self.assertEqual(self.sms_outcome(), (True, False))

    def test_sms_when_the_shop_allows_it(self):
        self.backend.notify_buyer = True
        hook, sent = self.sms_outcome()
        self.assertEqual(hook["res_model"], "confirm.stock.sms")
        self.assertTrue(sent)

    def test_sale_order_mails_send_nothing(self):
        sale, _picking = self.import_delivery()
        sale._send_order_confirmation_mail()
        sale._send_payment_succeeded_for_order_mail()
        self.assertFalse(self.mails_to(sale.partner_id))

    def test_sale_order_mail_when_the_shop_allows_it(self):
        self.backend.notify_buyer = True
        sale, _picking = self.import_delivery()
        sale._send_order_confirmation_mail()
        self.assertEqual(self.mails_to(sale.partner_id).mapped("res_id"), [sale.id])
