"""Sandbox: claims, the seller's cancel and the buyer's claims, and GetClaimInfo_V3."""

import pytest
from sandbox_shop import BY_NO, CLAIMS, NOW, open_shop, order_state, v3


@pytest.fixture
def shop(sandbox):
    return open_shop(sandbox)


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


PARAMS = {"search_Sdate": "20261128", "search_Edate": "20261128"}


def test_every_claim_code_with_return_tracking(shop):
    """Each claim code of QAPI.md §8.1 can be set; return tracking and non-receipt
    fields show in GetClaimInfo_V3 and in the single-order lookup."""
    shop.control("/_sandbox/orders/status", {"order_no": 1062428738, "status": 5})
    extra = {
        "delivery_company_return": "ヤマト運輸",
        "tracking_no_return": "RT-123",
        "nr_sol_type": "NC",
        "nr_duty_target": "SC",
        "item_condition": "未開封",
        "pickup_address": "東京都渋谷区",
    }
    for code in (1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16):
        res = shop.control(
            "/_sandbox/claims",
            {"order_no": 1062428738, "claim_status": code, "reason": "r%d" % code}
            | extra,
        )
        assert res["listed"] is (code not in (1, 2, 3, 16))
        rows = shop.qapi(CLAIMS, key=shop.key, search_condition="2", **PARAMS)
        (row,) = rows["ResultObject"]
        assert row["claimStatus"] == str(code) and row["reason"] == "r%d" % code
        assert row["trackingNoReturn"] == "RT-123" and row["nrSolType"] == "NC"
        assert row["deliveryCompanyReturn"] == "ヤマト運輸"
        assert row["itemCondition"] == "未開封" and row["nrDutyTarget"] == "SC"
        done = code in (3, 6, 14, 15, 16)
        assert bool(row["cancelRefundDate"]) is done
    by_no = shop.qapi(BY_NO, key=shop.key, OrderNo="1062428738")["ResultObject"][0]
    assert by_no["trackingNoReturn"] == "RT-123" and by_no["pickupAddress"]
    assert (
        order_state(shop, 1062428738)["claim_extra"]["tracking_no_return"] == "RT-123"
    )
    # a claim without them sends them blank
    shop.control("/_sandbox/claims", {"order_no": 1062428738, "claim_status": 4})
    (row,) = shop.qapi(CLAIMS, key=shop.key, search_condition="2", **PARAMS)[
        "ResultObject"
    ]
    assert row["trackingNoReturn"] == "" and row["deliveryCompanyReturn"] == ""


def test_cancel_process_refusal_control(shop):
    """``refuse_cancel_next`` makes Qoo10 refuse cancellations it would accept."""
    shop.control("/_sandbox/faults", {"refuse_cancel_next": 1})
    res = shop.qapi("Claim.SetCancelProcess", key=shop.key, ContrNo="1062428737")
    assert res["ResultCode"] == -10004
    assert order_state(shop, 1062428737)["claim_status"] is None
    res = shop.qapi(
        "Claim.SetCancelProcess",
        key=shop.key,
        ContrNo="1062428737",
        CancelReason="3",
        SellerMemo="遅延",
    )
    assert res["ResultCode"] == 0
    st = order_state(shop, 1062428737)
    assert (st["claim_status"], st["cancel_reason"], st["seller_memo"]) == (
        3,
        "3",
        "遅延",
    )
    assert st["claim_reason"] == "発送遅延"
    assert shop.control("/_sandbox/faults", {})["refuse_cancel_next"] == 0
