"""Qoo10Client against the sandbox: item reads, price and quantity, option inventory."""

import json
from decimal import Decimal

import pytest
from qapi_sandbox_helpers import (
    calls,
    item_state,
    new_items,
    qapi,
)


def test_items_reads(sbx, client):
    codes = new_items(sbx)
    items = client.get_all_items("S2")
    assert {i.item_code: i.seller_code for i in items} == {
        v: k for k, v in codes.items()
    }
    detail = client.get_item_detail(seller_code="CAP-1")
    assert (detail.item_code, detail.price, detail.qty) == (
        codes["CAP-1"],
        Decimal(1500),
        5,
    )
    assert calls(sbx, "ItemsLookup.GetItemDetailInfo")[-1]["version"] == "1.2"
    assert client.get_item_detail(item_code="424242") is None
    options = client.get_inventory(item_code=codes["TS-1"])
    assert [(o.option_name, o.option_value, o.qty) for o in options] == [
        ("Color||*Size", "Red||*S", 3),
        ("Color||*Size", "Red||*M", 4),
    ]
    assert options[1].price == Decimal(100)
    assert options[0].names == ["Color", "Size"]


def test_set_goods_price_qty_keeps_expire_date(sbx, client):
    codes = new_items(sbx)
    before = item_state(sbx, codes["CAP-1"])["expire_date"]
    client.set_goods_price_qty(codes["CAP-1"], "CAP-1", 42)
    state = item_state(sbx, codes["CAP-1"])
    assert state["item_qty"] == 42 or state["qty"] == 42
    assert state["expire_date"] == before
    assert "ExpireDate" not in calls(sbx, "ItemsOrder.SetGoodsPriceQty")[-1]["params"]
    assert client.get_item_detail(item_code=codes["CAP-1"]).qty == 42


def test_set_goods_price_qty_bulk_partial_failure(sbx, client):
    codes = new_items(sbx)
    rows = [
        {"item_code": codes["CAP-1"], "seller_code": "CAP-1", "qty": 9},
        {"item_code": "999", "seller_code": "NOPE", "qty": 1},
    ]
    results = client.set_goods_price_qty_bulk(rows)
    assert [(r.key, r.ok) for r in results] == [(codes["CAP-1"], True), ("999", False)]
    assert results[1].code != 0
    assert client.get_item_detail(item_code=codes["CAP-1"]).qty == 9


def test_update_inventory_qty_and_bulk(sbx, client):
    codes = new_items(sbx)
    item = codes["TS-1"]
    client.update_inventory_qty(
        item, "TS-1", ["Color", "Size"], ["Red", "S"], "TS-R-S", 11
    )
    assert [o.qty for o in client.get_inventory(item_code=item)] == [11, 4]
    rows = [
        {
            "item_code": item,
            "seller_code": "TS-1",
            "option_name": "Color||*Size",
            "option_value": value,
            "option_code": code,
            "qty": qty,
        }
        for value, code, qty in (("Red||*M", "TS-R-M", 0), ("Blue||*XL", "NOPE", 1))
    ]
    results = client.update_inventory_data_bulk(rows)
    assert [(r.key, r.ok) for r in results] == [(item, True), (item, False)]
    assert [o.qty for o in client.get_inventory(item_code=item)] == [11, 0]


def _bulk_call(sbx, method):
    """The rows of the last ``method`` call, which Qoo10 answered with ResultCode -1."""
    call = calls(sbx, method)[-1]
    assert call["result_code"] == -1
    return json.loads(call["params"]["ItemInfoJson"])


def test_item_bulks_name_results_by_row_key(sbx, client):
    codes = new_items(sbx)
    item = codes["TS-1"]
    rows = [
        {"item_code": codes["CAP-1"], "seller_code": "CAP-1", "qty": 8, "key": "m-1"},
        {"item_code": "999", "seller_code": "NOPE", "qty": 1, "key": "m-2"},
    ]
    results = client.set_goods_price_qty_bulk(rows)
    assert [(r.key, r.ok) for r in results] == [("m-1", True), ("m-2", False)]
    assert results[1].code != 0
    sent = _bulk_call(sbx, "ItemsOrder.SetGoodsPriceQtyBulk")
    assert [row["ItemCode"] for row in sent] == [codes["CAP-1"], "999"]
    assert all("key" not in row for row in sent)
    option_rows = [
        {
            "item_code": item,
            "seller_code": "TS-1",
            "option_name": ["Color", "Size"],
            "option_value": value,
            "option_code": code,
            "qty": 6,
            "key": key,
        }
        for value, code, key in (
            (["Red", "S"], "TS-R-S", "opt-S"),
            (["Blue", "XL"], "NOPE", "opt-XL"),
        )
    ]
    results = client.update_inventory_data_bulk(option_rows)
    assert [(r.key, r.ok) for r in results] == [("opt-S", True), ("opt-XL", False)]
    assert results[1].code != 0
    sent = _bulk_call(sbx, "ItemsOptions.UpdateInventoryDataBulk")
    assert all("key" not in row for row in sent)
    assert [o.qty for o in client.get_inventory(item_code=item)] == [6, 4]


def test_update_inventory_qty_unknown_option_is_business_error(sbx, client):
    codes = new_items(sbx)
    with pytest.raises(qapi.Qoo10BusinessError):
        client.update_inventory_qty(
            codes["TS-1"], "TS-1", "Color||*Size", "Blue||*XL", "", 1
        )
