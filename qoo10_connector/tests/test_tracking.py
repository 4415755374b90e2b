# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tracking numbers back to Qoo10 (SetSendingInfo): validated deliveries of imported
carts mark their lines, the tracking cron or the shop's button sends them, once."""

from odoo.tests import new_test_user, tagged

from .common import Qoo10StockedCase, sandbox

SENDING = "ShippingBasic.SetSendingInfo"
SENDING_BULK = "ShippingBasic.SetSendingInfoBulk"


class TrackingCase(Qoo10StockedCase):
    """Imported carts confirmed on Qoo10 (status 3) whose deliveries Odoo created."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend.write({"auto_fulfillment": True, "auto_confirm_orders": True})
        cls.yamato = cls.mapping("ヤマト宅急便").carrier_id
        cls.cron = cls.env.ref("qoo10_connector.ir_cron_qoo10_send_tracking")

    @classmethod
    def mapping(cls, name, backend=None):
        return (backend or cls.backend).carrier_mapping_ids.filtered(
            lambda mapping: mapping.shipping_corp == name
        )

    def _state(self, order_no):
        return sandbox(f"/_sandbox/state?order_no={order_no}")["orders"][str(order_no)]

    def import_cart(self, *quantities):
        """One cart of mugs, one Qoo10 line per quantity; its order, lines and delivery."""
        self.add_carts(
            self.cart(
                [{"seller_item_code": "MUG-001", "qty": qty} for qty in quantities]
            )
        )
        order = self.import_orders()
        self.assertEqual(order.qoo10_status, "3")
        picking = order.sale_order_id.picking_ids
        self.assertEqual(len(picking), 1)
        return order, order.line_ids.sorted("id"), picking

    def ship(self, picking, lines, quantities=None, ref="YMT-0001", carrier=None):
        """Validate ``picking`` shipping ``quantities`` (per Qoo10 line, default all);
        what is left goes to a backorder. Calls no Qoo10 method."""
        picking.carrier_id = self.yamato if carrier is None else carrier
        picking.carrier_tracking_ref = ref
        wanted = dict(zip(lines.sale_line_id, quantities or [], strict=False))
        for move in picking.move_ids:
            move.quantity = wanted.get(move.sale_line_id, move.product_uom_qty)
            move.picked = True
        self.clear_calls()
        picking._action_done()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.calls(), [], "validating a delivery never calls Qoo10")
        return picking.backorder_ids

    def send(self):
        """One run of the tracking cron."""
        self.env["qoo10.backend"]._cron_send_tracking()

    def sent_calls(self):
        """Successful sending calls (a dropped or 502 call is logged with its fault)."""
        return [
            call
            for call in self.calls()
            if call["method"] in (SENDING, SENDING_BULK) and not call.get("fault")
        ]

    def assert_triggered(self):
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)]),
            "validating triggers the tracking cron",
        )

    def assert_on_qoo10(self, line, ref, corp="ヤマト宅急便"):
        state = self._state(line.order_no)
        self.assertEqual(state["status"], 4)
        self.assertEqual((state["tracking_no"], state["shipping_corp"]), (ref, corp))


@tagged("post_install", "-at_install")
class TestTrackingShipments(TrackingCase):
    def test_full_shipment_sends_each_line_once(self):
        order, lines, picking = self.import_cart(1, 2)
        self.ship(picking, lines, ref="YMT-100")
        self.assertEqual(set(lines.mapped("tracking_state")), {"pending"})
        self.assertEqual(set(lines.mapped("tracking_ref")), {"YMT-100"})
        self.assertEqual(set(lines.mapped("tracking_carrier")), {"ヤマト宅急便"})
        self.assertEqual(lines.tracking_picking_id, picking)
        self.assert_triggered()
        self.send()
        self.assertEqual(set(lines.mapped("tracking_state")), {"sent"})
        self.assertTrue(all(lines.mapped("tracking_sent_date")))
        self.assertEqual(order.qoo10_status, "4")
        for line in lines:
            self.assert_on_qoo10(line, "YMT-100")
        self.assertEqual(len(self.calls(SENDING)), 2, "one call per line below 3 lines")
        # once: the cron and the button send nothing more
        self.send()
        self.backend.action_send_tracking()
        self.assertEqual(len(self.calls(SENDING)), 2)

    def test_next_import_shows_qoo10_status(self):
        order, lines, picking = self.import_cart(1, 1)
        self.ship(picking, lines)
        self.send()
        sandbox("/_sandbox/orders/status", {"order_no": lines[0].order_no, "status": 5})
        self.import_orders()
        self.assertEqual(lines.mapped("qoo10_status"), ["5", "4"])
        self.assertEqual(order.qoo10_status, "4")
        sandbox("/_sandbox/orders/status", {"order_no": lines[1].order_no, "status": 5})
        self.import_orders()
        self.assertEqual(order.qoo10_status, "5", "delivered")
        # a replay of the stored rows never moves a status back
        order.action_retry()
        self.assertEqual(lines.mapped("qoo10_status"), ["5", "5"])
        self.assertEqual(len(order.payload), 2, "the cart is stored whole")

    def test_bulk_call_from_three_lines_one_refused(self):
        order, lines, picking = self.import_cart(1, 1, 1)
        # Qoo10 cancelled the second line meanwhile: it refuses that row only
        sandbox("/_sandbox/claims", {"order_no": lines[1].order_no, "claim_status": 3})
        self.ship(picking, lines, ref="YMT-200")
        self.backend.action_send_tracking()
        self.assertEqual(len(self.calls(SENDING_BULK)), 1)
        self.assertFalse(self.calls(SENDING))
        self.assertEqual(lines.mapped("tracking_state"), ["sent", "error", "sent"])
        self.assertIn("cancelled", lines[1].tracking_error)
        self.assertIn(lines[1].order_no, order.message_ids[0].body)
        self.assert_on_qoo10(lines[0], "YMT-200")
        self.assert_on_qoo10(lines[2], "YMT-200")
        problems = self.env["qoo10.order.line"].search(
            [("backend_id", "=", self.backend.id), ("tracking_state", "=", "error")]
        )
        self.assertEqual(problems, lines[1])

    def test_partial_shipment_then_backorder(self):
        _order, lines, picking = self.import_cart(2, 1)
        backorder = self.ship(picking, lines, quantities=[0, 1], ref="YMT-300")
        self.assertTrue(backorder)
        self.assertEqual(lines.mapped("tracking_state"), ["none", "pending"])
        self.send()
        self.assertEqual(lines.mapped("tracking_state"), ["none", "sent"])
        self.assertEqual(self._state(lines[0].order_no)["status"], 3)
        self.assert_on_qoo10(lines[1], "YMT-300")
        self.ship(backorder, lines, ref="YMT-301")
        self.assertEqual(lines[0].tracking_state, "pending")
        self.assertEqual(lines[0].tracking_picking_id, backorder)
        self.send()
        self.assert_on_qoo10(lines[0], "YMT-301")
        self.assert_on_qoo10(lines[1], "YMT-300")
        self.assertEqual(len(self.sent_calls()), 1, "only the backorder's line")

    def test_line_split_over_two_deliveries_goes_with_its_last_reference(self):
        _order, lines, picking = self.import_cart(2)
        backorder = self.ship(picking, lines, quantities=[1], ref="YMT-400")
        self.assertEqual(lines.tracking_state, "none", "half of it is still to ship")
        self.send()
        self.assertFalse(self.calls(SENDING))
        self.ship(backorder, lines, ref="YMT-401")
        self.assertEqual(lines.tracking_ref, "YMT-401")
        self.send()
        self.assert_on_qoo10(lines, "YMT-401")
        self.assertEqual(len(self.calls(SENDING)), 1)
        # editing the first delivery afterwards sends nothing again
        picking.carrier_tracking_ref = "YMT-400-B"
        self.send()
        self.assertEqual(lines.tracking_ref, "YMT-401")
        self.assertEqual(len(self.calls(SENDING)), 1)


@tagged("post_install", "-at_install")
class TestTrackingProblems(TrackingCase):
    def assert_blocked(self, order, lines, picking, words):
        self.assertEqual(set(lines.mapped("tracking_state")), {"error"})
        for line in lines:
            self.assertIn(words, line.tracking_error)
        self.assertIn(words, picking.message_ids[0].body)
        self.assertIn(words, order.message_ids[0].body)
        self.send()
        self.assertFalse(self.sent_calls(), "nothing is sent")

    def test_missing_reference_then_added(self):
        order, lines, picking = self.import_cart(1, 1)
        self.ship(picking, lines, ref=False)
        self.assert_blocked(order, lines, picking, "no tracking reference")
        self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)]).unlink()
        self.clear_calls()
        picking.carrier_tracking_ref = "YMT-500"
        self.assertFalse(self.calls(), "a save never calls Qoo10")
        self.assertEqual(set(lines.mapped("tracking_state")), {"pending"})
        self.assert_triggered()
        self.send()
        for line in lines:
            self.assert_on_qoo10(line, "YMT-500")

    def test_missing_carrier_then_set(self):
        order, lines, picking = self.import_cart(1)
        self.ship(picking, lines, carrier=self.env["delivery.carrier"])
        self.assert_blocked(order, lines, picking, "no carrier")
        picking.carrier_id = self.mapping("佐川急便").carrier_id
        self.assertEqual(lines.tracking_state, "pending")
        self.send()
        self.assert_on_qoo10(lines, "YMT-0001", corp="佐川急便")

    def test_unmapped_carrier_then_mapping_created(self):
        order, lines, picking = self.import_cart(1, 1)
        carrier = self.env["delivery.carrier"].create(
            {"name": "Local courier", "product_id": self.yamato.product_id.id}
        )
        self.ship(picking, lines, carrier=carrier)
        self.assert_blocked(order, lines, picking, "Local courier")
        self.clear_calls()
        self.env["qoo10.carrier.mapping"].with_user(self.manager).create(
            {
                "backend_id": self.backend.id,
                "carrier_id": carrier.id,
                "shipping_corp": "西濃運輸",
            }
        )
        self.assertFalse(self.calls(), "a save never calls Qoo10")
        self.assertEqual(set(lines.mapped("tracking_state")), {"pending"})
        self.assert_triggered()
        self.send()
        for line in lines:
            self.assert_on_qoo10(line, "YMT-0001", corp="西濃運輸")

    def test_refused_line_retried_after_the_reference_is_fixed(self):
        _order, lines, picking = self.import_cart(1)
        self.ship(picking, lines, ref="X" * 51)  # Qoo10 takes 50 characters
        self.send()
        self.assertEqual(lines.tracking_state, "error")
        self.assertIn("TrackingNo", lines.tracking_error)
        picking.carrier_tracking_ref = "YMT-600"
        self.assertEqual(lines.tracking_state, "pending")
        self.send()
        self.assert_on_qoo10(lines, "YMT-600")

    def test_a_stock_user_without_qoo10_rights_validates_and_fixes(self):
        clerk = new_test_user(
            self.env,
            "qoo10_clerk",
            groups="stock.group_stock_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        _order, lines, picking = self.import_cart(1)
        picking.carrier_id = self.yamato
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        self.clear_calls()
        self.assertIs(picking.with_user(clerk).button_validate(), True)
        self.assertEqual(lines.tracking_state, "error", "no reference yet")
        picking.with_user(clerk).carrier_tracking_ref = "YMT-900"
        self.assertEqual(lines.tracking_state, "pending")
        self.assertFalse(self.calls())
        self.send()
        self.assert_on_qoo10(lines, "YMT-900")

    def test_manager_retries_a_refused_line(self):
        _order, lines, picking = self.import_cart(1)
        sandbox("/_sandbox/orders/status", {"order_no": lines.order_no, "status": 1})
        self.ship(picking, lines, ref="YMT-650")
        self.send()
        self.assertEqual(lines.tracking_state, "error")
        self.assertIn("not paid", lines.tracking_error)
        sandbox("/_sandbox/orders/status", {"order_no": lines.order_no, "status": 3})
        self.assertFalse(self.manager.has_group("stock.group_stock_user"))
        lines.with_user(self.manager).action_retry_tracking()
        self.assertEqual(lines.tracking_state, "sent")
        self.assert_on_qoo10(lines, "YMT-650")


@tagged("post_install", "-at_install")
class TestTrackingWhileQoo10IsDown(TrackingCase):
    def test_dropped_connection_then_back(self):
        _order, lines, picking = self.import_cart(1)
        self.ship(picking, lines)
        sandbox("/_sandbox/faults", {"drop_next": 1, "methods": [SENDING]})
        self.send()
        self.assertEqual(lines.tracking_state, "pending", "waits in the outbox")
        self.assertIn("Waiting", lines.tracking_error)
        self.assertEqual(self._state(lines.order_no)["status"], 3)
        waiting = self.env["qoo10.order"].search(
            [("id", "=", lines.order_id.id)]
            + [
                (
                    "line_ids",
                    "any",
                    [
                        ("tracking_state", "=", "pending"),
                        ("tracking_error", "!=", False),
                    ],
                )
            ]
        )
        self.assertEqual(waiting, lines.order_id, "the 'waiting' filter finds it")
        self.send()
        self.assertEqual(lines.tracking_state, "sent")
        self.assertFalse(lines.tracking_error)
        self.assert_on_qoo10(lines, "YMT-0001")
        self.assertEqual(len(self.sent_calls()), 1, "sent exactly once")

    def test_bad_gateway_on_the_bulk_call_then_back(self):
        _order, lines, picking = self.import_cart(1, 1, 1)
        self.ship(picking, lines)
        sandbox("/_sandbox/faults", {"bad_gateway_next": 1, "methods": [SENDING_BULK]})
        self.backend.action_send_tracking()
        self.assertEqual(set(lines.mapped("tracking_state")), {"pending"})
        self.send()
        self.assertEqual(set(lines.mapped("tracking_state")), {"sent"})
        self.assertEqual(len(self.sent_calls()), 1)
        for line in lines:
            self.assert_on_qoo10(line, "YMT-0001")

    def test_answer_lost_after_qoo10_applied_it_is_not_sent_twice(self):
        _order, lines, picking = self.import_cart(1)
        self.ship(picking, lines, ref="YMT-700")
        sandbox(
            "/_sandbox/faults",
            {"drop_next": 1, "faults_apply": True, "methods": [SENDING]},
        )
        self.send()
        self.assertEqual(lines.tracking_state, "pending", "outcome unknown")
        self.assert_on_qoo10(lines, "YMT-700")
        sandbox("/_sandbox/faults", {"faults_apply": False})
        self.send()  # resent: Qoo10 says it has shipping info, the line reads back 4
        self.assertEqual(lines.tracking_state, "sent")
        self.assertFalse(lines.tracking_error)
        self.assert_on_qoo10(lines, "YMT-700")

    def test_next_import_showing_on_delivery_counts_as_sent(self):
        _order, lines, picking = self.import_cart(1)
        self.ship(picking, lines, ref="YMT-800")
        # shipped on QSM by hand while Qoo10 could not be reached from Odoo
        sandbox("/_sandbox/faults", {"drop_next": 1, "methods": [SENDING]})
        self.send()
        sandbox("/_sandbox/orders/status", {"order_no": lines.order_no, "status": 4})
        self.clear_calls()
        self.import_orders()
        self.assertEqual(lines.qoo10_status, "4")
        self.assertEqual(lines.tracking_state, "sent")
        self.send()
        self.assertFalse(self.sent_calls(), "nothing goes twice")

    def test_problem_shop_keeps_its_outbox(self):
        _order, lines, picking = self.import_cart(1)
        self.ship(picking, lines)
        self.backend.state = "problem"
        self.send()
        self.assertEqual(lines.tracking_state, "pending")
        self.assertFalse(self.sent_calls())


@tagged("post_install", "-at_install")
class TestCarrierMappings(TrackingCase):
    def test_japanese_shop_is_seeded_with_qoo10_names(self):
        names = set(self.backend.carrier_mapping_ids.mapped("shipping_corp"))
        for name in (
            "ヤマト宅急便",
            "佐川急便",
            "ゆうパック",
            "ネコポス",
            "クリックポスト",
        ):
            self.assertIn(name, names)
        self.assertIn("ゆうパケット", names)
        self.assertIn("Qxpress", names)
        for mapping in self.backend.carrier_mapping_ids:
            self.assertEqual(mapping.carrier_id.name, mapping.shipping_corp)

    def test_singapore_shop_gets_its_own_list_and_reuses_carriers(self):
        shop = self.env["qoo10.backend"].create(
            self._backend_values(name="Qoo10 SG", region="sg", shop_login="sg_shop")
        )
        self.assertEqual(shop.carrier_mapping_ids.mapped("shipping_corp"), ["Qxpress"])
        self.assertEqual(
            shop.carrier_mapping_ids.carrier_id, self.mapping("Qxpress").carrier_id
        )

    def test_add_qoo10_carriers_adds_the_missing_names_only(self):
        self.mapping("ネコポス").unlink()
        count = len(self.backend.carrier_mapping_ids)
        self.backend.action_seed_carrier_mappings()
        self.backend.action_seed_carrier_mappings()
        self.assertEqual(len(self.backend.carrier_mapping_ids), count + 1)
        self.assertTrue(self.mapping("ネコポス"))
        self.assertEqual(
            self.env["delivery.carrier"].search_count([("name", "=", "ネコポス")]),
            1,
            "the carrier is found again, not created twice",
        )

    def test_mapping_is_editable(self):
        mapping = self.mapping("ヤマト宅急便")
        mapping.with_user(self.manager).shipping_corp = "Yamato"
        _order, lines, picking = self.import_cart(1)
        self.ship(picking, lines)
        self.send()
        self.assert_on_qoo10(lines, "YMT-0001", corp="Yamato")
