"""``qoo10_connector/mappers.py`` without a database: Qoo10 rows in, Odoo values out.

The mappers are pure functions; the rows are the client's own records
(``parse_order_line``), products, taxes and states are plain stand-ins carrying the
``id``/``ids``/``display_name`` the functions read.
"""

import importlib.util
from datetime import datetime, timezone
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from qapi_loader import REPO_ROOT, load_submodule

records = load_submodule("records")


def _load_mappers():
    path = REPO_ROOT / "qoo10_connector" / "mappers.py"
    spec = importlib.util.spec_from_file_location("qoo10_mappers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mappers = _load_mappers()

BASE_ROW = {
    "packNo": "5000001",
    "orderNo": "1000001",
    "orderQty": "2",
    "orderPrice": "1500",
    "total": "2800",
    "discount": "200",
    "SellerDiscount": "50",
    "sellerItemCode": "MUG-001",
    "optionCode": "MUG-001-RED",
    "itemTitle": "マグカップ",
    "option": "カラー:赤",
    "buyer": "山田 太郎",
    "buyerEmail": "Taro@Example.JP",
    "receiver": "山田 花子",
    "zipCode": "150-0043",
    "Addr1": "東京都渋谷区道玄坂",
    "Addr2": "1-2-3",
    "orderDate": "2026-12-01 10:00:00",
}


def row(**changes):
    raw = dict(BASE_ROW, **changes)
    return records.parse_order_line(raw, "Asia/Tokyo")


PRODUCT = SimpleNamespace(id=7, display_name="[MUG] Mug")
TAXES = SimpleNamespace(ids=[3, 4])


# --- what the database can store --------------------------------------------------------
def test_a_plain_row_is_readable_and_storable():
    line = row()
    assert mappers.unreadable(line) == []
    assert mappers.unstorable(line) == []


def test_unreadable_names_the_field_and_value():
    problems = mappers.unreadable(row(orderQty="abc"))
    assert "OrderQty='abc'" in problems


def test_nul_character_is_named_with_its_field():
    (problem,) = mappers.unstorable(row(ShippingMsg="置き配\x00希望"))
    assert problem.startswith("ShippingMsg='置き配\\x00希望'")
    assert "NUL character" in problem


def test_out_of_range_quantity_and_amounts():
    problems = mappers.unstorable(row(orderQty=str(2**40), total=str(10**13)))
    assert any(p.startswith(f"OrderQty={2**40}") for p in problems)
    assert any(p.startswith("total=") and "out of range" in p for p in problems)


def test_long_names_and_codes():
    name = "長" * 10_000
    (problem,) = mappers.unstorable(row(buyer=name))
    assert problem.startswith("buyer='長長")
    assert "(10000 characters)" in problem and "longer than 400" in problem
    (problem,) = mappers.unstorable(row(optionCode="X" * 150))
    assert problem.startswith("optionCode='XXX") and "longer than 100" in problem


def test_free_texts_may_be_longer_than_names():
    assert mappers.unstorable(row(ShippingMsg="よろしく" * 200)) == []
    assert mappers.unstorable(row(ShippingMsg="よろしく" * 1001))


def test_storable_makes_nul_visible_everywhere():
    value = {"a\x00": ["x\x00y", 3, {"b": "\x00"}], "n": None}
    assert mappers.storable(value) == {"a␀": ["x␀y", 3, {"b": "␀"}], "n": None}


@pytest.mark.parametrize(
    "key, ok",
    [
        ("5000001", True),
        ("", False),
        (None, False),
        ("1" * 101, False),
        ("1\x002", False),
    ],
)
def test_bindable_keys(key, ok):
    assert mappers.bindable(key) is ok


def test_shown_cuts_long_values():
    assert mappers.shown("abc") == "'abc'"
    long = mappers.shown("x" * 500)
    assert long.endswith("... (500 characters)") and len(long) < 100


# --- customers and addresses ---------------------------------------------------------------
def test_prefectures():
    assert mappers.split_prefecture("東京都渋谷区道玄坂") == ("東京都", "渋谷区道玄坂")
    assert mappers.split_prefecture("Somewhere 1") == ("", "Somewhere 1")
    assert mappers.prefecture_code("東京都") == "13"
    assert mappers.prefecture_code("北海道") == "01"
    assert mappers.prefecture_code("") == ""


def test_buyer_values():
    values = mappers.buyer_values(row(), SimpleNamespace(id=113))
    assert values["name"] == "山田 太郎"
    assert values["email"] == "taro@example.jp", "e-mails are compared lower-case"
    assert values["country_id"] == 113
    assert mappers.buyer_values(row(buyer=""), None)["name"] == "山田 花子"


def test_delivery_values_take_the_prefecture_as_state():
    tokyo = SimpleNamespace(id=42)
    values = mappers.delivery_values(
        row(), SimpleNamespace(id=9), SimpleNamespace(id=113), {"13": tokyo}
    )
    assert values["parent_id"] == 9 and values["type"] == "delivery"
    assert values["state_id"] == 42
    assert values["street"] == "渋谷区道玄坂" and values["street2"] == "1-2-3"
    assert mappers.delivery_key(values) == (
        "山田 花子",
        "150-0043",
        "渋谷区道玄坂",
        "1-2-3",
    )


def test_delivery_values_fall_back_to_the_one_line_address():
    values = mappers.delivery_values(
        row(Addr1="", Addr2="", shippingAddr="大阪府大阪市北区1-1"),
        SimpleNamespace(id=9),
        None,
        {},
    )
    assert values["street"] == "大阪市北区1-1", "the prefecture is split off"
    assert values["country_id"] is False


# --- amounts ---------------------------------------------------------------------------------
def test_product_line_price_before_discount_with_option_text():
    values = mappers.product_line_values(row(), PRODUCT, None)
    assert values["price_unit"] == 1500.0, "(total + discount) / qty"
    assert values["product_uom_qty"] == 2
    assert values["name"] == "マグカップ\nカラー:赤"
    assert "tax_id" not in values, "None lets Odoo take the product's taxes"
    forced = mappers.product_line_values(row(), PRODUCT, TAXES)
    assert forced["tax_id"] == [(6, 0, [3, 4])]


def test_discount_split_between_seller_and_qoo10():
    assert mappers.discount_lines(row()) == [
        ("seller", Decimal("50"), "マグカップ"),
        ("qoo10", Decimal("150"), "マグカップ"),
    ]
    capped = mappers.discount_lines(row(SellerDiscount="900"))
    assert capped == [("seller", Decimal("200"), "マグカップ")]
    assert mappers.discount_lines(row(discount="0", SellerDiscount="0")) == []


def test_cart_amounts_are_taken_once_per_cart():
    lines = [
        row(ShippingRate="0", CartDiscountSeller="100"),
        row(orderNo="1000002", ShippingRate="600", CartDiscountSeller="100"),
    ]
    amounts = mappers.cart_amounts(lines)
    assert amounts["shipping_rate"] == Decimal("600")
    assert amounts["cart_discount_seller"] == Decimal("100"), "not 200"
    assert amounts["cart_discount_qoo10"] == Decimal("0")


def test_fixed_line_values():
    values = mappers.fixed_line_values(PRODUCT, Decimal("-300"), "Cart discount", TAXES)
    assert values == {
        "product_id": 7,
        "name": "Cart discount",
        "product_uom_qty": 1,
        "price_unit": -300.0,
        "tax_id": [(6, 0, [3, 4])],
    }


def test_product_codes_most_specific_first():
    assert mappers.product_codes(row()) == ["MUG-001-RED", "MUG-001"]
    assert mappers.product_codes(row(optionCode="")) == ["MUG-001"]


def test_to_utc_naive():
    jst = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert mappers.to_utc_naive(jst) == datetime(2026, 12, 1, 0, 0)
    naive = datetime(2026, 12, 1, 9, 0)
    assert mappers.to_utc_naive(naive) is naive
    assert mappers.to_utc_naive(None) is False
    assert mappers.to_utc_naive(jst.astimezone(timezone.utc)).tzinfo is None


def test_cart_amounts_are_shared_by_rate_to_the_yen():
    goods = {"10%": Decimal("1100"), "8%": Decimal("1944")}
    assert mappers.split_by_weight(Decimal("500"), goods) == [
        ("10%", Decimal("181")),
        ("8%", Decimal("319")),
    ]
    coupon = mappers.split_by_weight(Decimal("-200"), goods)
    assert coupon == [("10%", Decimal("-72")), ("8%", Decimal("-128"))]
    cents = mappers.split_by_weight(Decimal("10.00"), {"a": 1, "b": 1, "c": 1}, 2)
    assert [part for _key, part in cents] == [Decimal("3.33")] * 2 + [Decimal("3.34")]


def test_one_rate_or_no_goods_takes_the_whole_amount():
    assert mappers.split_by_weight(Decimal("600"), {"10%": Decimal("800")}) == [
        ("10%", Decimal("600"))
    ]
    assert mappers.split_by_weight(Decimal("600"), {"a": 0, "b": 0}) == [
        ("a", Decimal("600"))
    ]
    assert mappers.split_by_weight(Decimal("0"), {"a": 1}) == []
    assert mappers.split_by_weight(Decimal("600"), {}) == []
