# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.qoo10_connector.components import OrderMapper
from odoo.addons.qoo10_connector.qapi.records import parse_order_line

from .common import Qoo10Case, sandbox


@tagged("post_install", "-at_install")
class TestOrderImport(Qoo10Case):
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

    def test_cart_becomes_one_sale_order_with_buyer_amounts(self):
        (cart,) = self.add_carts(
            self.cart(
                [
                    {
                        "seller_item_code": "TSHIRT",
                        "option_code": "TSHIRT-BLK-M",
                        "option": "カラー:ブラック / サイズ:M",
                        "option_price": 100,
                        "title": "Tシャツ",
                        "price": 1980,
                        "qty": 2,
                        "discount": 200,
                        "seller_discount": 150,
                    },
                    {
                        "seller_item_code": "MUG-001",
                        "title": "マグカップ",
                        "price": 800,
                        "qty": 1,
                    },
                ],
                shipping_rate=600,
                cart_discount_seller=100,
                cart_discount_qoo10=50,
            )
        )
        orders = self.import_orders()
        self.assertEqual(len(orders), 1)
        order = orders
        self.assertEqual(order.pack_no, str(cart["pack_no"]))
        self.assertEqual(order.sync_state, "done", order.sync_error)
        self.assertEqual(
            sorted(order.line_ids.mapped("order_no")),
            sorted(str(n) for n in cart["order_nos"]),
        )
        sale = order.sale_order_id
        self.assertEqual(sale.name, f"Q10-{cart['pack_no']}")
        self.assertEqual(sale.company_id, self.company)
        self.assertEqual(sale.warehouse_id, self.warehouse)
        self.assertEqual(sale.currency_id.name, "JPY")
        self.assertEqual(sale.qoo10_order_id, order)
        # buyer paid: (1980 + 100) x 2 - 200 + 800 + 600 shipping - 100 - 50 cart discounts
        paid = (1980 + 100) * 2 - 200 + 800 + 600 - 100 - 50
        self.assertEqual(order.amount_total, paid)
        self.assertEqual(sale.amount_total, paid)
        tshirt_line = order.line_ids.filtered(
            lambda line: line.option_code == "TSHIRT-BLK-M"
        )
        self.assertEqual(tshirt_line.sale_line_id.product_id, self.tshirt)
        self.assertEqual(
            tshirt_line.sale_line_id.price_unit,
            2080,
            "unit price includes the option surcharge",
        )
        self.assertEqual(tshirt_line.sale_line_id.product_uom_qty, 2)
        self.assertEqual(tshirt_line.settle_price, 0.9 * (1980 + 100) * 2)
        discounts = sale.order_line.filtered(
            lambda line: line.product_id == self.backend.discount_product_id
        )
        self.assertEqual(sorted(discounts.mapped("price_unit")), [-150, -100])
        qoo10_funded = sale.order_line.filtered(
            lambda line: line.product_id == self.backend.qoo10_discount_product_id
        )
        self.assertEqual(sorted(qoo10_funded.mapped("price_unit")), [-50, -50])
        shipping = sale.order_line.filtered(
            lambda line: line.product_id == self.backend.shipping_product_id
        )
        self.assertEqual(shipping.price_unit, 600)
        # customer and delivery address
        self.assertEqual(sale.partner_id.name, "山田 太郎")
        self.assertEqual(sale.partner_id.email, "taro@example.jp")
        delivery = sale.partner_shipping_id
        self.assertEqual(delivery.parent_id, sale.partner_id)
        self.assertEqual(delivery.type, "delivery")
        self.assertEqual(delivery.name, "山田 花子")
        self.assertEqual(delivery.zip, "150-0043")
        self.assertEqual(delivery.state_id.code, "13", "Tokyo from 東京都")
        self.assertEqual(delivery.street, "渋谷区道玄坂")
        self.assertTrue(
            order.payload
            and order.payload[0].get("PackNo")
            or order.payload[0].get("packNo")
        )

    def test_sale_order_is_in_the_qoo10_currency_whatever_the_buyer_pricelist(self):
        usd = self.env["product.pricelist"].create(
            {"name": "USD list", "currency_id": self.env.ref("base.USD").id}
        )
        self.env["res.partner"].create(
            {
                "name": "山田 太郎",
                "email": "taro@example.jp",
                "property_product_pricelist": usd.id,
            }
        )
        self.add_carts(self.cart([{"seller_item_code": "MUG-001", "price": 800}]))
        order = self.import_orders()
        self.assertEqual(order.sale_order_id.partner_id.property_product_pricelist, usd)
        self.assertEqual(order.sale_order_id.currency_id.name, "JPY")
        self.assertEqual(order.sale_order_id.amount_total, 800)

    def _tax(self, included):
        group = self.env["account.tax.group"].create(
            {"name": "消費税 10%", "company_id": self.company.id}
        )
        return self.env["account.tax"].create(
            {
                "tax_group_id": group.id,
                "name": f"10% {'incl' if included else 'excl'}",
                "amount": 10,
                "type_tax_use": "sale",
                "company_id": self.company.id,
                "price_include_override": "tax_included"
                if included
                else "tax_excluded",
            }
        )

    def test_tax_included_prices_keep_what_the_buyer_paid(self):
        included = self._tax(included=True)
        self.mug.taxes_id = included
        for mode in ("fixed", "product"):
            with self.subTest(mode=mode):
                self.backend.write({"tax_mode": mode, "tax_id": included.id})
                self.add_carts(
                    self.cart(
                        [{"seller_item_code": "MUG-001", "price": 800}],
                        shipping_rate=600,
                        hours_ago=1 if mode == "fixed" else 2,
                    )
                )
                order = self.import_orders().sorted("id")[-1]
                sale = order.sale_order_id
                self.assertEqual(sale.amount_total, 1400)
                mug_line = sale.order_line.filtered(
                    lambda line: line.product_id == self.mug
                )
                self.assertEqual(mug_line.tax_id, included)
                self.assertAlmostEqual(
                    sale.amount_tax, (800 + 600 * (mode == "fixed")) / 11, delta=1
                )
                self.assertFalse(
                    order.message_ids.filtered(lambda m: "not what the buyer" in m.body)
                )

    def test_tax_on_top_of_qoo10_prices_is_flagged(self):
        excluded = self._tax(included=False)
        with self.assertRaises(ValidationError):
            self.backend.write({"tax_mode": "fixed", "tax_id": excluded.id})
        self.mug.taxes_id = excluded
        self.backend.tax_mode = "product"
        self.add_carts(self.cart([{"seller_item_code": "MUG-001", "price": 800}]))
        order = self.import_orders()
        self.assertEqual(order.sync_state, "done")
        self.assertEqual(order.sale_order_id.amount_total, 880)
        for record in (order, order.sale_order_id):
            self.assertIn(
                "is not what the buyer paid on Qoo10", record.message_ids[0].body
            )
        self.import_orders()
        self.assertEqual(
            len(
                order.message_ids.filtered(lambda m: "is not what the buyer" in m.body)
            ),
            1,
            "said once, when the sale order is created",
        )

    def test_shipping_fee_once_per_cart_in_both_readings(self):
        for placement in ("all", "first"):
            sandbox("/_sandbox/faults", {"shipping_rate_on": placement})
            (cart,) = self.add_carts(
                self.cart(
                    [
                        {"seller_item_code": "MUG-001", "price": 800},
                        {"seller_item_code": "BAG-01", "price": 1200},
                    ],
                    shipping_rate=500,
                )
            )
            self.import_orders()
            order = self.env["qoo10.order"].search(
                [("pack_no", "=", str(cart["pack_no"]))]
            )
            self.assertEqual(
                order.sale_order_id.amount_total, 800 + 1200 + 500, placement
            )

    def test_mapping_order_option_code_then_item_code_then_reference(self):
        option_product = self.make_product("OPT-PRODUCT")
        self.env["qoo10.product.mapping"].create(
            {
                "backend_id": self.backend.id,
                "seller_item_code": "BAG-01",
                "option_code": "BAG-RED",
                "product_id": option_product.id,
            }
        )
        item_no_product = self.make_product("ITEM-NO-PRODUCT")
        self.env["qoo10.product.mapping"].create(
            {
                "backend_id": self.backend.id,
                "item_code": "880002",
                "product_id": item_no_product.id,
            }
        )
        self.add_carts(
            self.cart(
                [
                    {
                        "seller_item_code": "BAG-01",
                        "option_code": "BAG-RED",
                    },  # option mapping wins
                    {
                        "seller_item_code": "BAG-01",
                        "option_code": "BAG-BLUE",
                    },  # no option mapping: item mapping
                    {
                        "seller_item_code": "ANY",
                        "option_code": "MUG-001",
                    },  # internal reference of the option code
                    {
                        "seller_item_code": "MUG-001"
                    },  # internal reference of the item code
                    {
                        "item_code": "880002",
                        "seller_item_code": "MUG-001",
                    },  # Qoo10 Item No. mapping before internal references
                ]
            )
        )
        order = self.import_orders()
        self.assertEqual(order.sync_state, "done", order.sync_error)
        products = [
            line.sale_line_id.product_id for line in order.line_ids.sorted("order_no")
        ]
        self.assertEqual(
            products, [option_product, self.bag, self.mug, self.mug, item_no_product]
        )

    def test_repeat_buyer_is_found_again(self):
        same_address = {
            "name": "山田 花子",
            "zip": "150-0043",
            "addr1": "東京都渋谷区道玄坂",
            "addr2": "1-2-3",
        }
        other_address = {
            "name": "佐藤 一郎",
            "zip": "530-0001",
            "addr1": "大阪府大阪市北区梅田",
            "addr2": "2-2",
        }
        self.add_carts(
            self.cart(
                [{"seller_item_code": "MUG-001"}], receiver=same_address, hours_ago=5
            ),
            self.cart(
                [{"seller_item_code": "MUG-001"}], receiver=same_address, hours_ago=4
            ),
            self.cart(
                [{"seller_item_code": "MUG-001"}], receiver=other_address, hours_ago=3
            ),
        )
        orders = self.import_orders()
        self.assertEqual(len(orders), 3)
        self.assertEqual(len(orders.sale_order_id.partner_id), 1)
        self.assertEqual(len(orders.sale_order_id.partner_shipping_id), 2)
        buyer = orders.sale_order_id.partner_id
        self.assertEqual(
            self.env["res.partner"].search_count([("email", "=", "taro@example.jp")]), 1
        )
        self.assertEqual(sorted(buyer.child_ids.mapped("state_id.code")), ["13", "27"])

    def test_rerun_creates_nothing_twice_and_follows_status_changes(self):
        (cart,) = self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}, {"seller_item_code": "BAG-01"}])
        )
        order = self.import_orders()
        sale = order.sale_order_id
        counts = (
            self.env["sale.order"].search_count([]),
            self.env["res.partner"].search_count([]),
        )
        self.import_orders()
        self.import_orders()
        self.assertEqual(
            self.env["qoo10.order"].search_count(
                [("backend_id", "=", self.backend.id)]
            ),
            1,
        )
        self.assertEqual(
            (
                self.env["sale.order"].search_count([]),
                self.env["res.partner"].search_count([]),
            ),
            counts,
        )
        self.assertEqual(order.qoo10_status, "2")
        sandbox("/_sandbox/orders/status", {"pack_no": cart["pack_no"], "status": 3})
        self.import_orders()
        self.assertEqual(order.qoo10_status, "3")
        self.assertEqual(set(order.line_ids.mapped("qoo10_status")), {"3"})
        self.assertEqual(order.sale_order_id, sale)
        self.assertEqual(len(sale.order_line), 2)

    def test_unpaid_orders_switch(self):
        (cart,) = self.add_carts(self.cart([{"seller_item_code": "MUG-001"}], status=1))
        self.backend.auto_fulfillment = True
        self.assertFalse(
            self.import_orders(),
            "unpaid orders are not imported unless the shop says so",
        )
        self.backend.import_unpaid_orders = True
        order = self.import_orders()
        self.assertEqual(order.qoo10_status, "1")
        self.assertEqual(
            order.sale_order_id.state, "draft", "unpaid: a quotation, no delivery"
        )
        self.assertFalse(order.sale_order_id.picking_ids)
        sandbox("/_sandbox/orders/status", {"pack_no": cart["pack_no"], "status": 2})
        self.import_orders()
        self.assertEqual(order.qoo10_status, "2")
        self.assertEqual(
            order.sale_order_id.state, "sale", "paid: the fulfilment switch confirms it"
        )

    def test_unmapped_line_waits_then_completes_by_itself(self):
        products_before = self.env["product.product"].search_count([])
        self.add_carts(
            self.cart(
                [
                    {"seller_item_code": "MUG-001"},
                    {"seller_item_code": "NEW-ITEM", "option_code": "NEW-RED"},
                ]
            ),
            self.cart([{"seller_item_code": "BAG-01"}]),
        )
        orders = self.import_orders()
        waiting = orders.filtered(lambda o: o.sync_state == "unmapped")
        self.assertEqual(len(waiting), 1)
        self.assertIn("NEW-RED", waiting.sync_error)
        # every code that could map the line: option, seller item code, Qoo10 Item No.
        self.assertEqual(
            set(waiting.missing_codes.split(",")),
            {"NEW-RED", "NEW-ITEM", waiting.line_ids[1].item_code},
        )
        self.assertFalse(waiting.sale_order_id)
        # what Qoo10 sent stays visible while the order waits
        self.assertEqual(waiting.buyer_name, "山田 太郎")
        self.assertEqual(len(waiting.line_ids), 2)
        self.assertEqual(waiting.qoo10_status, "2")
        self.assertIn("NEW-RED", waiting.message_ids[0].body)
        self.assertEqual(
            (orders - waiting).sync_state, "done", "the rest of the batch is imported"
        )
        self.assertEqual(
            self.env["product.product"].search_count([]),
            products_before,
            "no placeholder product",
        )
        unmapped_action = self.env.ref("qoo10_connector.action_qoo10_order_unmapped")
        self.assertIn("search_default_unmapped", unmapped_action.context)
        new = self.make_product("ODOO-NEW")
        self.assert_saved_without_qoo10(
            waiting,
            lambda: self.env["qoo10.product.mapping"].create(
                {
                    "backend_id": self.backend.id,
                    "option_code": "NEW-RED",
                    "product_id": new.id,
                }
            ),
        )
        self.assertEqual(waiting.sync_state, "done")
        self.assertIn(new, waiting.sale_order_id.order_line.product_id)

    def test_internal_reference_set_later_completes_the_order(self):
        self.add_carts(self.cart([{"seller_item_code": "LATER-1"}]))
        order = self.import_orders()
        self.assertEqual(order.sync_state, "unmapped")
        self.assert_saved_without_qoo10(order, lambda: self.make_product("LATER-1"))
        self.assertEqual(order.sync_state, "done")

    def test_listing_without_seller_codes_is_mapped_by_qoo10_item_no(self):
        self.add_carts(self.cart([{"item_code": "990001", "title": "コードなし"}]))
        order = self.import_orders()
        self.assertEqual(order.sync_state, "unmapped")
        self.assertEqual(order.missing_codes, "990001")
        product = self.make_product("NO-SELLER-CODE")
        self.env["qoo10.product.mapping"].create(
            {
                "backend_id": self.backend.id,
                "item_code": "990001",
                "product_id": product.id,
            }
        )
        self.run_import_cron()
        self.assertEqual(order.sync_state, "done", order.sync_error)
        self.assertEqual(order.line_ids.sale_line_id.product_id, product)

    def test_only_carts_that_can_now_complete_are_imported_again(self):
        self.add_carts(
            self.cart([{"seller_item_code": "WAIT-A"}]),
            self.cart([{"seller_item_code": "WAIT-B"}]),
        )
        orders = self.import_orders()
        wait_a = orders.filtered(lambda order: "WAIT-A" in order.missing_codes)
        wait_b = orders.filtered(lambda order: "WAIT-B" in order.missing_codes)
        order_model = type(self.env["qoo10.order"])
        retry = order_model.action_retry
        with patch.object(
            order_model, "action_retry", autospec=True, side_effect=retry
        ) as spy:
            self.make_product("WAIT-A")
            self.assertEqual(spy.call_args_list, [], "the save imports nothing")
            self.assertTrue(wait_a.retry_requested)
            self.assertFalse(wait_b.retry_requested)
            self.run_import_cron()
        self.assertEqual(
            [call.args[0] for call in spy.call_args_list],
            [wait_a],
            "a cart that still cannot complete is not imported again",
        )
        self.assertEqual(wait_a.sync_state, "done")
        self.assertEqual(wait_b.sync_state, "unmapped")

    def test_item_mapping_wakes_a_cart_waiting_on_its_option_code(self):
        self.add_carts(
            self.cart([{"seller_item_code": "WAKE-ITEM", "option_code": "WAKE-OPT"}])
        )
        order = self.import_orders()
        self.assertEqual(order.sync_state, "unmapped")
        self.assertIn("WAKE-OPT", order.sync_error, "the message names the option")
        self.env["qoo10.product.mapping"].create(
            {
                "backend_id": self.backend.id,
                "seller_item_code": "WAKE-ITEM",
                "product_id": self.mug.id,
            }
        )
        self.run_import_cron()
        self.assertEqual(order.sync_state, "done", "the item's mapping covers it")

    def test_import_cron_completes_carts_nothing_else_woke(self):
        product = self.make_product("ARCHIVED-1")
        product.action_archive()
        self.add_carts(self.cart([{"seller_item_code": "ARCHIVED-1"}]))
        order = self.import_orders()
        self.assertEqual(order.sync_state, "unmapped", "archived products are not used")
        product.action_unarchive()
        self.assertEqual(order.sync_state, "unmapped", "unarchiving sets no code")
        self.backend.auto_import_orders = True
        self.env["qoo10.backend"]._cron_import_orders()
        self.assertEqual(order.sync_state, "done", "the cron's pass finds it")

    def test_a_code_maps_to_one_product_per_shop(self):
        mapping = self.env["qoo10.product.mapping"]
        other = self.make_product("OTHER")
        common = {"backend_id": self.backend.id, "product_id": other.id}
        mapping.create(dict(common, seller_item_code="IT-1", item_code="880001"))
        mapping.create(dict(common, seller_item_code="IT-1", option_code="OPT-9"))
        for values in (
            {"seller_item_code": "IT-2", "option_code": "OPT-9"},
            {"seller_item_code": "IT-1"},
            {"seller_item_code": "IT-1", "option_code": ""},
            {"item_code": "880001"},
        ):
            with (
                self.subTest(**values),
                self.assertRaises(IntegrityError),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                mapping.create(dict(common, **values))
                mapping.flush_model()
        shop_2 = self.env["qoo10.backend"].create(
            self._backend_values(name="Second shop", shop_login="other_shop")
        )
        mapping.create(dict(common, backend_id=shop_2.id, seller_item_code="IT-1"))
        with self.assertRaises(ValidationError):
            mapping.create(dict(common, seller_item_code=False))

    def test_bad_carts_are_isolated(self):
        self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], currency="SGD", hours_ago=6),
            self.cart(
                [{"seller_item_code": "MUG-001"}],
                receiver={"name": "", "addr1": "", "addr2": "", "zip": ""},
                hours_ago=5,
            ),
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=4),
        )
        orders = self.import_orders()
        self.assertEqual(len(orders), 3)
        by_state = {
            state: orders.filtered(lambda o, s=state: o.sync_state == s)
            for state in ("error", "done")
        }
        self.assertEqual(len(by_state["error"]), 2)
        self.assertEqual(len(by_state["done"]), 1)
        errors = " | ".join(by_state["error"].mapped("sync_error"))
        self.assertIn("SGD", errors)
        self.assertIn("no delivery address", errors)
        self.assertFalse(by_state["error"].sale_order_id)
        # "Retry" keeps the reason while it lasts
        by_state["error"].action_retry()
        self.assertEqual(set(by_state["error"].mapped("sync_state")), {"error"})

    def test_unreadable_rows_are_isolated(self):
        cart_a, cart_b = self.add_carts(
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=3),
            self.cart([{"seller_item_code": "MUG-001"}], hours_ago=2),
        )
        rows = self.backend._qoo10_order_import().fetch(
            datetime.now() - timedelta(days=1), datetime.now()
        )
        by_pack = {row.pack_no: row for row in rows}
        broken = dict(by_pack[str(cart_a["pack_no"])].raw, OrderQty="abc")
        nameless = dict(by_pack[str(cart_b["pack_no"])].raw, PackNo="", OrderNo="")
        tz = self.backend.tz
        self.backend._qoo10_order_import().import_rows(
            [
                parse_order_line(broken, tz),
                by_pack[str(cart_b["pack_no"])],
                parse_order_line(nameless, tz),
            ],
        )
        order_a = self.env["qoo10.order"].search(
            [("pack_no", "=", str(cart_a["pack_no"]))]
        )
        order_b = self.env["qoo10.order"].search(
            [("pack_no", "=", str(cart_b["pack_no"]))]
        )
        self.assertEqual(order_a.sync_state, "error")
        self.assertIn("OrderQty='abc'", order_a.sync_error)
        self.assertEqual(
            order_a.payload[0]["OrderQty"], "abc", "the raw answer is kept"
        )
        self.assertEqual(order_b.sync_state, "done")
        self.assertIn(
            "without a usable cart or order number", self.backend.message_ids[0].body
        )

    def test_an_unexpected_failure_stops_only_its_cart(self):
        carts = self.add_carts(
            *[
                self.cart([{"seller_item_code": "MUG-001"}], hours_ago=5 - i)
                for i in range(3)
            ]
        )
        bad_pack = str(carts[1]["pack_no"])
        real = OrderMapper.sale_order_values

        def failing(context, order, rows):
            if order.pack_no == bad_pack:
                raise RuntimeError("disk full while creating the order")
            return real(context, order, rows)

        with patch.object(OrderMapper, "sale_order_values", failing):
            orders = self.import_orders()
        bad = orders.filtered(lambda o: o.pack_no == bad_pack)
        self.assertEqual(bad.sync_state, "error")
        self.assertIn("disk full", bad.sync_error)
        self.assertFalse(bad.sale_order_id)
        self.assertEqual(len(bad.line_ids), 1, "what Qoo10 sent is kept")
        good = orders - bad
        self.assertEqual(good.mapped("sync_state"), ["done", "done"])
        self.assertEqual(len(good.sale_order_id), 2)
        bad.action_retry()
        self.assertEqual(bad.sync_state, "done")

    def test_malformed_answer_loses_nothing(self):
        self.add_carts(self.cart([{"seller_item_code": "MUG-001"}]))
        before = self.backend.import_from = datetime.now() - timedelta(days=1)
        sandbox(
            "/_sandbox/faults",
            {"truncate_next": 10, "methods": ["ShippingBasic.GetShippingInfo_v3"]},
        )
        with self.assertRaises(UserError) as caught:
            self.backend.action_import_orders()
        self.assertIn("Qoo10", str(caught.exception))
        self.assertEqual(
            self.backend.import_from,
            before,
            "the import point does not move past failed work",
        )
        sandbox("/_sandbox/faults", {"truncate_next": 0})
        self.assertEqual(len(self.import_orders()), 1)

    def test_refetch_by_order_number(self):
        (cart,) = self.add_carts(
            self.cart(
                [
                    {"seller_item_code": "MUG-001", "price": 800},
                    {"seller_item_code": "BAG-01", "price": 1000},
                ],
                shipping_rate=700,
            )
        )
        wizard = self.env["qoo10.import.orders.wizard"].create(
            {
                "backend_id": self.backend.id,
                "mode": "numbers",
                "order_numbers": str(cart["order_nos"][0]),
            }
        )
        action = wizard.action_import()
        order = self.env["qoo10.order"].search(action["domain"])
        self.assertEqual(order.pack_no, str(cart["pack_no"]))
        self.assertEqual(len(order.line_ids), 2, "the whole cart, from the list API")
        self.assertEqual(order.sale_order_id.amount_total, 800 + 1000 + 700)
        order.action_refetch()
        self.assertEqual(
            self.env["qoo10.order"].search_count(
                [("pack_no", "=", str(cart["pack_no"]))]
            ),
            1,
        )
