"""Sandbox: the seller's order writes, confirmation (seller check) and shipping (sending info)."""

import json

import pytest
from sandbox_shop import BY_NO, NOW, open_shop, order_state, v3


@pytest.fixture
def shop(sandbox):
    return open_shop(sandbox)


def test_seller_check_moves_2_to_3(shop):
    res = shop.qapi(
        "ShippingBasic.SetSellerCheckYN_V2",
        key=shop.key,
        OrderNo="1062428737",
        EstShipDt="20261201",
        DelayType="1",
        DelayMemo="",
    )
    assert res == {"ResultCode": 0, "ResultMsg": "SUCCESS"}
    st = order_state(shop, 1062428737)
    assert st["status"] == 3 and st["est_ship_dt"] == "2026-12-01"
    row = v3(shop, status="3")["ResultObject"][0]
    assert (
        row["OrderNo"] == 1062428737
        and row["EstimatedShippingDate"] == "2026-12-01 00:00:00"
    )
    assert row["ShippingStatus"] == "Seller confirm(3)" and row["PackingNo"]
    # the sibling line is untouched
    assert order_state(shop, 1062428738)["status"] == 2
    again = shop.qapi(
        "ShippingBasic.SetSellerCheckYN_V2",
        key=shop.key,
        OrderNo="1062428737",
        EstShipDt="20261201",
    )
    assert again["ResultCode"] == -10012


def test_seller_check_errors(shop):
    def call(**kw):
        return shop.qapi("ShippingBasic.SetSellerCheckYN_V2", key=shop.key, **kw)

    assert (
        call(OrderNo="1062428737", EstShipDt="20261127")["ResultCode"] == -10018
    )  # yesterday
    assert (
        call(OrderNo="1062428737", EstShipDt="20261229")["ResultCode"] == -10017
    )  # today+31
    assert call(OrderNo="1062428737", EstShipDt="2026-12-01")["ResultCode"] == -10016
    assert call(OrderNo="424242424", EstShipDt="20261201")["ResultCode"] == -10001
    assert order_state(shop, 1062428737)["status"] == 2
    assert (
        call(OrderNo="1062428737", EstShipDt="20261228")["ResultCode"] == 0
    )  # today+30
    shop.control("/_sandbox/orders/status", {"order_no": 1062428738, "status": 4})
    assert call(OrderNo="1062428738", EstShipDt="20261201")["ResultCode"] == -10013


def test_seller_check_bulk(shop):
    rows = [
        {
            "OrderNo": "1062428737",
            "EstShipDt": "20261130",
            "DelayType": "",
            "DelayMemo": "",
        },
        {"OrderNo": "1062428738", "EstShipDt": "", "DelayType": "", "DelayMemo": ""},
        {"OrderNo": "5", "EstShipDt": "20261130", "DelayType": "", "DelayMemo": ""},
    ]
    res = shop.qapi(
        "ShippingBasic.SetSellerCheckYNBulk",
        key=shop.key,
        SendPlanDtInfoJson=json.dumps(rows),
    )
    assert res["ResultCode"] == 0
    out = res["ResultObject"]
    assert [r["cont_no"] for r in out] == [1062428737, 1062428738, 5]
    assert [r["result_cd"] for r in out] == [0, -10016, -10001]
    assert [r["ResultCode"] for r in out] == [0, -10016, -10001]
    assert order_state(shop, 1062428737)["status"] == 3
    assert order_state(shop, 1062428738)["status"] == 2
    many = [{"OrderNo": str(i), "EstShipDt": "20261130"} for i in range(501)]
    too_many = shop.qapi(
        "ShippingBasic.SetSellerCheckYNBulk",
        key=shop.key,
        SendPlanDtInfoJson=json.dumps(many),
    )
    assert too_many["ResultCode"] == -10011


def test_set_sending_info_moves_to_4(shop):
    res = shop.qapi(
        "ShippingBasic.SetSendingInfo",
        key=shop.key,
        OrderNo="1062428737",
        ShippingCorp="ヤマト宅急便",
        TrackingNo="123456789012",
    )
    assert res == {"ResultCode": 0, "ResultMsg": "SUCCESS"}
    st = order_state(shop, 1062428737)
    assert (st["status"], st["shipping_corp"], st["tracking_no"]) == (
        4,
        "ヤマト宅急便",
        "123456789012",
    )
    assert st["shipping_date"] == NOW
    row = v3(shop, status="4", start="20261128", end="20261128", cond="3")[
        "ResultObject"
    ][0]
    assert row["OrderNo"] == 1062428737 and row["TrackingNo"] == "123456789012"
    assert row["DeliveryCompany"] == "ヤマト宅急便" and row["ShippingDate"] == NOW
    by_no = shop.qapi(BY_NO, key=shop.key, OrderNo="1062428737")["ResultObject"][0]
    assert (
        by_no["trackingNo"] == "123456789012"
        and by_no["deliveryCompany"] == "ヤマト宅急便"
    )
    again = shop.qapi(
        "ShippingBasic.SetSendingInfo",
        key=shop.key,
        OrderNo="1062428737",
        ShippingCorp="ヤマト宅急便",
        TrackingNo="123456789012",
    )
    assert again["ResultCode"] == -10004


def test_set_sending_info_from_3_and_errors(shop):
    shop.qapi(
        "ShippingBasic.SetSellerCheckYN_V2",
        key=shop.key,
        OrderNo="1062428738",
        EstShipDt="20261130",
    )
    ok = shop.qapi(
        "ShippingBasic.SetSendingInfo",
        key=shop.key,
        OrderNo="1062428738",
        ShippingCorp="Sagawa",
        TrackingNo="400012345678",
    )
    assert ok["ResultCode"] == 0 and order_state(shop, 1062428738)["status"] == 4

    def call(**kw):
        return shop.qapi("ShippingBasic.SetSendingInfo", key=shop.key, **kw)

    assert call(OrderNo="1", ShippingCorp="X", TrackingNo="1")["ResultCode"] == -10001
    assert (
        call(OrderNo="1062428737", ShippingCorp="", TrackingNo="1")["ResultCode"]
        == -10002
    )
    assert (
        call(OrderNo="1062428737", ShippingCorp="X", TrackingNo="")["ResultCode"]
        == -10003
    )
    shop.control("/_sandbox/orders/status", {"order_no": 1062428737, "status": 1})
    assert (
        call(OrderNo="1062428737", ShippingCorp="X", TrackingNo="1")["ResultCode"]
        == -10004
    )
    assert order_state(shop, 1062428737)["status"] == 1


def test_set_sending_info_bulk(shop):
    rows = [
        {"OrderNo": "1062428737", "ShippingCorp": "ヤマト宅急便", "TrackingNo": "1111"},
        {"OrderNo": "77", "ShippingCorp": "ヤマト宅急便", "TrackingNo": "1111"},
    ]
    res = shop.qapi(
        "ShippingBasic.SetSendingInfoBulk",
        key=shop.key,
        ShippingInfoJson=json.dumps(rows),
    )
    assert res["ResultCode"] == 0
    assert res["ResultObject"][0] == {
        "contr_no": 1062428737,
        "result_cd": 0,
        "transc_nm": "ヤマト宅急便",
        "ResultCode": 0,
        "ResultMsg": "SUCCESS",
    }
    assert res["ResultObject"][1]["result_cd"] == -10001
    assert order_state(shop, 1062428737)["tracking_no"] == "1111"
    many = [{"OrderNo": "1", "ShippingCorp": "a", "TrackingNo": "b"}] * 501
    assert (
        shop.qapi(
            "ShippingBasic.SetSendingInfoBulk",
            key=shop.key,
            ShippingInfoJson=json.dumps(many),
        )["ResultCode"]
        == -10011
    )
    assert (
        shop.qapi(
            "ShippingBasic.SetSendingInfoBulk",
            key=shop.key,
            ShippingInfoJson="not json",
        )["ResultCode"]
        == -10010
    )


def test_sending_bulk_refuses_a_cancelled_row_and_keeps_the_first_tracking(shop):
    """What the connector's tracking outbox relies on: one cancelled row is refused
    alone, a resend of a shipped row is refused and changes nothing, and the shipped
    line is found again by shipping date (status 4) and delivered date (status 5)."""
    shop.control("/_sandbox/claims", {"order_no": 1062428738, "claim_status": 3})
    rows = [
        {"OrderNo": "1062428737", "ShippingCorp": "佐川急便", "TrackingNo": "A-1"},
        {"OrderNo": "1062428738", "ShippingCorp": "佐川急便", "TrackingNo": "A-1"},
    ]
    res = shop.qapi(
        "ShippingBasic.SetSendingInfoBulk",
        key=shop.key,
        ShippingInfoJson=json.dumps(rows),
    )
    assert [r["result_cd"] for r in res["ResultObject"]] == [0, -10004]
    assert "cancelled" in res["ResultObject"][1]["ResultMsg"]
    assert order_state(shop, 1062428738)["tracking_no"] != "A-1"
    again = shop.qapi(
        "ShippingBasic.SetSendingInfo",
        key=shop.key,
        OrderNo="1062428737",
        ShippingCorp="ヤマト宅急便",
        TrackingNo="B-2",
    )
    assert again["ResultCode"] == -10004
    st = order_state(shop, 1062428737)
    assert (st["status"], st["shipping_corp"], st["tracking_no"]) == (
        4,
        "佐川急便",
        "A-1",
    )
    shipped = v3(shop, status="4", start="20261128", end="20261128", cond="3")
    assert [r["OrderNo"] for r in shipped["ResultObject"]] == [1062428737]
    shop.control("/_sandbox/orders/status", {"order_no": 1062428737, "status": 5})
    delivered = v3(shop, status="5", start="20261128", end="20261128", cond="4")
    assert [r["OrderNo"] for r in delivered["ResultObject"]] == [1062428737]
    assert order_state(shop, 1062428737)["tracking_no"] == "A-1"
