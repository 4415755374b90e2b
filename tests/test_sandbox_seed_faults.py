"""Sandbox: deterministic seeding, clock, state/calls control and injected faults."""

import http.client
import json
import re
import time
import urllib.error
import urllib.parse
from collections import defaultdict

import pytest

SEED = {
    "user_id": "demo_shop",
    "start": "2026-11-01 00:00:00",
    "end": "2026-11-28 00:00:00",
}


def all_rows(sb, key, start="20261101", end="20261128"):
    res = sb.qapi(
        "ShippingBasic.GetShippingInfo_v2",
        key=key,
        ShippingStat="0",
        search_Sdate=start,
        search_Edate=end,
        search_condition="1",
    )
    assert res["ResultCode"] == 0
    return res["ResultObject"]


def seeded(sb, orders=300, seed=1, **extra):
    sb.control("/_sandbox/reset", {})
    sb.control("/_sandbox/clock", {"now": "2026-11-28 10:00:00"})
    res = sb.control("/_sandbox/seed", dict(SEED, orders=orders, seed=seed, **extra))
    key = sb.issue_key()
    return res, key


def test_same_seed_gives_identical_data(sandbox):
    first, key = seeded(sandbox, seed=7)
    rows1 = all_rows(sandbox, key)
    inv1 = sandbox.control("/_sandbox/state?user_id=demo_shop&orders=0")["items"]
    second, key = seeded(sandbox, seed=7)
    assert first == second
    assert all_rows(sandbox, key) == rows1
    assert (
        sandbox.control("/_sandbox/state?user_id=demo_shop&orders=0")["items"] == inv1
    )


def test_different_seed_gives_different_data(sandbox):
    _res, key = seeded(sandbox, seed=1)
    rows1 = all_rows(sandbox, key)
    _res, key = seeded(sandbox, seed=2)
    rows2 = all_rows(sandbox, key)

    def strip(rows):
        return [(r["buyer"], r["orderDate"], r["total"]) for r in rows]

    assert strip(rows1) != strip(rows2)


def test_seed_shape_and_realism(sandbox):
    res, key = seeded(sandbox, orders=400, seed=3)
    rows = all_rows(sandbox, key)
    assert res["carts"] == 400 and res["lines"] == len(rows)
    assert len(res["pack_nos"]) == 10
    carts = defaultdict(list)
    for row in rows:
        carts[row["packNo"]].append(row)
    assert len(carts) == 400 and set(res["pack_nos"]) <= set(carts)
    order_nos = [r["orderNo"] for r in rows]
    assert len(set(order_nos)) == len(order_nos)
    assert all(n >= 100_000_000 for n in order_nos) and all(
        p >= 100_000_000 for p in carts
    )
    assert {len(lines) for lines in carts.values()} <= {1, 2, 3, 4}
    assert len({len(lines) for lines in carts.values()}) >= 3
    shared = (
        "buyer",
        "buyer_gata",
        "buyerEmail",
        "receiver",
        "zipCode",
        "Addr1",
        "orderDate",
        "PaymentDate",
        "shippingStatus",
        "RelatedOrder",
    )
    for lines in carts.values():
        for key_name in shared:
            assert len({ln[key_name] for ln in lines}) == 1, key_name
        assert lines[0]["RelatedOrder"] == ", ".join(str(ln["orderNo"]) for ln in lines)
    statuses = {r["shippingStatus"] for r in rows}
    assert statuses == {"Awaiting shipping(1)", "On request(2)", "Seller confirm(3)"}
    for row in rows:
        assert (row["PaymentDate"] == "") == (
            row["shippingStatus"] == "Awaiting shipping(1)"
        )
        assert re.fullmatch(r"\d{3}-\d{4}", row["zipCode"])
        assert re.fullmatch(r"\+81-\d{1,3}-\d{2,4}-\d{4}", row["receiverTel"])
        assert re.fullmatch(r"[ァ-ヶー]+ [ァ-ヶー]+", row["buyer_gata"])
        pre = row["total"] + row["discount"]
        assert pre >= row["orderPrice"] * row["orderQty"]
        assert row["SettlePrice"] == int(pre * 9 // 10)
        assert row["SellerDiscount"] <= row["discount"]
    emails = defaultdict(set)
    for row in rows:
        emails[row["buyerEmail"]].add(row["packNo"])
    assert sum(1 for packs in emails.values() if len(packs) > 1) >= 20  # repeat buyers
    assert any(r["discount"] > r["SellerDiscount"] for r in rows)  # platform discounts
    assert any(r["SellerDiscount"] > 0 for r in rows)
    assert any(r["Cart_Discount_Seller"] > 0 for r in rows)
    assert any(r["Cart_Discount_Qoo10"] > 0 for r in rows)
    assert any(r["ShippingRate"] > 0 for r in rows)
    assert any(r["optionCode"] for r in rows) and any(
        r["option"] and not r["optionCode"] for r in rows
    )
    assert any(not r["option"] for r in rows)
    assert any("(+" in r["option"] for r in rows)  # option surcharge


def test_seed_catalogue_matches_orders(sandbox):
    res, key = seeded(sandbox, orders=200, seed=4)
    rows = all_rows(sandbox, key)
    assert {r["sellerItemCode"] for r in rows} <= set(res["seller_codes"])
    used_codes = {r["optionCode"] for r in rows if r["optionCode"]}
    assert used_codes <= set(res["option_codes"])
    row = next(r for r in rows if r["optionCode"])
    inv = sandbox.qapi(
        "ItemsLookup.GetGoodsInventoryInfo", key=key, ItemCode=row["itemCode"]
    )["ResultObject"]
    assert row["optionCode"] in {o["ItemTypeCode"] for o in inv}
    goods = sandbox.qapi("ItemsLookup.GetAllGoodsInfo", key=key, ItemStatus="S2")[
        "ResultObject"
    ]
    assert goods["TotalItems"] > 0


def test_seed_status_weights_and_shipped(sandbox):
    _res, key = seeded(sandbox, orders=50, seed=5, status_weights={"4": 1})
    rows = sandbox.qapi(
        "ShippingBasic.GetShippingInfo_v3",
        key=key,
        ShippingStatus="4",
        SearchStartDate="20261101",
        SearchEndDate="20261128",
    )["ResultObject"]
    assert len({r["PackNo"] for r in rows}) == 50
    assert all(
        r["TrackingNo"] and r["DeliveryCompany"] and r["ShippingDate"] for r in rows
    )


def test_seed_10k_is_fast_and_day_window_query_is_fast(sandbox):
    t0 = time.monotonic()
    res = sandbox.control("/_sandbox/seed", dict(SEED, orders=10000, seed=9))
    assert res["carts"] == 10000
    assert time.monotonic() - t0 < 8
    key = sandbox.issue_key()
    t0 = time.monotonic()
    day = sandbox.qapi(
        "ShippingBasic.GetShippingInfo_v3",
        key=key,
        ShippingStatus="2",
        SearchStartDate="20261110",
        SearchEndDate="20261110",
    )
    assert time.monotonic() - t0 < 1.5
    assert 100 < len(day["ResultObject"]) < 1000
    assert {r["OrderDate"][:10] for r in day["ResultObject"]} == {"2026-11-10"}


def test_seed_rejects_bad_input(sandbox):
    for payload in (
        {"orders": 0},
        {"orders": 100001},
        {"user_id": "ghost", "orders": 1},
        {"orders": 1, "status_weights": {"9": 1}},
    ):
        with pytest.raises(urllib.error.HTTPError) as err:
            sandbox.control("/_sandbox/seed", payload)
        assert err.value.code in (400, 404)


def test_clock_freeze_and_unfreeze(sandbox):
    assert sandbox.control("/_sandbox/clock", {"now": "2026-11-28 10:00:00"}) == {
        "now": "2026-11-28 10:00:00",
        "frozen": True,
    }
    assert sandbox.control("/_sandbox/clock")["now"] == "2026-11-28 10:00:00"
    sandbox.control("/_sandbox/clock", {"now": None})
    assert sandbox.control("/_sandbox/clock")["frozen"] is False


def test_reset_clears_state_faults_clock_and_calls(sandbox):
    sandbox.control("/_sandbox/clock", {"now": "2020-01-01 00:00:00"})
    sandbox.control(
        "/_sandbox/orders", {"carts": [{"lines": [{"seller_item_code": "A"}]}]}
    )
    sandbox.qapi("CommonInfoLookup.SearchBrand", key="x")
    sandbox.control("/_sandbox/faults", {"drop_next": 3, "bom": True})
    sandbox.control("/_sandbox/reset", {})
    assert sandbox.control("/_sandbox/clock")["frozen"] is False
    faults = sandbox.control("/_sandbox/faults")
    assert faults["drop_next"] == 0 and faults["bom"] is False
    assert sandbox.control("/_sandbox/state?user_id=demo_shop") == {
        "orders": {},
        "items": {},
    }
    assert sandbox.control("/_sandbox/calls?since=0")["calls"] == []


# -- faults -----------------------------------------------------------------------------
def raw(sb, method="CommonInfoLookup.SearchBrand", key=None, **params):
    """One form-A request over http.client; returns (status, headers, bytes)."""
    parts = urllib.parse.urlsplit(sb.base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        body = urllib.parse.urlencode(
            dict({"returnType": "application/json"}, **params)
        )
        conn.request(
            "POST",
            parts.path + "/" + method,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "GiosisCertificationKey": key or "",
                "QAPIVersion": "1.0",
            },
        )
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def test_drop_next_closes_connection_then_recovers(sandbox):
    key = sandbox.issue_key()
    sandbox.control("/_sandbox/faults", {"drop_next": 2})
    for _ in range(2):
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            raw(sandbox, key=key, keyword="a")
    status, _h, body = raw(sandbox, key=key, keyword="a")
    assert status == 200 and json.loads(body)["ResultCode"] == 0
    assert sandbox.control("/_sandbox/faults")["drop_next"] == 0


def test_slow_next_answers_late_once(sandbox):
    key = sandbox.issue_key()
    sandbox.control("/_sandbox/faults", {"slow_next": 1, "slow_ms": 600})
    started = time.monotonic()
    status, _h, _body = raw(sandbox, key=key, keyword="a")
    slow = time.monotonic() - started
    started = time.monotonic()
    raw(sandbox, key=key, keyword="a")
    fast = time.monotonic() - started
    assert status == 200
    assert slow >= 0.6 > fast, (slow, fast)
    assert sandbox.control("/_sandbox/faults")["slow_next"] == 0


def test_dropped_write_is_not_applied_unless_faults_apply(sandbox):
    key = sandbox.issue_key()
    order_no = sandbox.control(
        "/_sandbox/orders",
        {"carts": [{"lines": [{"seller_item_code": "A"}, {"seller_item_code": "B"}]}]},
    )["carts"][0]["order_nos"]
    sandbox.control("/_sandbox/faults", {"drop_next": 1})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        raw(
            sandbox,
            "ShippingBasic.SetSendingInfo",
            key=key,
            OrderNo=str(order_no[0]),
            ShippingCorp="佐川急便",
            TrackingNo="1",
        )
    state = sandbox.control("/_sandbox/state?order_no=%d" % order_no[0])["orders"]
    assert state[str(order_no[0])]["status"] == 2
    sandbox.control("/_sandbox/faults", {"drop_next": 1, "faults_apply": True})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        raw(
            sandbox,
            "ShippingBasic.SetSendingInfo",
            key=key,
            OrderNo=str(order_no[1]),
            ShippingCorp="佐川急便",
            TrackingNo="1",
        )
    state = sandbox.control("/_sandbox/state?order_no=%d" % order_no[1])["orders"]
    assert state[str(order_no[1])]["status"] == 4
    calls = sandbox.control("/_sandbox/calls?since=0&method=SetSendingInfo")["calls"]
    assert [c["fault"] for c in calls] == ["drop", "drop"]


def test_bad_gateway_next_gives_502_html(sandbox):
    key = sandbox.issue_key()
    sandbox.control("/_sandbox/faults", {"bad_gateway_next": 1})
    status, headers, body = raw(sandbox, key=key, keyword="a")
    assert status == 502 and headers["Content-Type"].startswith("text/html")
    assert b"502 Bad Gateway" in body
    assert raw(sandbox, key=key, keyword="a")[0] == 200


def test_html_error_next_gives_html_page_with_200(sandbox):
    key = sandbox.issue_key()
    sandbox.control("/_sandbox/faults", {"html_error_next": 1})
    status, headers, body = raw(sandbox, key=key, keyword="a")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert body.lstrip().startswith(b"<!DOCTYPE html>")


def test_truncate_next_cuts_json(sandbox):
    key = sandbox.issue_key()
    sandbox.control("/_sandbox/faults", {"truncate_next": 1})
    status, _h, body = raw(sandbox, key=key, keyword="example")
    assert status == 200
    with pytest.raises(ValueError):
        json.loads(body)
    full = raw(sandbox, key=key, keyword="example")[2]
    assert full.startswith(body) and len(body) == len(full) // 2


def test_bom_prefixes_json_bodies(sandbox):
    key = sandbox.issue_key()
    sandbox.control("/_sandbox/faults", {"bom": True})
    body = raw(sandbox, key=key, keyword="a")[2]
    assert body.startswith(b"\xef\xbb\xbf") and body[3:4].isspace()
    assert json.loads(body.decode("utf-8-sig"))["ResultCode"] == 0
    sandbox.control("/_sandbox/faults", {"bom": False})
    assert raw(sandbox, key=key, keyword="a")[2].startswith(b"{")


def test_latency_ms(sandbox):
    key = sandbox.issue_key()
    sandbox.control("/_sandbox/faults", {"latency_ms": 300})
    t0 = time.monotonic()
    raw(sandbox, key=key, keyword="a")
    assert time.monotonic() - t0 >= 0.3
    sandbox.control("/_sandbox/faults", {"latency_ms": 0})
    t0 = time.monotonic()
    raw(sandbox, key=key, keyword="a")
    assert time.monotonic() - t0 < 0.3


def test_fault_counters_apply_only_to_listed_methods(sandbox):
    key = sandbox.issue_key()
    sandbox.control(
        "/_sandbox/faults",
        {"bad_gateway_next": 1, "methods": ["ItemsLookup.GetAllGoodsInfo"]},
    )
    assert raw(sandbox, key=key, keyword="a")[0] == 200  # SearchBrand: not listed
    assert sandbox.control("/_sandbox/faults")["bad_gateway_next"] == 1
    assert (
        raw(sandbox, "ItemsLookup.GetAllGoodsInfo", key=key, ItemStatus="S2")[0] == 502
    )
    assert (
        raw(sandbox, "ItemsLookup.GetAllGoodsInfo", key=key, ItemStatus="S2")[0] == 200
    )


def test_faults_merge_and_validate(sandbox):
    sandbox.control("/_sandbox/faults", {"truncate_next": 2})
    merged = sandbox.control("/_sandbox/faults", {"bom": True})
    assert merged["truncate_next"] == 2 and merged["bom"] is True
    for bad in ({"nonsense": 1}, {"claim_status_format": "x"}, {"drop_next": -1}):
        with pytest.raises(urllib.error.HTTPError) as err:
            sandbox.control("/_sandbox/faults", bad)
        assert err.value.code == 400


def test_control_errors_are_json(sandbox):
    with pytest.raises(urllib.error.HTTPError) as err:
        sandbox.control("/_sandbox/nope", {})
    assert err.value.code == 404 and "error" in json.loads(err.value.read())
    with pytest.raises(urllib.error.HTTPError) as err:
        sandbox.control("/_sandbox/orders/status", {"order_no": 1, "status": 2})
    assert err.value.code == 404


def test_state_filters_find_other_sellers_without_user_id(sandbox):
    sandbox.control(
        "/_sandbox/sellers", {"user_id": "shop2", "password": "p", "api_key": "K2"}
    )
    cart = sandbox.control(
        "/_sandbox/orders",
        {"user_id": "shop2", "carts": [{"lines": [{"seller_item_code": "S2-ONLY"}]}]},
    )["carts"][0]
    order_no = cart["order_nos"][0]
    found = sandbox.control("/_sandbox/state?order_no=%d" % order_no)["orders"]
    assert found[str(order_no)]["pack_no"] == cart["pack_no"]
    by_pack = sandbox.control("/_sandbox/state?pack_no=%d" % cart["pack_no"])["orders"]
    assert list(by_pack) == [str(order_no)]
    # the unfiltered view without user_id is demo_shop's
    assert sandbox.control("/_sandbox/state")["orders"] == {}
    own = sandbox.control("/_sandbox/state?user_id=shop2&seller_code=S2-ONLY")["items"]
    assert [i["seller_code"] for i in own.values()] == ["S2-ONLY"]
    assert sandbox.control("/_sandbox/state?seller_code=S2-ONLY")["items"] == {}
