"""Qoo10Client against a replaying fake session (no network): requests sent, retries,
write safety, date handling, bulk chunking and masking."""

import json
import logging
import time
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
import requests
from qapi_loader import load_fixture, load_qapi, load_submodule

qapi = load_qapi()
client_mod = load_submodule("client")
throttle_mod = load_submodule("throttle")

BASE = "https://qapi.example.invalid/GMKT.INC.Front.QAPIService/ebayjapan.qapi"
SAK = "SAK_TEST_0123456789abcdef_secret"
API_KEY = "APIKEY_TEST_fedcba9876543210_secret"
PASSWORD = "pa55-w0rd-secret"


class FakeResponse:
    def __init__(self, body, status=200, headers=None):
        self.content = body.encode("utf-8") if isinstance(body, str) else body
        self.status_code = status
        self.headers = headers or {}


class FakeSession:
    """Replays ``answers`` in order (the last one repeats); records every request."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests = []

    def post(self, url, data=None, headers=None, timeout=None):
        request = SimpleNamespace(
            url=url, data=dict(data), headers=dict(headers), timeout=timeout
        )
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        return answer


def ok(result=None, message="SUCCESS"):
    body = {"ResultCode": 0, "ResultMsg": message}
    if result is not None:
        body["ResultObject"] = result
    return FakeResponse(json.dumps(body, ensure_ascii=False))


def fail(code, message="refused"):
    return FakeResponse(json.dumps({"ResultCode": code, "ResultMsg": message}))


BAD_GATEWAY = FakeResponse("<html><body>502 Bad Gateway</body></html>", status=502)


@pytest.fixture
def sleeps(monkeypatch):
    recorded = []
    monkeypatch.setattr(client_mod.time, "sleep", recorded.append)
    return recorded


def make_client(*answers, key=SAK, **kwargs):
    session = FakeSession(*answers)
    kwargs.setdefault("min_interval", 0)
    client = qapi.Qoo10Client(BASE, seller_key=key, session=session, **kwargs)
    return client, session


def method_of(request):
    return request.url.rsplit("/", 1)[1]


# --- request shape (form A) --------------------------------------------------------------------
def test_request_form_a():
    client, session = make_client(ok([{"M_B_NO": "1", "M_B_NM": "X"}]))
    brands = client.search_brand("call api test")
    assert brands == [{"M_B_NO": "1", "M_B_NM": "X"}]
    (req,) = session.requests
    assert req.url == BASE + "/CommonInfoLookup.SearchBrand"
    assert req.headers["GiosisCertificationKey"] == SAK
    assert req.headers["QAPIVersion"] == "1.0"
    assert req.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert req.data == {"returnType": "application/json", "keyword": "call api test"}


def test_every_call_has_an_explicit_timeout():
    client, session = make_client(ok([]), timeout=30.0)
    client.search_brand()
    # one number by default (Odoo's test harness wraps requests and only takes a number)
    assert session.requests[0].timeout == 30.0
    client.timeout = (3, 7)
    client.search_brand()
    assert session.requests[1].timeout == (3, 7)


def test_item_detail_uses_version_1_2():
    row = load_fixture("ItemsLookup.GetItemDetailInfo")["response"]["ResultObject"][0]
    client, session = make_client(ok([row]))
    item = client.get_item_detail(item_code="1000123456")
    assert item.item_code == "1000123456"
    assert session.requests[0].headers["QAPIVersion"] == "1.2"
    assert session.requests[0].data["ItemCode"] == "1000123456"
    assert session.requests[0].data["SellerCode"] == ""


def test_none_is_sent_as_empty_string():
    client, session = make_client(ok())
    client.call("ShippingBasic.SetSendingInfo", {"OrderNo": "1", "TrackingNo": None})
    assert session.requests[0].data["TrackingNo"] == ""


def test_call_returns_envelope_and_raises_on_non_zero():
    client, _session = make_client(ok("x", "Success"), fail(-10001, "nope"))
    envelope = client.call("CommonInfoLookup.SearchBrand", {"keyword": "a"})
    assert (envelope.code, envelope.message, envelope.result) == (0, "Success", "x")
    assert envelope.raw_text.startswith("{")
    with pytest.raises(qapi.Qoo10BusinessError) as info:
        client.call("CommonInfoLookup.SearchBrand", {"keyword": "a"})
    assert (info.value.code, info.value.message) == (-10001, "nope")


def test_missing_seller_key_is_an_auth_error_without_http():
    client, session = make_client(ok([]), key=None)
    with pytest.raises(qapi.Qoo10AuthError) as info:
        client.search_brand()
    assert "Get Auth" in str(info.value)
    assert session.requests == []


# --- certification key -------------------------------------------------------------------------
def test_create_certification_key_uses_api_key_header():
    client, session = make_client(ok("SAK_NEW_0123456789abcdef", "成功"), key=None)
    sak = client.create_certification_key(API_KEY, "my_login", PASSWORD)
    assert sak == "SAK_NEW_0123456789abcdef"
    req = session.requests[0]
    assert method_of(req) == "CertificationAPI.CreateCertificationKey"
    assert req.headers["GiosisCertificationKey"] == API_KEY
    assert req.data == {
        "returnType": "application/json",
        "user_id": "my_login",
        "pwd": PASSWORD,
    }


def test_create_certification_key_bad_credentials_message_is_clean(caplog):
    caplog.set_level(logging.DEBUG)
    body = json.dumps(
        {"ErrorCode": -90001, "ErrorMsg": "bad %s / %s" % (API_KEY, PASSWORD)}
    )
    client, _session = make_client(FakeResponse(body))
    with pytest.raises(qapi.Qoo10AuthError) as info:
        client.create_certification_key(API_KEY, "my_login", PASSWORD)
    text = str(info.value) + info.value.message + caplog.text
    for secret in (API_KEY, PASSWORD, SAK):
        assert secret not in text
    assert "API key, QSM login ID or password" in str(info.value)


def test_create_certification_key_is_never_retried(sleeps):
    client, session = make_client(BAD_GATEWAY, ok("SAK"))
    with pytest.raises(qapi.Qoo10TransientError) as info:
        client.create_certification_key(API_KEY, "my_login", PASSWORD)
    assert info.value.outcome_unknown is True
    assert len(session.requests) == 1


# --- order searches ---------------------------------------------------------------------------
V3_ROW = load_fixture("ShippingBasic.GetShippingInfo_v3")["response"]["ResultObject"][0]
V2_RESPONSE = load_fixture("ShippingBasic.GetShippingInfo_v2")["response"]


def test_get_shipping_info_v3_request_and_rows():
    client, session = make_client(ok([V3_ROW]))
    start = datetime(2026, 11, 27, 0, 0)
    lines = client.get_shipping_info(2, start, start + timedelta(days=1), condition=1)
    assert [line.order_no for line in lines] == ["1062428737"]
    assert lines[0].version == "v3"
    assert lines[0].order_date.tzinfo is not None
    req = session.requests[0]
    assert method_of(req) == "ShippingBasic.GetShippingInfo_v3"
    assert req.data["ShippingStatus"] == "2"
    assert req.data["SearchStartDate"] == "20261127000000"
    assert req.data["SearchEndDate"] == "20261128000000"
    assert req.data["SearchCondition"] == "1"


def test_get_shipping_info_status_none_asks_for_default():
    client, session = make_client(ok(None))
    assert client.get_shipping_info(None, date(2026, 11, 1), date(2026, 11, 2)) == []
    assert session.requests[0].data["ShippingStatus"] == "0"
    assert session.requests[0].data["SearchEndDate"] == "20261102235959"


def test_aware_dates_are_converted_to_shop_time():
    client, session = make_client(ok([]), tz="Asia/Singapore")
    start = datetime(2026, 11, 27, 0, 0, tzinfo=timezone.utc)
    client.get_shipping_info(3, start, start + timedelta(hours=6))
    assert session.requests[0].data["SearchStartDate"] == "20261127080000"
    assert session.requests[0].data["SearchEndDate"] == "20261127140000"


def test_get_shipping_info_v2_keys_and_all_statuses():
    rows = V2_RESPONSE["ResultObject"]
    client, session = make_client(ok(rows), ok([rows[0]]), ok([]))
    lines = client.get_shipping_info(
        0, date(2026, 11, 1), date(2026, 11, 2), version="v2"
    )
    assert [r.data["ShippingStat"] for r in session.requests] == ["1", "2", "3"]
    assert {method_of(r) for r in session.requests} == {
        "ShippingBasic.GetShippingInfo_v2"
    }
    assert set(session.requests[0].data) == {
        "returnType",
        "ShippingStat",
        "search_Sdate",
        "search_Edate",
        "search_condition",
    }
    assert [line.order_no for line in lines] == [
        "1062428737",
        "1062428738",
    ]  # deduplicated
    assert all(line.version == "v2" for line in lines)


@pytest.mark.parametrize("days", [91, 200])
def test_period_over_90_days_is_refused_before_calling(days):
    client, session = make_client(ok([]))
    start = datetime(2026, 1, 1)
    with pytest.raises(qapi.Qoo10BusinessError) as info:
        client.get_shipping_info(2, start, start + timedelta(days=days))
    assert info.value.code == -10002
    assert session.requests == []


def test_period_of_exactly_90_days_is_allowed():
    client, session = make_client(ok([]))
    client.get_shipping_info(2, date(2026, 1, 1), date(2026, 1, 1) + timedelta(days=90))
    client.get_claims(datetime(2026, 1, 1), datetime(2026, 4, 1))
    assert len(session.requests) == 2


def test_claims_period_over_90_days_uses_claim_code():
    client, session = make_client(ok([]))
    with pytest.raises(qapi.Qoo10BusinessError) as info:
        client.get_claims(datetime(2026, 1, 1), datetime(2026, 4, 2))
    assert info.value.code == -10003
    assert session.requests == []


def test_end_before_start_is_refused():
    client, session = make_client(ok([]))
    with pytest.raises(qapi.Qoo10BusinessError):
        client.get_shipping_info(2, datetime(2026, 2, 1), datetime(2026, 1, 1))
    assert session.requests == []


def test_qoo10_period_error_is_a_business_error():
    client, _session = make_client(fail(-10002, "(period exceeds 90 days)"))
    with pytest.raises(qapi.Qoo10BusinessError) as info:
        client.get_shipping_info(2, datetime(2026, 1, 1), datetime(2026, 1, 2))
    assert info.value.code == -10002


ROUTING = FakeResponse("Can't find method Info GetShippingInfo_v3")


@pytest.mark.parametrize("first", [ROUTING, fail(-10001, "invalid date")])
def test_auto_falls_back_to_v2_once_and_remembers(first):
    client, session = make_client(first, ok(V2_RESPONSE["ResultObject"]), ok([]))
    lines = client.get_shipping_info(
        2, datetime(2026, 1, 1), datetime(2026, 1, 2), version="auto"
    )
    assert [method_of(r) for r in session.requests] == [
        "ShippingBasic.GetShippingInfo_v3",
        "ShippingBasic.GetShippingInfo_v2",
    ]
    assert lines[0].version == "v2"
    assert client.shipping_version == "v2"
    client.get_shipping_info(
        2, datetime(2026, 1, 1), datetime(2026, 1, 2), version="auto"
    )
    assert method_of(session.requests[-1]) == "ShippingBasic.GetShippingInfo_v2"
    assert len(session.requests) == 3


def test_auto_does_not_fall_back_on_other_errors():
    client, session = make_client(fail(-10003, "invalid status"))
    with pytest.raises(qapi.Qoo10BusinessError):
        client.get_shipping_info(
            9, datetime(2026, 1, 1), datetime(2026, 1, 2), version="auto"
        )
    assert len(session.requests) == 1
    assert client.shipping_version is None


def test_v3_without_auto_does_not_fall_back():
    client, session = make_client(ROUTING)
    with pytest.raises(qapi.Qoo10RoutingError):
        client.get_shipping_info(2, datetime(2026, 1, 1), datetime(2026, 1, 2))
    assert len(session.requests) == 1


# --- single order and claims -------------------------------------------------------------------------
SINGLE = load_fixture("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2")["response"]


def test_get_order():
    client, session = make_client(ok(SINGLE["ResultObject"]))
    line = client.get_order(1062428737)
    assert line.order_no == "1062428737" and line.version == "v2-single"
    assert session.requests[0].data["OrderNo"] == "1062428737"


@pytest.mark.parametrize("answer", [ok(None), ok([]), fail(-10003, "order not found")])
def test_get_order_unknown_is_none(answer):
    client, _session = make_client(answer)
    assert client.get_order("1") is None


def test_get_claims_request():
    rows = load_fixture("ShippingBasic.GetClaimInfo_V3")["response"]["ResultObject"]
    client, session = make_client(ok(rows), ok([]))
    claims = client.get_claims(
        datetime(2026, 3, 1), datetime(2026, 3, 7, 23, 59, 59), 3, 3
    )
    assert claims[0].claim_status == 3
    assert session.requests[0].data == {
        "returnType": "application/json",
        "ClaimStat": "3",
        "search_Sdate": "20260301000000",
        "search_Edate": "20260307235959",
        "search_condition": "3",
    }
    client.get_claims(datetime(2026, 3, 1), datetime(2026, 3, 2))
    assert session.requests[1].data["ClaimStat"] == ""
    assert session.requests[1].data["search_condition"] == "2"


# --- writes --------------------------------------------------------------------------------------------
def test_set_seller_check_payload():
    client, session = make_client(ok())
    client.set_seller_check("1062428737", date(2026, 12, 1))
    client.set_seller_check(
        1062428738, datetime(2026, 12, 2, 10), delay_type=1, delay_memo="m"
    )
    first, second = (r.data for r in session.requests)
    assert method_of(session.requests[0]) == "ShippingBasic.SetSellerCheckYN_V2"
    assert first == {
        "returnType": "application/json",
        "OrderNo": "1062428737",
        "EstShipDt": "20261201",
        "DelayType": "",
        "DelayMemo": "",
    }
    assert (second["EstShipDt"], second["DelayType"], second["DelayMemo"]) == (
        "20261202",
        "1",
        "m",
    )


def test_set_sending_info_payload():
    client, session = make_client(ok())
    assert client.set_sending_info("1062428737", "ヤマト宅急便", "123456789012") is None
    assert session.requests[0].data == {
        "returnType": "application/json",
        "OrderNo": "1062428737",
        "ShippingCorp": "ヤマト宅急便",
        "TrackingNo": "123456789012",
    }


def test_write_business_error_is_raised():
    client, _session = make_client(fail(-10012, "already confirmed"))
    with pytest.raises(qapi.Qoo10BusinessError) as info:
        client.set_seller_check("1", date(2026, 12, 1))
    assert info.value.code == -10012
    assert info.value.method == "ShippingBasic.SetSellerCheckYN_V2"


def test_cancel_order_line_payload():
    client, session = make_client(ok())
    client.cancel_order_line("1062428738", memo="在庫切れ")
    assert method_of(session.requests[0]) == "Claim.SetCancelProcess"
    assert session.requests[0].data == {
        "returnType": "application/json",
        "ContrNo": "1062428738",
        "CancelReason": "",
        "SellerMemo": "在庫切れ",
        "returnFeeStat": "",
    }
    client.cancel_order_line("1", reason=3)
    assert session.requests[1].data["CancelReason"] == "3"


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


# --- bulk -----------------------------------------------------------------------------------------------------
def _sending_rows(count):
    return [
        {"order_no": str(1000 + n), "shipping_corp": "Sagawa", "tracking_no": "T%d" % n}
        for n in range(count)
    ]


def _echo_sending(request):
    rows = json.loads(request.data["ShippingInfoJson"])
    result = [
        {
            "contr_no": int(r["OrderNo"]),
            "result_cd": 0,
            "ResultCode": 0,
            "ResultMsg": "SUCCESS",
        }
        for r in rows
    ]
    return ok(result)


def test_bulk_chunks_at_500_rows():
    client, session = make_client(_echo_sending)
    results = client.set_sending_info_bulk(_sending_rows(501))
    assert len(session.requests) == 2
    sizes = [len(json.loads(r.data["ShippingInfoJson"])) for r in session.requests]
    assert sizes == [500, 1]
    assert [r.key for r in results] == [str(1000 + n) for n in range(501)]
    assert all(r.ok for r in results)
    first = json.loads(session.requests[0].data["ShippingInfoJson"])[0]
    assert first == {"OrderNo": "1000", "ShippingCorp": "Sagawa", "TrackingNo": "T0"}


def test_bulk_chunk_failure_fails_only_that_chunk(sleeps):
    client, session = make_client(fail(-10001, "seller not found"), _echo_sending)
    results = client.set_sending_info_bulk(_sending_rows(501))
    assert len(session.requests) == 2
    assert not any(r.ok for r in results[:500])
    assert (results[0].code, results[0].message) == (-10001, "seller not found")
    assert isinstance(results[0].error, qapi.Qoo10BusinessError)
    assert results[500].ok


def test_bulk_transient_is_not_retried_and_marked_outcome_unknown(sleeps):
    client, session = make_client(BAD_GATEWAY)
    results = client.set_sending_info_bulk(_sending_rows(2))
    assert len(session.requests) == 1
    assert [r.ok for r in results] == [False, False]
    assert results[0].error.outcome_unknown is True
    assert sleeps == []


def test_seller_check_bulk_payload():
    response = load_fixture("ShippingBasic.SetSellerCheckYNBulk")["response"]
    client, session = make_client(FakeResponse(json.dumps(response)))
    rows = [
        {"order_no": "1062428737", "est_ship_date": date(2025, 3, 4)},
        {
            "order_no": 1062428738,
            "est_ship_date": date(2025, 3, 10),
            "delay_type": 3,
            "delay_memo": "x",
        },
    ]
    results = client.set_seller_check_bulk(rows)
    sent = json.loads(session.requests[0].data["SendPlanDtInfoJson"])
    assert sent == [
        {
            "OrderNo": "1062428737",
            "EstShipDt": "20250304",
            "DelayType": "",
            "DelayMemo": "",
        },
        {
            "OrderNo": "1062428738",
            "EstShipDt": "20250310",
            "DelayType": "3",
            "DelayMemo": "x",
        },
    ]
    assert [(r.ok, r.code) for r in results] == [(True, 0), (False, -10012)]


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


# --- retries -------------------------------------------------------------------------------------------------
TRUNCATED = FakeResponse('{"ResultCode": 0, "ResultObj')


def test_read_retries_transient_errors_then_succeeds(sleeps):
    answers = (
        requests.ConnectionError("reset"),
        BAD_GATEWAY,
        TRUNCATED,
        ok([{"M_B_NO": "1"}]),
    )
    client, session = make_client(*answers, retries=3, backoff=0.5)
    assert client.search_brand() == [{"M_B_NO": "1"}]
    assert len(session.requests) == 4
    assert client.stats == {"calls": 4, "retries": 3}
    assert sleeps == [0.5, 1.0, 2.0]


def test_read_gives_up_after_retries(sleeps):
    client, session = make_client(requests.Timeout("slow"), retries=2, backoff=0.1)
    with pytest.raises(qapi.Qoo10TransientError) as info:
        client.search_brand()
    assert len(session.requests) == 3
    assert info.value.outcome_unknown is False
    assert sleeps == [0.1, 0.2]


def test_backoff_is_capped_and_retry_after_is_honoured(sleeps):
    throttled = FakeResponse("busy", status=503, headers={"Retry-After": "4"})
    client, _session = make_client(throttled, throttled, ok([]), retries=2, backoff=0.1)
    client.max_backoff = 3.0
    client.search_brand()
    assert sleeps == [3.0, 3.0]


def test_write_is_never_retried(sleeps):
    client, session = make_client(BAD_GATEWAY, ok())
    with pytest.raises(qapi.Qoo10TransientError) as info:
        client.set_sending_info("1", "Sagawa", "T1")
    assert info.value.outcome_unknown is True
    assert len(session.requests) == 1
    assert client.stats == {"calls": 1, "retries": 0}
    assert sleeps == []


def test_call_write_flag_prevents_retry(sleeps):
    client, session = make_client(requests.ConnectionError("x"), ok())
    with pytest.raises(qapi.Qoo10TransientError):
        client.call("Custom.Something", {}, write=True)
    assert len(session.requests) == 1


def test_business_errors_are_not_retried(sleeps):
    client, session = make_client(fail(-10001), ok([]))
    with pytest.raises(qapi.Qoo10BusinessError):
        client.search_brand()
    assert len(session.requests) == 1


def test_write_method_classification():
    const = load_submodule("const")
    for method in (
        "ShippingBasic.SetSendingInfo",
        "ShippingBasic.SetSellerCheckYNBulk",
        "ItemsOptions.UpdateInventoryQtyUnit",
        "ItemsOptions.EditGoodsInventory",
        "ItemsBasic.EditGoodsStatus",
        "Claim.SetCancelProcess",
        "CertificationAPI.CreateCertificationKey",
    ):
        assert const.is_write_method(method), method
    for method in (
        "ShippingBasic.GetShippingInfo_v3",
        "ItemsLookup.GetAllGoodsInfo",
        "CommonInfoLookup.SearchBrand",
    ):
        assert not const.is_write_method(method), method


# --- masking ---------------------------------------------------------------------------------------------------
def test_secrets_never_in_logs_or_errors(caplog, sleeps):
    caplog.set_level(logging.DEBUG)
    leaky = requests.ConnectionError(
        "failed with header GiosisCertificationKey=%s" % SAK
    )
    echo = FakeResponse("<html>key %s rejected</html>" % SAK)
    client, _session = make_client(
        leaky, echo, fail(-90004, "key %s expired" % SAK), retries=0
    )
    errors = []
    for _ in range(3):
        with pytest.raises(qapi.Qoo10Error) as info:
            client.search_brand()
        errors.append(info.value)
    assert isinstance(errors[2], qapi.Qoo10AuthError) and errors[2].expired
    assert "Qoo10 seller authorization key has expired" in str(errors[2])
    for exc in errors:
        assert SAK not in str(exc)
        assert SAK not in exc.message
        assert SAK not in getattr(exc, "excerpt", "")
    assert caplog.records, "the client logs each call at DEBUG"
    assert SAK not in caplog.text
    assert "CommonInfoLookup.SearchBrand" in caplog.text
    assert SAK not in repr(client)


def test_debug_log_has_method_code_and_duration(caplog):
    caplog.set_level(logging.DEBUG)
    client, _session = make_client(ok([]))
    client.search_brand()
    (record,) = [r for r in caplog.records if "SearchBrand" in r.getMessage()]
    assert record.levelno == logging.DEBUG
    assert "ResultCode 0" in record.getMessage() and "ms" in record.getMessage()


def test_custom_logger_is_used(caplog):
    caplog.set_level(logging.DEBUG)
    client, _session = make_client(ok([]), logger=logging.getLogger("my.qoo10"))
    client.search_brand()
    assert any(r.name == "my.qoo10" for r in caplog.records)


# --- throttle -------------------------------------------------------------------------------------------------
def test_throttle_spacing_with_fake_clock():
    now = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    throttle = throttle_mod.Throttle(clock=lambda: now[0], sleep=sleep)
    throttle.wait(0.3)
    now[0] += 0.1
    throttle.wait(0.3)
    now[0] += 1.0
    throttle.wait(0.3)
    assert slept == [pytest.approx(0.2)]
    assert throttle.wait(0) == 0.0


def test_throttle_registry_is_per_key_and_hashed():
    first = throttle_mod.throttle_for("KEY-A-0123456789")
    assert throttle_mod.throttle_for("KEY-A-0123456789") is first
    assert throttle_mod.throttle_for("KEY-B-0123456789") is not first
    assert not any("KEY-A" in key for key in throttle_mod._registry)


def test_clients_sharing_a_key_share_the_throttle():
    key = "SAK_THROTTLE_%s" % time.monotonic_ns()
    stamps = []

    def stamp(_request):
        stamps.append(time.monotonic())
        return ok([])

    first = qapi.Qoo10Client(
        BASE, seller_key=key, min_interval=0.15, session=FakeSession(stamp)
    )
    second = qapi.Qoo10Client(
        BASE, seller_key=key, min_interval=0.15, session=FakeSession(stamp)
    )
    for client in (first, second, first):
        client.search_brand()
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert all(gap >= 0.15 * 0.9 for gap in gaps), gaps


def test_min_interval_zero_disables_throttle():
    key = "SAK_NOTHROTTLE_%s" % time.monotonic_ns()
    client = qapi.Qoo10Client(
        BASE, seller_key=key, min_interval=0, session=FakeSession(ok([]))
    )
    started = time.monotonic()
    for _ in range(5):
        client.search_brand()
    assert time.monotonic() - started < 0.5


def test_stats_are_per_client():
    first, _ = make_client(ok([]))
    second, _ = make_client(ok([]))
    first.search_brand()
    first.search_brand()
    second.search_brand()
    assert first.stats["calls"] == 2 and second.stats["calls"] == 1


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, ""),
        (True, "Y"),
        (False, "N"),
        (0, "0"),
        ("テスト", "テスト"),
        ([{"OrderNo": "1", "名": "値"}], '[{"OrderNo": "1", "名": "値"}]'),
    ],
)
def test_form_values(value, expected):
    assert client_mod.form_value(value) == expected
