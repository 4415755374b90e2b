"""Qoo10Client against the sandbox: injected faults, throttling, secret masking, and
every public method reaching the sandbox.
"""

import logging
import time
from datetime import date

import pytest
from qapi_sandbox_helpers import (
    API_KEY,
    DAY_END,
    DAY_START,
    PASSWORD,
    USER,
    calls,
    faults,
    make_client,
    new_cart,
    new_items,
    qapi,
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
