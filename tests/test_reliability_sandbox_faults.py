"""Reliability, without a database: the sandbox's random faults (every kind a network
and Qoo10 can fail in) and its row patches, and how the connector's client reads each.

A read fails over to a transient error (retried, then the shop's run stops and is
rolled back) or a response error, never to an exception of another kind; a byte-order
mark is read as the answer it precedes.
"""

import time

import pytest
from qapi_sandbox_helpers import DAY_END, DAY_START, calls, faults, make_client, qapi

EXPECTED = {
    "drop": qapi.Qoo10TransientError,
    "bad_gateway": qapi.Qoo10TransientError,
    "unavailable": qapi.Qoo10TransientError,
    "slow": qapi.Qoo10TransientError,
    "truncate": qapi.Qoo10TransientError,
    "empty": qapi.Qoo10TransientError,
    "html_error": qapi.Qoo10ResponseError,
    "bom": None,
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_fault_kind_reads_as_a_qoo10_error(sbx, sak, kind):
    client = make_client(sbx, sak, retries=0, timeout=0.5)
    faults(sbx, rate_percent=100, rate_kinds=[kind], slow_ms=1000)
    if EXPECTED[kind] is None:
        assert client.get_shipping_info(2, DAY_START, DAY_END) == []
    else:
        with pytest.raises(EXPECTED[kind]):
            client.get_shipping_info(2, DAY_START, DAY_END)
    if kind == "slow":
        time.sleep(0.8)  # the sandbox logs the call once it has answered
    assert [c["fault"] for c in calls(sbx)] == [kind]


def test_faults_are_drawn_from_the_seed(sbx, sak):
    client = make_client(sbx, sak, retries=0)

    def draw():
        sbx.control("/_sandbox/calls/clear", {})
        faults(sbx, rate_percent=50, rate_seed=7, rate_kinds=["bad_gateway", "bom"])
        for _n in range(20):
            try:
                client.search_brand()
            except qapi.Qoo10Error:
                pass
        return [c["fault"] for c in calls(sbx)]

    # The sandbox draws one fault per call it receives, in order: the same seed gives
    # the same sequence. Compare call by call: the connection pool may, rarely, send a
    # request once more after a closed connection, or lose one on it; the draws
    # follow the calls the sandbox receives.
    first, second = draw(), draw()
    common = min(len(first), len(second))
    assert common >= 15, "most of the 20 calls reach the sandbox"
    assert first[:common] == second[:common]
    assert 3 <= first.count(None) <= 17, "about half the calls fail"
    assert {"bad_gateway", "bom"} & set(first)


def test_fault_rate_applies_to_its_methods_only(sbx, sak):
    client = make_client(sbx, sak, retries=0)
    faults(sbx, rate_percent=100, methods=["SearchBrand"], rate_kinds=["drop"])
    assert client.get_shipping_info(2, DAY_START, DAY_END) == []
    with pytest.raises(qapi.Qoo10TransientError):
        client.search_brand()


def test_bad_fault_settings_are_refused(sbx):
    for values in ({"rate_percent": 101}, {"rate_kinds": ["meteor"]}):
        with pytest.raises(Exception, match="400"):
            sbx.control("/_sandbox/faults", values)


def test_row_patch_breaks_the_rows_of_its_line(sbx, client):
    patch = {"set": {"OrderQty": "abc", "Extra": [1]}, "drop": ["Total"], "repeat": 2}
    cart = {
        "status": 2,
        "order_date": "2026-11-27 10:00:00",
        "lines": [
            {"seller_item_code": "SKU-1", "price": 1000, "row_patch": patch},
            {"seller_item_code": "SKU-2", "price": 500},
        ],
    }
    sbx.control("/_sandbox/orders", {"carts": [cart]})
    rows = client.get_shipping_info(2, DAY_START, DAY_END, condition=1)
    raws = [row.raw for row in rows]
    assert len(raws) == 3
    assert raws[0] == raws[1]
    assert raws[0]["OrderQty"] == "abc" and raws[0]["Extra"] == [1]
    assert "Total" not in raws[0]
    assert raws[2]["OrderQty"] == 1 and "Total" in raws[2]
