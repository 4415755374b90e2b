"""Qoo10Client against the sandbox server over loopback HTTP.

The client and the sandbox are written independently from QAPI.md, so each checks the
other. Fixtures ``sandbox_url`` / ``sandbox`` come from tests/conftest.py.
"""

import json
import logging
import time
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import requests
from qapi_loader import load_qapi

qapi = load_qapi()

JST = ZoneInfo("Asia/Tokyo")
NOW = "2026-11-28 10:00:00"
API_KEY = "DEMO-API-KEY"
USER = "demo_shop"
PASSWORD = "demo-pass"
DAY_START = datetime(2026, 11, 27, 0, 0)
DAY_END = datetime(2026, 11, 28, 23, 59, 59)


@pytest.fixture
def sbx(sandbox):
    sandbox.control("/_sandbox/clock", {"now": NOW})
    return sandbox


@pytest.fixture
def sak(sbx):
    return sbx.issue_key(USER)


def make_client(sbx, key, **kwargs):
    kwargs.setdefault("min_interval", 0)
    kwargs.setdefault("retries", 2)
    kwargs.setdefault("backoff", 0.01)
    kwargs.setdefault("timeout", 10.0)
    return qapi.Qoo10Client(sbx.base, seller_key=key, **kwargs)


@pytest.fixture
def client(sbx, sak):
    return make_client(sbx, sak)


def new_cart(sbx, status=2, lines=None, order_date="2026-11-27 10:00:00"):
    lines = lines or [{"seller_item_code": "SKU-1", "price": 1000, "qty": 1}]
    cart = {"status": status, "order_date": order_date, "lines": lines}
    answer = sbx.control("/_sandbox/orders", {"user_id": USER, "carts": [cart]})
    created = answer["carts"][0]
    return str(created["pack_no"]), [str(no) for no in created["order_nos"]]


def calls(sbx, method=None):
    logged = sbx.control("/_sandbox/calls")["calls"]
    return [c for c in logged if method is None or c["method"] == method]


def order_state(sbx, order_no):
    return sbx.control("/_sandbox/state?order_no=%s" % order_no)["orders"][
        str(order_no)
    ]


def faults(sbx, **values):
    return sbx.control("/_sandbox/faults", values)


# --- auth ----------------------------------------------------------------------------------------
def test_create_certification_key_then_use_it(sbx):
    client = make_client(sbx, None)
    key = client.create_certification_key(API_KEY, USER, PASSWORD)
    assert key and isinstance(key, str)
    assert client.seller_key is None  # the caller decides where the key goes
    assert make_client(sbx, key).search_brand("test") is not None
    (call,) = calls(sbx, "CertificationAPI.CreateCertificationKey")
    assert call["form"] == "A" and call["params"]["user_id"] == USER


def test_wrong_password_is_auth_error_without_secrets(sbx, caplog):
    caplog.set_level(logging.DEBUG)
    client = make_client(sbx, None)
    with pytest.raises(qapi.Qoo10AuthError) as info:
        client.create_certification_key(API_KEY, USER, "wrong-password-123")
    assert info.value.code == -90001
    text = str(info.value) + info.value.message + caplog.text
    assert "wrong-password-123" not in text and API_KEY not in text


def test_invalid_key_is_auth_error(sbx):
    client = make_client(sbx, "SAK_NOT_A_REAL_KEY_0123456789")
    with pytest.raises(qapi.Qoo10AuthError) as info:
        client.search_brand()
    assert info.value.code == -90001
    assert info.value.expired is False
    assert "SAK_NOT_A_REAL_KEY_0123456789" not in str(info.value)


def test_expired_key_is_auth_error_with_expired_flag(sbx, client):
    sbx.control("/_sandbox/keys", {"user_id": USER, "expire": True})
    with pytest.raises(qapi.Qoo10AuthError) as info:
        client.search_brand()
    assert info.value.expired is True
    assert info.value.code in (-90004, -90005)
    assert "expired" in str(info.value)


def test_expire_all_keys_fault(sbx, client):
    faults(sbx, expire_all_keys=True)
    with pytest.raises(qapi.Qoo10AuthError) as info:
        client.get_order("1")
    assert info.value.expired is True


def test_search_brand_is_a_connection_test(client):
    brands = client.search_brand("test")
    assert isinstance(brands, list)
    assert all(isinstance(row, dict) for row in brands)


# --- order search -------------------------------------------------------------------------------------
def test_get_shipping_info_v3_normalises_lines(sbx, client):
    lines_in = [
        {"seller_item_code": "SKU-1", "price": 1000, "qty": 1},
        {"seller_item_code": "SKU-2", "price": 500, "qty": 3},
    ]
    pack_no, order_nos = new_cart(sbx, lines=lines_in)
    lines = client.get_shipping_info(2, DAY_START, DAY_END, condition=1)
    assert sorted(line.order_no for line in lines) == sorted(order_nos)
    by_code = {line.seller_item_code: line for line in lines}
    first, second = by_code["SKU-1"], by_code["SKU-2"]
    assert first.pack_no == pack_no and first.status == 2 and first.version == "v3"
    assert first.unit_price == Decimal(1000) and isinstance(first.unit_price, Decimal)
    assert second.qty == 3
    assert second.total == second.unit_price * second.qty - second.discount
    assert first.order_date == datetime(2026, 11, 27, 10, 0, tzinfo=JST)
    assert sorted(first.related_orders) == sorted(order_nos)
    assert "+81--" not in (first.buyer_mobile, first.buyer_phone, first.receiver_mobile)
    (call,) = calls(sbx, "ShippingBasic.GetShippingInfo_v3")
    assert call["params"]["SearchStartDate"] == "20261127000000"
    assert call["params"]["SearchEndDate"] == "20261128235959"


def test_v2_and_v3_give_the_same_lines(sbx, client):
    new_cart(sbx, lines=[{"seller_item_code": "SKU-9", "price": 1980, "qty": 2}])
    (v3,) = client.get_shipping_info(2, DAY_START, DAY_END, version="v3")
    (v2,) = client.get_shipping_info(2, DAY_START, DAY_END, version="v2")
    assert (v2.version, v3.version) == ("v2", "v3")
    for name in (
        "order_no",
        "pack_no",
        "status",
        "order_date",
        "payment_date",
        "buyer_name",
        "buyer_kana",
        "buyer_email",
        "buyer_phone",
        "buyer_mobile",
        "receiver_name",
        "receiver_kana",
        "zip_code",
        "address",
        "address1",
        "address2",
        "receiver_phone",
        "receiver_mobile",
        "item_code",
        "seller_item_code",
        "item_title",
        "option_text",
        "option_code",
        "unit_price",
        "qty",
        "discount",
        "total",
        "seller_discount",
        "cart_discount_seller",
        "cart_discount_qoo10",
        "settle_price",
        "shipping_rate",
        "shipping_rate_type",
        "currency",
        "related_orders",
        "payment_method",
    ):
        assert getattr(v2, name) == getattr(v3, name), name


def test_status_none_returns_statuses_1_to_3(sbx, client):
    made = {status: new_cart(sbx, status=status)[1][0] for status in (1, 2, 3, 4)}
    for version in ("v3", "v2"):
        lines = client.get_shipping_info(
            None, DAY_START, DAY_END, condition=1, version=version
        )
        assert sorted(line.order_no for line in lines) == sorted(
            made[s] for s in (1, 2, 3)
        )


def test_more_than_90_days_is_refused_before_calling(sbx, client):
    with pytest.raises(qapi.Qoo10BusinessError) as info:
        client.get_shipping_info(2, datetime(2026, 1, 1), datetime(2026, 11, 28))
    assert info.value.code == -10002
    with pytest.raises(qapi.Qoo10BusinessError) as info:
        client.get_claims(datetime(2026, 1, 1), datetime(2026, 11, 28))
    assert info.value.code == -10003
    assert calls(sbx) == []


def test_qoo10_period_error_is_a_business_error(client):
    params = {
        "ShippingStatus": "2",
        "SearchStartDate": "20260101000000",
        "SearchEndDate": "20261128235959",
        "SearchCondition": "1",
    }
    with pytest.raises(qapi.Qoo10BusinessError) as info:
        client.call("ShippingBasic.GetShippingInfo_v3", params)
    assert info.value.code == -10002
    assert info.value.message  # Qoo10's own text
    assert "-10002" in str(info.value)


class RenameV3Session(requests.Session):
    """Sends GetShippingInfo_v3 to a method name the server does not know."""

    def post(self, url, *args, **kwargs):
        return super().post(
            url.replace("GetShippingInfo_v3", "GetShippingInfo_v3x"), *args, **kwargs
        )


def test_auto_version_falls_back_to_v2_on_unknown_method(sbx, sak):
    _pack, order_nos = new_cart(sbx)
    client = make_client(sbx, sak, session=RenameV3Session())
    lines = client.get_shipping_info(2, DAY_START, DAY_END, version="auto")
    assert [line.order_no for line in lines] == order_nos
    assert lines[0].version == "v2"
    assert client.shipping_version == "v2"
    client.get_shipping_info(2, DAY_START, DAY_END, version="auto")
    assert [c["method"] for c in calls(sbx)] == [
        "ShippingBasic.GetShippingInfo_v3x",  # answered "Can't find method Info ..."
        "ShippingBasic.GetShippingInfo_v2",
        "ShippingBasic.GetShippingInfo_v2",  # remembered: v3 is not tried again
    ]


def test_routing_errors(sbx, client):
    with pytest.raises(qapi.Qoo10RoutingError) as info:
        client.call("ShippingBasic.NoSuchMethod", {})
    assert "NoSuchMethod" in info.value.excerpt
    with pytest.raises(qapi.Qoo10RoutingError):
        client.call("NoSuchService.GetShippingInfo_v3", {})


def test_wrong_base_url_is_a_routing_error(sbx, sak):
    client = make_client(sbx, sak)
    client.base_url = sbx.url + "/GMKT.INC.Front.QAPIService_typo/ebayjapan.qapi"
    with pytest.raises(qapi.Qoo10RoutingError):
        client.search_brand()


# --- single order, confirmation, shipping, cancel ---------------------------------------------------
def test_get_order_and_unknown_order(sbx, client):
    pack_no, (order_no,) = new_cart(
        sbx, lines=[{"seller_item_code": "SKU-3", "price": 700, "qty": 2}]
    )
    line = client.get_order(order_no)
    assert (line.order_no, line.pack_no, line.status) == (order_no, pack_no, 2)
    assert line.version == "v2-single"
    assert line.seller_item_code == "SKU-3" and line.qty == 2
    assert line.claim_status is None
    assert client.get_order("999999") is None


def test_set_seller_check_confirms_the_line(sbx, client):
    _pack, (order_no,) = new_cart(sbx)
    assert (
        client.set_seller_check(
            order_no, date(2026, 12, 1), delay_type=1, delay_memo="m"
        )
        is None
    )
    state = order_state(sbx, order_no)
    assert (state["status"], state["est_ship_dt"], state["delay_type"]) == (
        3,
        "2026-12-01",
        "1",
    )
    assert client.get_order(order_no).status == 3
    with pytest.raises(qapi.Qoo10BusinessError) as info:
        client.set_seller_check(order_no, date(2026, 12, 1))
    assert info.value.code == -10012


def test_set_seller_check_bulk(sbx, client):
    _pack, order_nos = new_cart(
        sbx, lines=[{"seller_item_code": "A", "price": 1, "qty": 1}] * 2
    )
    rows = [{"order_no": no, "est_ship_date": date(2026, 12, 2)} for no in order_nos]
    rows.append({"order_no": "999", "est_ship_date": date(2026, 12, 2)})
    results = client.set_seller_check_bulk(rows)
    assert [r.key for r in results] == [*order_nos, "999"]
    assert [r.ok for r in results] == [True, True, False]
    assert results[2].code != 0 and results[2].message
    assert all(order_state(sbx, no)["status"] == 3 for no in order_nos)


def test_set_sending_info_ships_the_line(sbx, client):
    _pack, (order_no,) = new_cart(sbx, status=3)
    client.set_sending_info(order_no, "ヤマト宅急便", "123456789012")
    line = client.get_order(order_no)
    assert line.status == 4
    assert (line.delivery_company, line.tracking_no) == ("ヤマト宅急便", "123456789012")


def test_set_sending_info_bulk_chunks_501_rows(sbx, client):
    order_nos = []
    for _ in range(3):
        order_nos += new_cart(
            sbx, status=3, lines=[{"seller_item_code": "B", "price": 1, "qty": 1}] * 167
        )[1]
    assert len(order_nos) == 501
    rows = [
        {"order_no": no, "shipping_corp": "Sagawa", "tracking_no": "T%s" % no}
        for no in order_nos
    ]
    results = client.set_sending_info_bulk(rows)
    bulk_calls = calls(sbx, "ShippingBasic.SetSendingInfoBulk")
    assert len(bulk_calls) == 2
    sizes = [len(json.loads(c["params"]["ShippingInfoJson"])) for c in bulk_calls]
    assert sizes == [500, 1]
    assert len(results) == 501 and all(r.ok for r in results), [
        r for r in results if not r.ok
    ][:2]
    assert [r.key for r in results] == order_nos
    assert order_state(sbx, order_nos[-1])["tracking_no"] == "T%s" % order_nos[-1]


def test_cancel_order_line_and_get_claims(sbx, client):
    _pack, (order_no,) = new_cart(sbx)
    client.cancel_order_line(order_no, reason="", memo="在庫切れのため")
    assert order_state(sbx, order_no)["claim_status"] == 3
    claims = client.get_claims(DAY_START, DAY_END, condition=2)
    (claim,) = [c for c in claims if c.order_no == order_no]
    assert claim.claim_status == 3 and claim.group == "cancel"
    assert claim.cancel_refund_date == datetime(2026, 11, 28, 10, tzinfo=JST)
    assert client.get_order(order_no).claim_status == 3


@pytest.mark.parametrize("claim_format", ["code", "label"])
def test_claims_in_both_status_formats(sbx, client, claim_format):
    _pack, (order_no,) = new_cart(sbx)
    sbx.control("/_sandbox/claims", {"order_no": int(order_no), "claim_status": 1})
    faults(sbx, claim_status_format=claim_format)
    claims = client.get_claims(DAY_START, DAY_END, claim_status=1, condition=2)
    (claim,) = [c for c in claims if c.order_no == order_no]
    assert claim.claim_status == 1
    if claim_format == "label":
        assert "(1)" in claim.claim_label
    assert calls(sbx, "ShippingBasic.GetClaimInfo_V3")[-1]["params"]["ClaimStat"] == "1"


# --- items and stock ---------------------------------------------------------------------------------------
OPTIONS = [
    {
        "names": ["Color", "Size"],
        "values": ["Red", "S"],
        "code": "TS-R-S",
        "qty": 3,
        "price": 0,
    },
    {
        "names": ["Color", "Size"],
        "values": ["Red", "M"],
        "code": "TS-R-M",
        "qty": 4,
        "price": 100,
    },
]


def new_items(sbx):
    items = [
        {"seller_code": "CAP-1", "price": 1500, "qty": 5},
        {"seller_code": "TS-1", "price": 2000, "qty": 0, "options": OPTIONS},
    ]
    made = sbx.control("/_sandbox/items", {"user_id": USER, "items": items})["items"]
    return {row["seller_code"]: row["item_code"] for row in made}


def item_state(sbx, item_code):
    return sbx.control("/_sandbox/state?item_code=%s" % item_code)["items"][item_code]


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


def test_update_inventory_qty_unknown_option_is_business_error(sbx, client):
    codes = new_items(sbx)
    with pytest.raises(qapi.Qoo10BusinessError):
        client.update_inventory_qty(
            codes["TS-1"], "TS-1", "Color||*Size", "Blue||*XL", "", 1
        )


# --- faults: transient, unparseable, BOM ---------------------------------------------------------------------
@pytest.mark.parametrize("fault", ["drop_next", "bad_gateway_next", "truncate_next"])
def test_reads_retry_transient_faults(sbx, client, fault):
    _pack, (order_no,) = new_cart(sbx)
    faults(sbx, **{fault: 2})
    assert client.get_order(order_no).order_no == order_no
    assert client.stats == {"calls": 3, "retries": 2}


def test_read_gives_up_after_retries(sbx, sak):
    client = make_client(sbx, sak, retries=1)
    faults(sbx, bad_gateway_next=5)
    with pytest.raises(qapi.Qoo10TransientError) as info:
        client.search_brand()
    assert info.value.outcome_unknown is False
    assert client.stats["calls"] == 2


@pytest.mark.parametrize("fault", ["drop_next", "bad_gateway_next", "truncate_next"])
def test_writes_are_not_retried(sbx, client, fault):
    _pack, (order_no,) = new_cart(sbx, status=3)
    faults(sbx, **{fault: 1})
    with pytest.raises(qapi.Qoo10TransientError) as info:
        client.set_sending_info(order_no, "Sagawa", "400012345678")
    assert info.value.outcome_unknown is True
    assert len(calls(sbx, "ShippingBasic.SetSendingInfo")) <= 1
    assert client.stats == {"calls": 1, "retries": 0}
    # the caller re-reads instead of resending
    assert client.get_order(order_no).status in (3, 4)


def test_html_error_page_is_response_error(sbx, client):
    faults(sbx, html_error_next=1)
    with pytest.raises(qapi.Qoo10ResponseError) as info:
        client.search_brand()
    assert 0 < len(info.value.excerpt) <= 200
    assert client.stats["calls"] == 1


def test_bom_and_whitespace_are_tolerated(sbx, client):
    new_cart(sbx)
    faults(sbx, bom=True)
    assert len(client.get_shipping_info(2, DAY_START, DAY_END)) == 1
    assert client.search_brand() is not None


def test_timeout_is_transient(sbx, sak):
    client = make_client(sbx, sak, timeout=0.1, retries=0)
    faults(sbx, latency_ms=400)
    with pytest.raises(qapi.Qoo10TransientError) as info:
        client.search_brand()
    assert "no answer within" in str(info.value)
    time.sleep(0.45)  # let the slow answer finish so it is not logged in the next test


def test_faults_limited_to_methods(sbx, client):
    faults(sbx, bad_gateway_next=1, methods=["ShippingBasic.SetSendingInfo"])
    client.search_brand()
    assert client.stats == {"calls": 1, "retries": 0}


# --- throttle and masking ---------------------------------------------------------------------------------------
def test_throttle_spaces_calls_per_key(sbx):
    key = sbx.issue_key(USER)
    first = make_client(sbx, key, min_interval=0.2)
    second = make_client(sbx, key, min_interval=0.2)
    started = time.monotonic()
    for client in (first, second, first, second):
        client.search_brand()
    assert time.monotonic() - started >= 3 * 0.2 * 0.9
    walls = [c["wall"] for c in calls(sbx, "CommonInfoLookup.SearchBrand")]
    gaps = [b - a for a, b in zip(walls, walls[1:], strict=False)]
    assert len(gaps) == 3 and all(gap >= 0.2 * 0.9 for gap in gaps), gaps


def test_no_secret_in_logs_or_errors(sbx, caplog):
    caplog.set_level(logging.DEBUG)
    client = make_client(sbx, None)
    key = client.create_certification_key(API_KEY, USER, PASSWORD)
    client = make_client(sbx, key)
    _pack, (order_no,) = new_cart(sbx)
    client.get_order(order_no)
    faults(sbx, bad_gateway_next=1)
    client.search_brand()
    sbx.control("/_sandbox/keys", {"user_id": USER, "expire": True})
    with pytest.raises(qapi.Qoo10AuthError) as info:
        client.search_brand()
    assert caplog.records
    for secret in (key, API_KEY, PASSWORD):
        assert secret not in caplog.text
        assert secret not in str(info.value)
        assert secret not in repr(client)


def test_every_public_method_reaches_the_sandbox(sbx, client):
    """A smoke run: each public method once, each answered with ResultCode 0."""
    codes = new_items(sbx)
    _pack, (first, second, third) = new_cart(
        sbx, lines=[{"seller_item_code": "Z", "price": 1, "qty": 1}] * 3
    )
    client.search_brand()
    client.get_shipping_info(0, DAY_START, DAY_END)
    client.get_order(first)
    client.set_seller_check(first, date(2026, 12, 1))
    client.set_seller_check_bulk(
        [{"order_no": second, "est_ship_date": date(2026, 12, 1)}]
    )
    client.set_sending_info(first, "Sagawa", "1")
    client.set_sending_info_bulk(
        [{"order_no": second, "shipping_corp": "Sagawa", "tracking_no": "2"}]
    )
    client.cancel_order_line(third)
    client.get_claims(DAY_START, DAY_END)
    client.get_all_items()
    client.get_item_detail(item_code=codes["CAP-1"])
    client.get_inventory(item_code=codes["TS-1"])
    client.set_goods_price_qty(codes["CAP-1"], "CAP-1", 1)
    client.set_goods_price_qty_bulk(
        [{"item_code": codes["CAP-1"], "seller_code": "CAP-1", "qty": 2}]
    )
    client.update_inventory_qty(
        codes["TS-1"], "TS-1", "Color||*Size", "Red||*S", "TS-R-S", 1
    )
    client.update_inventory_data_bulk(
        [
            {
                "item_code": codes["TS-1"],
                "seller_code": "TS-1",
                "option_name": "Color||*Size",
                "option_value": "Red||*M",
                "option_code": "TS-R-M",
                "qty": 2,
                "price": 100,
            }
        ]
    )
    logged = calls(sbx)
    assert {c["result_code"] for c in logged} == {0}
    assert len({c["method"] for c in logged}) == 16
    assert {c["form"] for c in logged} == {"A"}
