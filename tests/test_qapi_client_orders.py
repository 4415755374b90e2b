"""Qoo10Client against a replaying fake session (no network): order and claim searches,
date handling, order writes and the order bulks (chunking, failed chunks)."""

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from qapi_fake_session import (
    BAD_GATEWAY,
    FakeResponse,
    fail,
    make_client,
    method_of,
    ok,
    qapi,
)
from qapi_loader import load_fixture

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


@pytest.mark.parametrize(
    "answer",
    [
        ok(None),
        ok([]),
        fail(-10003, "order not found"),
        fail(-10002, "Invalid order number format."),
    ],
)
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


def test_rows_that_are_not_objects_are_kept_unreadable():
    """A string or a number among the rows is not dropped: it comes back as an order
    line that says it cannot be read, beside the good rows (v3 and v2)."""
    client, _session = make_client(ok([V3_ROW, "garbage", 42]))
    start = datetime(2026, 11, 27, 0, 0)
    lines = client.get_shipping_info(2, start, start + timedelta(days=1))
    assert [line.readable for line in lines] == [True, False, False]
    assert [line.raw for line in lines[1:]] == ["garbage", 42]
    rows = V2_RESPONSE["ResultObject"]
    client, _session = make_client(ok([rows[0], "x", "y"]))
    lines = client.get_shipping_info(
        2, date(2026, 11, 1), date(2026, 11, 2), version="v2"
    )
    assert [line.raw for line in lines if not line.readable] == ["x", "y"]
