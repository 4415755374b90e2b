"""Sandbox: order lists (v3/v2), single order, orders created and moved by the control API."""

import urllib.error

import pytest
from sandbox_shop import BY_NO, NOW, V2, V3, open_shop, v2, v3


@pytest.fixture
def shop(sandbox):
    return open_shop(sandbox)


def test_create_orders_returns_numbers(shop):
    assert shop.cart == {"pack_no": 512345678, "order_nos": [1062428737, 1062428738]}


def test_v3_row_values_and_keys(shop):
    res = v3(shop, status="2")
    assert res["ResultCode"] == 0 and res["ResultMsg"] == "Success"
    rows = res["ResultObject"]
    assert [r["OrderNo"] for r in rows] == [1062428737, 1062428738]
    row = rows[0]
    assert row["ShippingStatus"] == "On request(2)"
    assert row["PackNo"] == 512345678 and row["SellerID"] == "demo_shop"
    assert (
        row["OrderDate"] == "2026-11-27 10:15:22"
        and row["PaymentDate"] == "2026-11-27 10:16:05"
    )
    assert row["EstimatedShippingDate"] == "" and row["ShippingDate"] == ""
    assert (
        row["BuyerTel"] == "+81-3-1234-5678"
        and row["BuyerMobile"] == "+81-90-1234-5678"
    )
    assert row["ReceiverMobile"] == "+81--"
    assert (
        row["Option"] == "カラー:ブラック / サイズ:M"
        and row["OptionCode"] == "TSHIRT-001-BLK-M"
    )
    assert (row["OrderPrice"], row["OrderQty"], row["Discount"], row["Total"]) == (
        1980,
        2,
        200,
        3760,
    )
    assert row["SettlePrice"] == 3564
    assert row["ShippingAddress"] == "東京都渋谷区道玄坂1-2-3 サンプルビル101"
    assert row["Address1"] == "東京都渋谷区道玄坂" and row["ZipCode"] == "150-0043"
    assert row["RelatedOrder"] == "1062428737, 1062428738"
    assert row["CartDiscountQoo10"] == 100 and rows[1]["CartDiscountQoo10"] == 0
    assert row["ShippingRate"] == 550 and rows[1]["ShippingRate"] == 550
    assert row["ItemNo"] and isinstance(row["ItemNo"], str)
    for key in (
        "SellerItemCode",
        "ReceiverKana",
        "ShippingMessage",
        "AvailableShippingDate",
        "CartDiscountSeller",
        "TrackingNo",
        "DeliveryCompany",
    ):
        assert key in row
    assert "packNo" not in row and "Addr1" not in row


def test_v2_row_uses_irregular_keys(shop):
    rows = v2(shop)["ResultObject"]
    row = rows[0]
    for key in (
        "shippingStatus",
        "sellerID",
        "packNo",
        "orderNo",
        "orderDate",
        "PaymentDate",
        "EstShippingDate",
        "buyer",
        "buyer_gata",
        "buyerTel",
        "itemCode",
        "sellerItemCode",
        "orderPrice",
        "orderQty",
        "discount",
        "total",
        "receiver_gata",
        "zipCode",
        "shippingAddr",
        "Addr1",
        "Addr2",
        "receiverTel",
        "hopeDate",
        "ShippingMsg",
        "SellerDiscount",
        "ShippingRate",
        "RelatedOrder",
        "shippingRateType",
        "PaymentNation",
        "cod_price",
        "Cart_Discount_Seller",
        "Cart_Discount_Qoo10",
        "SettlePrice",
        "TrackingNo",
        "OverseaConsignment",
    ):
        assert key in row, key
    assert row["packNo"] == 512345678 and row["orderNo"] == 1062428737
    assert row["shippingStatus"] == "On request(2)" and row["Gift"] == "N"
    assert row["receiverMobile"] == "+81--" and row["Addr2"] == "1-2-3 サンプルビル101"
    assert "PackNo" not in row and "OrderNo" not in row


def test_status_zero_or_blank_means_1_to_3(sandbox):
    sandbox.control("/_sandbox/clock", {"now": NOW})
    key = sandbox.issue_key()
    carts = [
        {
            "status": s,
            "order_date": "2026-11-27 09:00:0%d" % s,
            "lines": [{"seller_item_code": "A%d" % s}],
        }
        for s in (1, 2, 3, 4, 5)
    ]
    sandbox.control("/_sandbox/orders", {"carts": carts})
    for status in ("", "0"):
        rows = sandbox.qapi(
            V3,
            key=key,
            ShippingStatus=status,
            SearchStartDate="20261127",
            SearchEndDate="20261127",
        )["ResultObject"]
        assert sorted(r["ShippingStatus"] for r in rows) == [
            "Awaiting shipping(1)",
            "On request(2)",
            "Seller confirm(3)",
        ]
    for status, label in ((4, "On delivery(4)"), (5, "Delivered(5)")):
        rows = sandbox.qapi(
            V3,
            key=key,
            ShippingStatus=str(status),
            SearchStartDate="20261127",
            SearchEndDate="20261127",
        )["ResultObject"]
        assert [r["ShippingStatus"] for r in rows] == [label]
    unpaid = sandbox.qapi(
        V2, key=key, ShippingStat="1", search_Sdate="20261127", search_Edate="20261127"
    )["ResultObject"]
    assert (
        unpaid[0]["PaymentDate"] == ""
        and unpaid[0]["shippingStatus"] == "Awaiting shipping(1)"
    )


def test_window_and_date_errors(shop):
    assert v3(shop, start="20260801", end="20261030")["ResultCode"] == 0  # 90 days
    assert v3(shop, start="20260801", end="20261031")["ResultCode"] == -10002  # 91 days
    assert v2(shop, start="20260801", end="20261031")["ResultCode"] == -10002
    assert v3(shop, start="2026-11-27", end="20261127")["ResultCode"] == -10001
    assert v3(shop, start="", end="20261127")["ResultCode"] == -10001
    assert v3(shop, start="20261128", end="20261127")["ResultCode"] == -10001
    assert v3(shop, start="20261127", end="20261340")["ResultCode"] == -10001
    assert v3(shop, status="7")["ResultCode"] == -10003
    assert v2(shop, status="x")["ResultCode"] == -10003
    err = v3(shop, status="9")
    assert set(err) == {"ResultCode", "ResultMsg"} and err["ResultMsg"]


def test_window_bounds_with_time(shop):
    inside = v3(shop, status="2", start="20261127101500", end="20261127101522")
    assert len(inside["ResultObject"]) == 2
    after = v3(shop, status="2", start="20261127101523", end="20261127235959")
    assert after["ResultObject"] is None


def test_search_condition_payment_date(shop):
    shop.control(
        "/_sandbox/orders",
        {
            "carts": [
                {
                    "status": 2,
                    "order_date": "2026-11-26 23:50:00",
                    "payment_date": "2026-11-27 00:10:00",
                    "lines": [{"order_no": 1062500001, "seller_item_code": "LATE"}],
                }
            ]
        },
    )
    by_order = [r["OrderNo"] for r in v3(shop, status="2", cond="1")["ResultObject"]]
    by_payment = [r["OrderNo"] for r in v3(shop, status="2", cond="2")["ResultObject"]]
    assert 1062500001 not in by_order and 1062500001 in by_payment
    assert v3(shop, cond="5")["ResultCode"] == -10004


def test_empty_result_null_for_v3_list_for_v2_and_switchable(shop):
    assert v3(shop, start="20260101", end="20260102")["ResultObject"] is None
    assert v2(shop, start="20260101", end="20260102")["ResultObject"] == []
    shop.control("/_sandbox/faults", {"empty_result": "list"})
    assert v3(shop, start="20260101", end="20260102")["ResultObject"] == []
    shop.control("/_sandbox/faults", {"empty_result": "null"})
    assert v2(shop, start="20260101", end="20260102")["ResultObject"] is None


def test_shipping_rate_on_first_switch(shop):
    shop.control("/_sandbox/faults", {"shipping_rate_on": "first"})
    rows = v3(shop, status="2")["ResultObject"]
    assert [r["ShippingRate"] for r in rows] == [550, 0]
    shop.control("/_sandbox/faults", {"shipping_rate_on": "all"})
    assert [r["ShippingRate"] for r in v2(shop)["ResultObject"]] == [550, 550]


def test_get_shipping_and_claim_info_by_order_no(shop):
    res = shop.qapi(BY_NO, key=shop.key, OrderNo="1062428737")
    assert res["ResultCode"] == 0 and len(res["ResultObject"]) == 1
    row = res["ResultObject"][0]
    assert row["orderNo"] == 1062428737 and row["packNo"] == 512345678
    for key in (
        "deliveryCompany",
        "trackingNo",
        "currency",
        "paymentNation",
        "claimStatus",
        "cancelRefundDate",
        "reason",
        "requestDate",
        "shippingDate",
        "nrSolType",
    ):
        assert key in row, key
    for key in (
        "Addr1",
        "Addr2",
        "SellerDiscount",
        "ShippingRate",
        "SettlePrice",
        "DeliveryCompany",
        "TrackingNo",
        "Currency",
    ):
        assert key not in row, key
    assert row["claimStatus"] == ""
    assert shop.qapi(BY_NO, key=shop.key, OrderNo="abc")["ResultCode"] == -10002
    assert shop.qapi(BY_NO, key=shop.key, OrderNo="999999999")["ResultCode"] == -10003


def test_force_status_1_to_2_stamps_payment_date(sandbox):
    sandbox.control("/_sandbox/clock", {"now": NOW})
    key = sandbox.issue_key()
    cart = sandbox.control(
        "/_sandbox/orders",
        {
            "carts": [
                {
                    "status": 1,
                    "order_date": "2026-11-28 09:00:00",
                    "lines": [{"seller_item_code": "A"}, {"seller_item_code": "B"}],
                }
            ]
        },
    )["carts"][0]
    row = sandbox.qapi(
        V3,
        key=key,
        ShippingStatus="1",
        SearchStartDate="20261128",
        SearchEndDate="20261128",
    )["ResultObject"][0]
    assert row["PaymentDate"] == ""
    assert (
        sandbox.qapi(
            V3,
            key=key,
            ShippingStatus="2",
            SearchStartDate="20261128",
            SearchEndDate="20261128",
            SearchCondition="2",
        )["ResultObject"]
        is None
    )
    res = sandbox.control(
        "/_sandbox/orders/status", {"pack_no": cart["pack_no"], "status": 2}
    )
    assert res["payment_date"] == NOW
    rows = sandbox.qapi(
        V3,
        key=key,
        ShippingStatus="2",
        SearchStartDate="20261128",
        SearchEndDate="20261128",
        SearchCondition="2",
    )["ResultObject"]
    assert [r["OrderNo"] for r in rows] == cart["order_nos"]
    assert {r["PaymentDate"] for r in rows} == {NOW}


def test_order_defaults_are_complete(sandbox):
    sandbox.control("/_sandbox/clock", {"now": NOW})
    key = sandbox.issue_key()
    sandbox.control(
        "/_sandbox/orders", {"carts": [{"lines": [{"seller_item_code": "SKU-1"}]}]}
    )
    row = sandbox.qapi(
        V2, key=key, ShippingStat="2", search_Sdate="20261128", search_Edate="20261128"
    )["ResultObject"][0]
    assert row["buyer"] and row["buyer_gata"] and "@" in row["buyerEmail"]
    assert row["zipCode"] and row["Addr1"] and row["receiverTel"].startswith("+81-")
    assert row["orderPrice"] > 0 and row["orderQty"] == 1 and row["Currency"] == "JPY"
    assert row["total"] == row["orderPrice"] and row["SettlePrice"] == int(
        row["orderPrice"] * 0.9
    )
    assert row["orderDate"] < row["PaymentDate"]
    # the unknown seller code became an item
    items = sandbox.control("/_sandbox/state?user_id=demo_shop&seller_code=SKU-1")[
        "items"
    ]
    assert [i["seller_code"] for i in items.values()] == ["SKU-1"]


def test_duplicate_order_numbers_rejected(shop):
    with pytest.raises(urllib.error.HTTPError) as err:
        shop.control(
            "/_sandbox/orders",
            {"carts": [{"lines": [{"order_no": 1062428737, "seller_item_code": "X"}]}]},
        )
    assert err.value.code == 400


def test_delivered_date_can_be_given(shop):
    """A forced delivery may carry its date: the settlement date is derived from it."""
    with pytest.raises(urllib.error.HTTPError):
        shop.control(
            "/_sandbox/orders/status",
            {"order_no": 1062428737, "status": 5, "delivered_date": "26/11/2026"},
        )
    shop.control(
        "/_sandbox/orders/status",
        {"order_no": 1062428737, "status": 5, "delivered_date": "2026-11-26 18:30:00"},
    )
    shop.control("/_sandbox/orders/status", {"order_no": 1062428738, "status": 5})
    rows = v3(shop, status="5", start="20261126", end="20261128", cond="4")
    dates = {row["OrderNo"]: row["DeliveredDate"] for row in rows["ResultObject"]}
    assert dates == {1062428737: "2026-11-26 18:30:00", 1062428738: NOW}
