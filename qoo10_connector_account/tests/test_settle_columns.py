# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The column layouts of the presets, read the way the import reads them."""

from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, TransactionCase, tagged

from .. import settle_columns as sc
from .common import SALES_HEADER


@tagged("post_install", "-at_install")
class TestSettleColumns(BaseCase):
    SPEC = sc.parse_spec(
        """# comment
        date = 購入者の決済日 @0
        order_no = 注文番号, 注文No @2
        amount = 精算金額, 商品単価金額 @14
        fee = サービス利用料
        """
    )

    def test_aliases_then_positions(self):
        header = list(SALES_HEADER)
        columns = sc.resolve(header, self.SPEC)
        self.assertEqual(columns, {"date": 0, "order_no": 2, "amount": 20})
        header[2] = "注文No"
        self.assertEqual(sc.resolve(header, self.SPEC)["order_no"], 2, "by alias")
        header[2] = "新しい名前"
        self.assertEqual(sc.resolve(header, self.SPEC)["order_no"], 2, "by position")

    def test_position_not_taken_from_a_named_column(self):
        header = ["購入者の決済日", "x", "x"] + ["x"] * 11 + ["精算金額"]
        columns = sc.resolve(header, self.SPEC)
        self.assertEqual(columns["amount"], 14)
        header = ["注文番号", "購入者の決済日"]
        columns = sc.resolve(header, self.SPEC)
        self.assertEqual(columns, {"order_no": 0, "date": 1})

    def test_check_layout_names_what_is_missing(self):
        with self.assertRaises(sc.LayoutError) as caught:
            sc.check_layout(["注文日"], self.SPEC, "購入者の決済日", ("date",))
        self.assertIn("購入者の決済日", str(caught.exception))
        with self.assertRaises(sc.LayoutError) as caught:
            sc.check_layout(
                ["\ufeff購入者の決済日", "区分"],
                self.SPEC,
                "購入者の決済日",
                ("date", "order_no", "amount"),
            )
        self.assertEqual(
            caught.exception.missing, ["注文番号 / 注文No", "精算金額 / 商品単価金額"]
        )

    def test_values(self):
        self.assertEqual(sc.number("1,234"), 1234)
        self.assertEqual(sc.number("-¥500"), -500)
        self.assertEqual(sc.number(""), 0)
        self.assertEqual(sc.number("１，２３４円"), 1234)
        self.assertEqual(sc.number("▲500"), -500)
        for text in ("未定", "1.2.3", "12a", "abc"):
            with self.assertRaises(ValueError, msg=text):
                sc.number(text)
        self.assertEqual(sc.text(123456789.0), "123456789")
        self.assertEqual(sc.to_date("2026/11/25"), date(2026, 11, 25))
        self.assertEqual(sc.to_date("2026-11-25 10:00:00"), date(2026, 11, 25))
        self.assertEqual(sc.to_date(datetime(2026, 11, 25, 9)), date(2026, 11, 25))
        self.assertIsNone(sc.to_date("25.11.2026"))
        self.assertEqual(sc.event_kind("返品"), "return")
        self.assertEqual(sc.event_kind("払い戻し"), "refund")
        self.assertEqual(sc.event_kind("?"), "")
        self.assertEqual(sc.split_order_numbers("1 | 2|3"), ["1", "2", "3"])
        self.assertEqual(sc.split_evenly(-301, 2), [-151, -150])
        self.assertEqual(sc.split_evenly(300, 3), [100, 100, 100])
        self.assertNotEqual(
            sc.row_fingerprint(["a", "b"]), sc.row_fingerprint(["ab", ""])
        )

    def test_bad_spec_line(self):
        with self.assertRaises(sc.LayoutError):
            sc.parse_spec("order_no 注文番号")


@tagged("post_install", "-at_install")
class TestPresetMappings(TransactionCase):
    def test_presets_read_their_layouts(self):
        for xmlid in ("sales_detail", "cart_discount", "promotion"):
            mapping = self.env.ref(
                f"qoo10_connector_account.qoo10_sheet_mapping_{xmlid}"
            )
            spec = mapping._qoo10_spec()
            self.assertTrue({"date", "order_no", "amount"} <= set(spec), xmlid)
        sales = self.env.ref("qoo10_connector_account.qoo10_sheet_mapping_sales_detail")
        columns = sc.resolve(SALES_HEADER, sales._qoo10_spec())
        self.assertEqual(
            {key: columns[key] for key in ("date", "event", "order_no", "seller_code")},
            {"date": 0, "event": 1, "order_no": 2, "seller_code": 23},
        )

    def test_a_copy_can_be_edited(self):
        sales = self.env.ref("qoo10_connector_account.qoo10_sheet_mapping_sales_detail")
        copy = sales.copy({"name": "My layout"})
        copy.qoo10_columns += "\nfee = 手数料 @25"
        self.assertEqual(copy._qoo10_spec()["fee"], (["手数料"], 25))
        with self.assertRaises(ValidationError):
            copy.qoo10_columns = "order_no = 注文番号"
