"""Sandbox: item lookups and stock/price writes."""

import json

import pytest


@pytest.fixture
def cat(sandbox):
    """Two items: one with two-axis combination options, one without options."""
    sandbox.key = sandbox.issue_key()
    res = sandbox.control(
        "/_sandbox/items",
        {
            "user_id": "demo_shop",
            "items": [
                {
                    "item_code": "1000123456",
                    "seller_code": "TSHIRT-001",
                    "title": "Tシャツ",
                    "price": 1980,
                    "qty": 0,
                    "status": "S2",
                    "options": [
                        {
                            "names": ["カラー", "サイズ"],
                            "values": ["ブラック", "M"],
                            "price": 0,
                            "qty": 30,
                            "code": "TSHIRT-001-BLK-M",
                        },
                        {
                            "names": ["カラー", "サイズ"],
                            "values": ["ブラック", "L"],
                            "price": 100,
                            "qty": 12,
                            "code": "TSHIRT-001-BLK-L",
                        },
                        {
                            "names": ["カラー", "サイズ"],
                            "values": ["ホワイト", "M"],
                            "price": 0,
                            "qty": 3,
                            "code": "",
                        },
                    ],
                },
                {
                    "item_code": "1000123999",
                    "seller_code": "CAP-002",
                    "title": "キャップ",
                    "price": 1500,
                    "qty": 40,
                    "status": "S2",
                },
            ],
        },
    )
    assert res == {
        "items": [
            {"item_code": "1000123456", "seller_code": "TSHIRT-001"},
            {"item_code": "1000123999", "seller_code": "CAP-002"},
        ]
    }
    return sandbox


def item_state(sb, item_code):
    return sb.control("/_sandbox/state?user_id=demo_shop&item_code=%s" % item_code)[
        "items"
    ][item_code]


def option_qty(sb, item_code, value):
    opts = item_state(sb, item_code)["options"]
    return {o["value"]: o["qty"] for o in opts}[value]


def test_get_all_goods_info_filters_by_status(cat):
    cat.control(
        "/_sandbox/items", {"items": [{"seller_code": "OLD-1", "status": "S1"}]}
    )
    res = cat.qapi(
        "ItemsLookup.GetAllGoodsInfo", key=cat.key, ItemStatus="S2", Page="1"
    )
    obj = res["ResultObject"]
    assert res["ResultCode"] == 0
    assert (obj["TotalItems"], obj["TotalPages"], obj["PresentPage"]) == (2, 1, 1)
    assert obj["Items"] == [
        {"ItemCode": "1000123456", "SellerCode": "TSHIRT-001", "ItemStatus": "S2"},
        {"ItemCode": "1000123999", "SellerCode": "CAP-002", "ItemStatus": "S2"},
    ]
    held = cat.qapi("ItemsLookup.GetAllGoodsInfo", key=cat.key, ItemStatus="S1")[
        "ResultObject"
    ]
    assert [i["SellerCode"] for i in held["Items"]] == ["OLD-1"]
    assert (
        cat.qapi("ItemsLookup.GetAllGoodsInfo", key=cat.key, ItemStatus="S9")[
            "ResultCode"
        ]
        == -10001
    )


def test_get_all_goods_info_pages_of_500(sandbox):
    key = sandbox.issue_key()
    sandbox.control(
        "/_sandbox/items",
        {"items": [{"seller_code": "P-%04d" % i} for i in range(1001)]},
    )
    pages = [
        sandbox.qapi(
            "ItemsLookup.GetAllGoodsInfo", key=key, ItemStatus="S2", Page=str(p)
        )["ResultObject"]
        for p in (1, 2, 3, 4)
    ]
    assert [len(p["Items"]) for p in pages] == [500, 500, 1, 0]
    assert {p["TotalItems"] for p in pages} == {1001} and {
        p["TotalPages"] for p in pages
    } == {3}
    assert [p["PresentPage"] for p in pages] == [1, 2, 3, 4]
    codes = [i["SellerCode"] for p in pages for i in p["Items"]]
    assert len(set(codes)) == 1001


def test_get_item_detail_info_strings(cat):
    res = cat.qapi(
        "ItemsLookup.GetItemDetailInfo",
        key=cat.key,
        version="1.2",
        ItemCode="1000123999",
        SellerCode="CAP-002",
    )
    assert res["ResultCode"] == 0 and len(res["ResultObject"]) == 1
    row = res["ResultObject"][0]
    assert all(isinstance(v, str) for v in row.values())
    assert (row["ItemCode"], row["SellerCode"], row["ItemPrice"], row["ItemQty"]) == (
        "1000123999",
        "CAP-002",
        "1500",
        "40",
    )
    assert row["ItemStatus"] == "S2" and "OptionShippingNo1" in row
    v10 = cat.qapi("ItemsLookup.GetItemDetailInfo", key=cat.key, SellerCode="CAP-002")
    assert v10["ResultObject"][0]["ItemCode"] == "1000123999"
    assert "OptionShippingNo1" not in v10["ResultObject"][0]
    # option items report the sum of the option quantities
    opt = cat.qapi("ItemsLookup.GetItemDetailInfo", key=cat.key, ItemCode="1000123456")
    assert opt["ResultObject"][0]["ItemQty"] == "45"


def test_get_item_detail_info_not_found(cat):
    for params in (
        {"ItemCode": "1"},
        {"SellerCode": "NOPE"},
        {},
        {"ItemCode": "1000123999", "SellerCode": "TSHIRT-001"},
    ):
        res = cat.qapi(
            "ItemsLookup.GetItemDetailInfo", key=cat.key, version="1.2", **params
        )
        assert res["ResultCode"] == -10001, params


def test_get_goods_inventory_info(cat):
    res = cat.qapi(
        "ItemsLookup.GetGoodsInventoryInfo", key=cat.key, ItemCode="1000123456"
    )
    rows = res["ResultObject"]
    assert rows[1] == {
        "Name1": "カラー",
        "Value1": "ブラック",
        "Name2": "サイズ",
        "Value2": "L",
        "Name3": "",
        "Value3": "",
        "Name4": "",
        "Value4": "",
        "Name5": "",
        "Value5": "",
        "Price": 100,
        "Qty": 12,
        "ItemTypeCode": "TSHIRT-001-BLK-L",
    }
    assert rows[2]["ItemTypeCode"] == ""
    plain = cat.qapi(
        "ItemsLookup.GetGoodsInventoryInfo", key=cat.key, SellerCode="CAP-002"
    )
    assert plain["ResultCode"] == 0 and plain["ResultObject"] == []
    assert (
        cat.qapi("ItemsLookup.GetGoodsInventoryInfo", key=cat.key, ItemCode="5")[
            "ResultCode"
        ]
        == -10001
    )


def test_set_goods_price_qty(cat):
    res = cat.qapi(
        "ItemsOrder.SetGoodsPriceQty",
        key=cat.key,
        ItemCode="1000123999",
        SellerCode="CAP-002",
        Qty="25",
    )
    assert res == {"ResultCode": 0, "ResultMsg": "SUCCESS"}
    st = item_state(cat, "1000123999")
    assert (st["qty"], st["price"], st["expire_date"]) == (25, 1500, "2099-12-31")
    cat.qapi(
        "ItemsOrder.SetGoodsPriceQty",
        key=cat.key,
        ItemCode="1000123999",
        Price="1600",
        TaxRate="8",
        Qty="0",
        ExpireDate="2027-03-31",
    )
    st = item_state(cat, "1000123999")
    assert (st["qty"], st["price"], st["tax_rate"], st["expire_date"]) == (
        0,
        1600,
        "8",
        "2027-03-31",
    )


def test_set_goods_price_qty_empty_expire_date_sets_one_year(cat):
    cat.control("/_sandbox/clock", {"now": "2026-11-28 10:00:00"})
    cat.qapi(
        "ItemsOrder.SetGoodsPriceQty",
        key=cat.key,
        ItemCode="1000123999",
        Qty="5",
        ExpireDate="",
    )
    assert item_state(cat, "1000123999")["expire_date"] == "2027-11-28"


def test_set_goods_price_qty_errors(cat):
    def call(**kw):
        return cat.qapi("ItemsOrder.SetGoodsPriceQty", key=cat.key, **kw)

    assert call(ItemCode="42", Qty="1")["ResultCode"] == -10001
    assert call(ItemCode="1000123999", Qty="-1")["ResultCode"] == -10101
    assert call(ItemCode="1000123999", Qty="abc")["ResultCode"] == -10101
    assert call(ItemCode="1000123999", Price="0")["ResultCode"] == -10101
    assert call(ItemCode="1000123999", ExpireDate="31/12/2026")["ResultCode"] == -10101
    assert item_state(cat, "1000123999")["qty"] == 40


def test_set_goods_price_qty_bulk(cat):
    rows = [
        {
            "ItemCode": "1000123999",
            "SellerCode": "CAP-002",
            "Price": "1500",
            "Qty": "7",
            "ExpireDate": "2027-01-01",
            "TaxRate": "10",
        }
    ]
    res = cat.qapi(
        "ItemsOrder.SetGoodsPriceQtyBulk", key=cat.key, ItemInfoJson=json.dumps(rows)
    )
    assert res == {
        "ResultObject": {"Count": 1, "Keys": {"Count": 1}, "Values": {"Count": 1}},
        "ResultCode": 0,
        "ResultMsg": "SUCCESS",
    }
    assert item_state(cat, "1000123999")["qty"] == 7
    rows = [{"ItemCode": "1000123999", "Qty": "8"}, {"ItemCode": "999", "Qty": "1"}]
    partial = cat.qapi(
        "ItemsOrder.SetGoodsPriceQtyBulk", key=cat.key, ItemInfoJson=json.dumps(rows)
    )
    assert partial["ResultCode"] == -1
    details = partial["ResultObject"]["Details"]
    assert [d["ResultCode"] for d in details] == [0, -10001]
    assert item_state(cat, "1000123999")["qty"] == 8  # good rows still applied
    many = [{"ItemCode": "1000123999", "Qty": "1"}] * 501
    over = cat.qapi(
        "ItemsOrder.SetGoodsPriceQtyBulk", key=cat.key, ItemInfoJson=json.dumps(many)
    )
    assert over["ResultCode"] == -2 and item_state(cat, "1000123999")["qty"] == 8


def test_update_inventory_qty_unit_by_name_value(cat):
    res = cat.qapi(
        "ItemsOptions.UpdateInventoryQtyUnit",
        key=cat.key,
        ItemCode="1000123456",
        SellerCode="TSHIRT-001",
        OptionName="カラー||*サイズ",
        OptionValue="ブラック||*M",
        OptionCode="TSHIRT-001-BLK-M",
        Qty="28",
    )
    assert res == {"ResultCode": 0, "ResultMsg": "SUCCESS"}
    assert option_qty(cat, "1000123456", "ブラック||*M") == 28
    assert option_qty(cat, "1000123456", "ブラック||*L") == 12
    # row without an option code is reachable by name+value
    cat.qapi(
        "ItemsOptions.UpdateInventoryQtyUnit",
        key=cat.key,
        ItemCode="1000123456",
        OptionName="カラー||*サイズ",
        OptionValue="ホワイト||*M",
        OptionCode="",
        Qty="9",
    )
    assert option_qty(cat, "1000123456", "ホワイト||*M") == 9


def test_update_inventory_qty_unit_by_code_when_names_empty(cat):
    res = cat.qapi(
        "ItemsOptions.UpdateInventoryQtyUnit",
        key=cat.key,
        ItemCode="1000123456",
        OptionName="",
        OptionValue="",
        OptionCode="TSHIRT-001-BLK-L",
        Qty="0",
    )
    assert res["ResultCode"] == 0
    assert option_qty(cat, "1000123456", "ブラック||*L") == 0


def test_update_inventory_qty_unit_no_match(cat):
    def call(**kw):
        return cat.qapi(
            "ItemsOptions.UpdateInventoryQtyUnit",
            key=cat.key,
            ItemCode="1000123456",
            **kw,
        )

    # names win over the code: a wrong value is not rescued by a right code
    assert (
        call(
            OptionName="カラー||*サイズ",
            OptionValue="ブラック||*XL",
            OptionCode="TSHIRT-001-BLK-M",
            Qty="1",
        )["ResultCode"]
        == -10101
    )
    assert (
        call(OptionName="カラー", OptionValue="ブラック", Qty="1")["ResultCode"]
        == -10101
    )
    assert (
        call(OptionName="", OptionValue="", OptionCode="NOPE", Qty="1")["ResultCode"]
        == -10101
    )
    assert (
        call(OptionName="", OptionValue="", OptionCode="", Qty="1")["ResultCode"]
        == -10101
    )
    assert (
        cat.qapi(
            "ItemsOptions.UpdateInventoryQtyUnit",
            key=cat.key,
            ItemCode="77",
            OptionCode="TSHIRT-001-BLK-M",
            Qty="1",
        )["ResultCode"]
        == -10001
    )
    assert option_qty(cat, "1000123456", "ブラック||*M") == 30


def test_update_inventory_data_bulk(cat):
    rows = [
        {
            "ItemCode": "1000123456",
            "SellerCode": "TSHIRT-001",
            "OptionName": "カラー||*サイズ",
            "OptionValue": "ブラック||*M",
            "OptionCode": "TSHIRT-001-BLK-M",
            "Price": "0",
            "Qty": "28",
        },
        {
            "ItemCode": "1000123456",
            "SellerCode": "TSHIRT-001",
            "OptionName": "カラー||*サイズ",
            "OptionValue": "ブラック||*L",
            "OptionCode": "TSHIRT-001-BLK-L",
            "Price": "150",
            "Qty": "11",
        },
    ]
    res = cat.qapi(
        "ItemsOptions.UpdateInventoryDataBulk",
        key=cat.key,
        ItemInfoJson=json.dumps(rows),
    )
    assert res["ResultCode"] == 0 and res["ResultObject"]["Count"] == 2
    opts = {o["value"]: o for o in item_state(cat, "1000123456")["options"]}
    assert (opts["ブラック||*M"]["qty"], opts["ブラック||*L"]["qty"]) == (28, 11)
    assert opts["ブラック||*L"]["price"] == 150
    rows[1]["OptionValue"] = "ピンク||*L"
    rows[0]["Qty"] = "27"
    partial = cat.qapi(
        "ItemsOptions.UpdateInventoryDataBulk",
        key=cat.key,
        ItemInfoJson=json.dumps(rows),
    )
    assert partial["ResultCode"] == -1
    assert [d["ResultCode"] for d in partial["ResultObject"]["Details"]] == [0, -10101]
    assert option_qty(cat, "1000123456", "ブラック||*M") == 27
    over = cat.qapi(
        "ItemsOptions.UpdateInventoryDataBulk",
        key=cat.key,
        ItemInfoJson=json.dumps(rows * 251),
    )
    assert over["ResultCode"] == -2


def test_edit_goods_status(cat):
    res = cat.qapi(
        "ItemsBasic.EditGoodsStatus", key=cat.key, ItemCode="1000123999", Status="1"
    )
    assert res["ResultCode"] == 0 and item_state(cat, "1000123999")["status"] == "S1"
    assert (
        cat.qapi(
            "ItemsBasic.EditGoodsStatus", key=cat.key, ItemCode="1000123999", Status="7"
        )["ResultCode"]
        == -10006
    )


def test_unsupported_real_method_answers_json(cat):
    res = cat.qapi("ItemsBasic.SetNewGoods", key=cat.key)
    assert res["ResultCode"] == -99999


def test_update_inventory_qty_plus_unit_is_relative(cat):
    res = cat.qapi(
        "ItemsOptions.UpdateInventoryQtyPlusUnit",
        key=cat.key,
        ItemCode="1000123456",
        OptionName="カラー||*サイズ",
        OptionValue="ブラック||*M",
        PlusQty="-5",
    )
    assert res["ResultCode"] == 0
    assert option_qty(cat, "1000123456", "ブラック||*M") == 25


def test_refuse_stock_codes_refuses_those_rows_only(cat):
    cat.control("/_sandbox/faults", {"refuse_stock_codes": ["TSHIRT-001-BLK-L"]})
    rows = [
        {
            "ItemCode": "1000123456",
            "OptionName": "カラー||*サイズ",
            "OptionValue": value,
            "OptionCode": code,
            "Qty": "9",
        }
        for value, code in (
            ("ブラック||*L", "TSHIRT-001-BLK-L"),
            ("ブラック||*M", "TSHIRT-001-BLK-M"),
        )
    ]
    partial = cat.qapi(
        "ItemsOptions.UpdateInventoryDataBulk",
        key=cat.key,
        ItemInfoJson=json.dumps(rows),
    )
    assert partial["ResultCode"] == -1
    details = partial["ResultObject"]["Details"]
    assert [(d["OptionCode"], d["ResultCode"]) for d in details] == [
        ("TSHIRT-001-BLK-L", -10010),
        ("TSHIRT-001-BLK-M", 0),
    ]
    assert option_qty(cat, "1000123456", "ブラック||*M") == 9
    assert option_qty(cat, "1000123456", "ブラック||*L") != 9
    cat.control("/_sandbox/faults", {"reset": True})
    assert cat.control("/_sandbox/faults")["refuse_stock_codes"] == []
