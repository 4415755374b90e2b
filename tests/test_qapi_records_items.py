"""Normalisers: raw Qoo10 rows → Item / ItemOption."""

from decimal import Decimal

from qapi_loader import load_fixture, load_submodule

records = load_submodule("records")


# --- items and options ----------------------------------------------------------------------------------
def test_item_detail_strings_become_numbers():
    row = load_fixture("ItemsLookup.GetItemDetailInfo")["response"]["ResultObject"][0]
    item = records.parse_item(row)
    assert (item.item_code, item.seller_code, item.status) == (
        "1000123456",
        "TSHIRT-001",
        "S2",
    )
    assert item.title == "Tシャツ ベーシック"
    assert item.price == Decimal(1980)
    assert item.qty == 120
    assert item.settle_price == Decimal(1782)
    assert item.raw is row


def test_item_list_row_has_no_qty():
    result = load_fixture("ItemsLookup.GetAllGoodsInfo")["response"]["ResultObject"]
    item = records.parse_item(result["Items"][1])
    assert (item.item_code, item.seller_code, item.status) == (
        "1000123999",
        "CAP-002",
        "S2",
    )
    assert item.qty is None
    assert item.price == Decimal(0)


def test_inventory_options():
    rows = load_fixture("ItemsLookup.GetGoodsInventoryInfo")["response"]["ResultObject"]
    option = records.parse_option(rows[1], "1000123456", "TSHIRT-001")
    assert option.names == ["カラー", "サイズ"]
    assert option.values == ["ブラック", "L"]
    assert option.option_name == "カラー||*サイズ"
    assert option.option_value == "ブラック||*L"
    assert option.option_code == "TSHIRT-001-BLK-L"
    assert option.price == Decimal(100)
    assert option.qty == 12
    assert (option.item_code, option.seller_code) == ("1000123456", "TSHIRT-001")


def test_single_axis_option():
    option = records.parse_option({"Name1": "Size", "Value1": "S", "Qty": "3"}, "1", "")
    assert (option.option_name, option.option_value, option.qty) == ("Size", "S", 3)
