"""Qoo10Client against the sandbox server over loopback HTTP: auth and orders.

The client and the sandbox are written independently from QAPI.md, so each checks the
other. Fixtures ``sandbox_url`` / ``sandbox`` come from tests/conftest.py; items are in
test_qapi_sandbox_items.py, faults, throttling and masking in test_qapi_sandbox_faults.py.
"""

import json
import logging
from datetime import date, datetime
from decimal import Decimal

import pytest
import requests
from qapi_sandbox_helpers import (
    API_KEY,
    DAY_END,
    DAY_START,
    JST,
    PASSWORD,
    USER,
    calls,
    faults,
    make_client,
    new_cart,
    order_state,
    qapi,
)


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
