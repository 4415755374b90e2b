"""Sandbox: order lists (v3/v2), single order, confirmation, shipping, cancel, claims."""

import json
import urllib.error

import pytest

NOW = "2026-11-28 10:00:00"
V3 = "ShippingBasic.GetShippingInfo_v3"
V2 = "ShippingBasic.GetShippingInfo_v2"
BY_NO = "ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2"
CLAIMS = "ShippingBasic.GetClaimInfo_V3"


@pytest.fixture
def shop(sandbox):
    """Sandbox with a frozen clock, a key and one two-line cart in status 2."""
    sandbox.control("/_sandbox/clock", {"now": NOW})
    sandbox.key = sandbox.issue_key()
    sandbox.cart = sandbox.control(
        "/_sandbox/orders",
        {
            "user_id": "demo_shop",
            "carts": [
                {
                    "pack_no": 512345678,
                    "status": 2,
                    "order_date": "2026-11-27 10:15:22",
                    "payment_date": "2026-11-27 10:16:05",
                    "buyer": {
                        "name": "山田 太郎",
                        "kana": "ヤマダ タロウ",
                        "email": "buyer@example.com",
                        "phone": "03-1234-5678",
                        "mobile": "090-1234-5678",
                    },
                    "receiver": {
                        "name": "山田 花子",
                        "kana": "ヤマダ ハナコ",
                        "zip": "150-0043",
                        "addr1": "東京都渋谷区道玄坂",
                        "addr2": "1-2-3 サンプルビル101",
                        "phone": "03-1234-5678",
                        "mobile": "",
                        "country": "JP",
                    },
                    "shipping_rate": 550,
                    "shipping_rate_type": "Charge",
                    "cart_discount_qoo10": 100,
                    "message": "置き配希望",
                    "lines": [
                        {
                            "order_no": 1062428737,
                            "seller_item_code": "TSHIRT-001",
                            "option_code": "TSHIRT-001-BLK-M",
                            "option": "カラー:ブラック / サイズ:M",
                            "title": "Tシャツ ベーシック",
                            "price": 1980,
                            "qty": 2,
                            "discount": 200,
                        },
                        {
                            "order_no": 1062428738,
                            "seller_item_code": "CAP-002",
                            "title": "キャップ",
                            "price": 1500,
                            "qty": 1,
                            "option_price": 0,
                            "seller_discount": 0,
                        },
                    ],
                }
            ],
        },
    )["carts"][0]
    return sandbox


def v3(sb, status="", start="20261127", end="20261127", cond="1"):
    return sb.qapi(
        V3,
        key=sb.key,
        ShippingStatus=status,
        SearchStartDate=start,
        SearchEndDate=end,
        SearchCondition=cond,
    )


def v2(sb, status="2", start="20261127", end="20261127", cond="1"):
    return sb.qapi(
        V2,
        key=sb.key,
        ShippingStat=status,
        search_Sdate=start,
        search_Edate=end,
        search_condition=cond,
    )


def order_state(sb, order_no):
    return sb.control("/_sandbox/state?user_id=demo_shop&order_no=%s" % order_no)[
        "orders"
    ][str(order_no)]


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


def test_cancel_process_removes_line_and_reports_claim(shop):
    res = shop.qapi(
        "Claim.SetCancelProcess",
        key=shop.key,
        ContrNo="1062428738",
        CancelReason="",
        SellerMemo="在庫切れ",
        returnFeeStat="",
    )
    assert res == {"ResultCode": 0, "ResultMsg": "SUCCESS"}
    st = order_state(shop, 1062428738)
    assert st["claim_status"] == 3 and st["cancel_reason"] == ""
    assert [r["OrderNo"] for r in v3(shop, status="2")["ResultObject"]] == [1062428737]
    claims = shop.qapi(
        CLAIMS,
        key=shop.key,
        ClaimStat="3",
        search_Sdate="20261128",
        search_Edate="20261128",
        search_condition="3",
    )["ResultObject"]
    assert [c["orderNo"] for c in claims] == [1062428738]
    assert claims[0]["claimStatus"] == "3" and claims[0]["cancelRefundDate"] == NOW
    assert claims[0]["packNo"] == 512345678 and claims[0]["paymentAmount"] == 1500
    by_no = shop.qapi(BY_NO, key=shop.key, OrderNo="1062428738")["ResultObject"][0]
    assert by_no["claimStatus"] == "3"
    again = shop.qapi("Claim.SetCancelProcess", key=shop.key, ContrNo="1062428738")
    assert again["ResultCode"] == -10004


def test_cancel_process_errors(shop):
    def call(**kw):
        return shop.qapi("Claim.SetCancelProcess", key=shop.key, **kw)

    assert call(ContrNo="")["ResultCode"] == -10001
    assert call(ContrNo="12345")["ResultCode"] == -10002
    assert call(ContrNo="1062428737", CancelReason="9")["ResultCode"] == -10005
    for status in (4, 5):
        shop.control(
            "/_sandbox/orders/status", {"order_no": 1062428737, "status": status}
        )
        assert call(ContrNo="1062428737")["ResultCode"] == -10004
    assert order_state(shop, 1062428737)["claim_status"] is None


def test_cancel_process_on_another_sellers_order(shop):
    shop.control(
        "/_sandbox/sellers", {"user_id": "shop2", "password": "p", "api_key": "K2"}
    )
    other = shop.control(
        "/_sandbox/orders",
        {"user_id": "shop2", "carts": [{"lines": [{"seller_item_code": "Z"}]}]},
    )["carts"][0]["order_nos"][0]
    res = shop.qapi("Claim.SetCancelProcess", key=shop.key, ContrNo=str(other))
    assert res["ResultCode"] == -10003


def test_buyer_claims_and_claim_status_format(shop):
    res = shop.control(
        "/_sandbox/claims",
        {"order_no": 1062428737, "claim_status": 1, "reason": "お客様都合"},
    )
    assert res["listed"] is False
    assert [r["OrderNo"] for r in v3(shop, status="2")["ResultObject"]] == [1062428738]
    params = {
        "search_Sdate": "20261128",
        "search_Edate": "20261128",
        "search_condition": "2",
    }
    rows = shop.qapi(CLAIMS, key=shop.key, ClaimStat="1", **params)["ResultObject"]
    assert rows[0]["claimStatus"] == "1" and rows[0]["reason"] == "お客様都合"
    assert rows[0]["requestDate"] == NOW and rows[0]["cancelRefundDate"] == ""
    shop.control("/_sandbox/faults", {"claim_status_format": "label"})
    rows = shop.qapi(CLAIMS, key=shop.key, **params)["ResultObject"]
    assert rows[0]["claimStatus"] == "Cancel Request(1)"
    # a return claim keeps the line in the order lists
    shop.control("/_sandbox/orders/status", {"order_no": 1062428738, "status": 5})
    shop.control("/_sandbox/claims", {"order_no": 1062428738, "claim_status": 4})
    assert [
        r["OrderNo"]
        for r in v3(shop, status="5", start="20261128", end="20261128", cond="4")[
            "ResultObject"
        ]
    ] == [1062428738]
    assert (
        shop.qapi(CLAIMS, key=shop.key, ClaimStat="4", **params)["ResultObject"][0][
            "claimStatus"
        ]
        == "Return Request(4)"
    )


def test_claim_info_errors_and_empty(shop):
    def call(**kw):
        return shop.qapi(CLAIMS, key=shop.key, **kw)

    assert (
        call(search_Sdate="20260101", search_Edate="20260102")["ResultObject"] is None
    )
    assert (
        call(search_Sdate="20260101", search_Edate="20260601")["ResultCode"] == -10003
    )
    assert call(search_Sdate="2026", search_Edate="20260102")["ResultCode"] == -10002
    assert (
        call(search_Sdate="20260101", search_Edate="20260102", ClaimStat="7")[
            "ResultCode"
        ]
        == -10004
    )


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
