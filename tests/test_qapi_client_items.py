"""Qoo10Client against a replaying fake session (no network): item reads, price, quantity
and option writes, and the item bulks."""

import json

import pytest
from qapi_fake_session import FakeResponse, fail, make_client, method_of, ok
from qapi_loader import load_fixture


# --- items ------------------------------------------------------------------------------------------------
def test_get_all_items_reads_every_page():
    def page(request):
        number = int(request.data["Page"])
        items = [
            {"ItemCode": str(number * 10 + i), "SellerCode": "S", "ItemStatus": "S2"}
            for i in range(2)
        ]
        return ok(
            {"TotalItems": 4, "TotalPages": 2, "PresentPage": number, "Items": items}
        )

    client, session = make_client(page)
    items = client.get_all_items()
    assert [item.item_code for item in items] == ["10", "11", "20", "21"]
    assert [r.data["Page"] for r in session.requests] == ["1", "2"]
    assert session.requests[0].data["ItemStatus"] == "S2"


def test_get_item_detail_not_found_is_none():
    client, _session = make_client(fail(-10001, "Fail to find Item information"))
    assert client.get_item_detail(seller_code="NOPE") is None


def test_get_item_detail_needs_a_code():
    client, _session = make_client(ok([]))
    with pytest.raises(ValueError):
        client.get_item_detail()


def test_get_inventory():
    rows = load_fixture("ItemsLookup.GetGoodsInventoryInfo")["response"]["ResultObject"]
    client, session = make_client(ok(rows))
    options = client.get_inventory(item_code="1000123456", seller_code="TSHIRT-001")
    assert [o.option_code for o in options] == ["TSHIRT-001-BLK-M", "TSHIRT-001-BLK-L"]
    assert options[0].item_code == "1000123456"
    assert method_of(session.requests[0]) == "ItemsLookup.GetGoodsInventoryInfo"


# --- writes --------------------------------------------------------------------------------
def test_set_goods_price_qty_never_sends_expire_date():
    client, session = make_client(ok())
    client.set_goods_price_qty("1000123999", "CAP-002", 25)
    client.set_goods_price_qty("1000123999", "CAP-002", 7, price=1500)
    first, second = (r.data for r in session.requests)
    assert first == {
        "returnType": "application/json",
        "ItemCode": "1000123999",
        "SellerCode": "CAP-002",
        "Qty": "25",
    }
    assert second["Price"] == "1500" and second["Qty"] == "7"
    assert "ExpireDate" not in second


def test_update_inventory_qty_payload():
    client, session = make_client(ok())
    client.update_inventory_qty(
        "1", "T-1", ["カラー", "サイズ"], ["ブラック", "M"], "T-1-BLK-M", 28
    )
    assert method_of(session.requests[0]) == "ItemsOptions.UpdateInventoryQtyUnit"
    assert session.requests[0].data == {
        "returnType": "application/json",
        "ItemCode": "1",
        "SellerCode": "T-1",
        "OptionName": "カラー||*サイズ",
        "OptionValue": "ブラック||*M",
        "OptionCode": "T-1-BLK-M",
        "Qty": "28",
    }


# --- bulk ----------------------------------------------------------------------------------
def test_item_bulks_payload_and_partial_failure():
    partial = FakeResponse(
        json.dumps(
            {
                "ResultCode": -1,
                "ResultMsg": "fail",
                "ResultObject": {"Keys": ["B"], "Values": ["bad qty"]},
            }
        )
    )
    client, session = make_client(ok({"Count": 2}), partial)
    rows = [
        {"item_code": "A", "seller_code": "SA", "qty": 1},
        {"item_code": "B", "seller_code": "SB", "qty": 2, "price": 100},
    ]
    assert [r.ok for r in client.set_goods_price_qty_bulk(rows)] == [True, True]
    sent = json.loads(session.requests[0].data["ItemInfoJson"])
    assert sent == [
        {"ItemCode": "A", "SellerCode": "SA", "Qty": "1"},
        {"ItemCode": "B", "SellerCode": "SB", "Qty": "2", "Price": "100"},
    ]
    option_rows = [
        {
            "item_code": "A",
            "seller_code": "SA",
            "option_name": "Size",
            "option_value": "S",
            "option_code": "A-S",
            "qty": 3,
        },
        {
            "item_code": "B",
            "seller_code": "SB",
            "option_name": "Size",
            "option_value": "M",
            "option_code": "B-M",
            "qty": 0,
            "price": 0,
        },
    ]
    results = client.update_inventory_data_bulk(option_rows)
    assert method_of(session.requests[1]) == "ItemsOptions.UpdateInventoryDataBulk"
    sent = json.loads(session.requests[1].data["ItemInfoJson"])
    assert sent[1] == {
        "ItemCode": "B",
        "SellerCode": "SB",
        "OptionName": "Size",
        "OptionValue": "M",
        "OptionCode": "B-M",
        "Qty": "0",
        "Price": "0",
    }
    assert [(r.key, r.ok) for r in results] == [("A", True), ("B", False)]


def _partial(result_object):
    """An item bulk answer with ResultCode -1: some rows failed (QAPI.md §9.2)."""
    body = {"ResultCode": -1, "ResultMsg": "fail", "ResultObject": result_object}
    return FakeResponse(json.dumps(body))


def test_price_qty_bulk_row_key_names_the_result_and_is_not_sent():
    client, session = make_client(_partial({"Keys": ["B"], "Values": ["bad qty"]}))
    rows = [
        {"item_code": "A", "seller_code": "SA", "qty": 1, "key": "mapping-7"},
        {"item_code": "B", "seller_code": "SB", "qty": 2, "key": "mapping-8"},
        {"item_code": "", "seller_code": "SC", "qty": 3},
        {"item_code": "D", "seller_code": "SD", "qty": 4},
    ]
    results = client.set_goods_price_qty_bulk(rows)
    sent = json.loads(session.requests[0].data["ItemInfoJson"])
    assert all("key" not in row for row in sent)
    assert sent[0] == {"ItemCode": "A", "SellerCode": "SA", "Qty": "1"}
    assert [(r.key, r.ok, r.code) for r in results] == [
        ("mapping-7", True, 0),
        ("mapping-8", False, -1),
        ("SC", True, 0),
        ("D", True, 0),
    ]
    assert results[1].message == "bad qty"


def test_inventory_bulk_row_keys_tell_options_of_one_item_apart():
    details = [
        {"Index": 0, "ItemCode": "1", "OptionCode": "1-S", "ResultCode": 0},
        {"Index": 1, "ItemCode": "1", "OptionCode": "1-M", "ResultCode": -10101},
    ]
    client, session = make_client(_partial({"Count": 2, "Details": details}))
    rows = [
        {
            "item_code": "1",
            "seller_code": "T-1",
            "option_name": "Size",
            "option_value": size,
            "option_code": "1-%s" % size,
            "qty": 5,
            "key": "1/%s" % size,
        }
        for size in ("S", "M")
    ]
    results = client.update_inventory_data_bulk(rows)
    sent = json.loads(session.requests[0].data["ItemInfoJson"])
    assert [sorted(row) for row in sent] == [
        ["ItemCode", "OptionCode", "OptionName", "OptionValue", "Qty", "SellerCode"]
    ] * 2
    assert [(r.key, r.ok, r.code) for r in results] == [
        ("1/S", True, 0),
        ("1/M", False, -10101),
    ]
