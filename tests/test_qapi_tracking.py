"""Tracking numbers (SetSendingInfo) as qapi/ reads them, without a database: the
carrier names of QAPI.md §7.2 in const.py, and the outcomes the connector's tracking
outbox relies on (Qoo10 documents no "already sent" code, so a resend is refused and
the status read back says the line shipped)."""

from qapi_loader import load_submodule
from qapi_sandbox_helpers import NOW, USER, faults, new_cart, order_state
from qapi_sandbox_helpers import make_client as make_sandbox_client

outcome_mod = load_submodule("outcome")
const = load_submodule("const")


def test_carrier_names_are_the_references_per_region():
    japan = const.SHIPPING_CORPS["jp"]
    for name in (
        "ヤマト宅急便",
        "佐川急便",
        "ゆうパック",
        "ネコポス",
        "クリックポスト",
    ):
        assert name in japan
    assert "ゆうパケット" in japan and "Qxpress" in japan
    assert const.SHIPPING_CORPS["sg"] == const.SHIPPING_CORPS["global"] == ("Qxpress",)
    for names in const.SHIPPING_CORPS.values():
        assert len(set(names)) == len(names)
        assert all(0 < len(name) <= const.SHIPPING_CORP_MAX for name in names)
    assert set(const.SHIPPING_CORPS) == set(const.REGION_URLS)


def test_no_done_code_the_shipped_statuses_say_it():
    assert const.SENDING_DONE_CODES == ()
    assert const.SHIPPED_STATUSES == (const.STATUS_ON_DELIVERY, const.STATUS_DELIVERED)


def _client(sandbox):
    sandbox.control("/_sandbox/clock", {"now": NOW})
    return make_sandbox_client(sandbox, sandbox.issue_key(USER))


def _rows(order_nos, tracking="T-1"):
    return [
        {"order_no": no, "shipping_corp": "ヤマト宅急便", "tracking_no": tracking}
        for no in order_nos
    ]


def test_lost_answer_then_resend_is_refused_and_read_back_as_shipped(sandbox):
    client = _client(sandbox)
    _pack, (order_no,) = new_cart(sandbox, status=3)
    faults(sandbox, drop_next=1, faults_apply=True)
    results = [
        outcome_mod.call_result(
            order_no, client.set_sending_info, **_rows([order_no])[0]
        )
    ]
    by_no = outcome_mod.outcomes(results, [order_no], const.SENDING_DONE_CODES)
    assert by_no[order_no].state == outcome_mod.PENDING
    faults(sandbox, faults_apply=False)
    again = client.set_sending_info_bulk(_rows([order_no], tracking="T-2"))
    by_no = outcome_mod.outcomes(again, [order_no], const.SENDING_DONE_CODES)
    assert by_no[order_no].state == outcome_mod.REFUSED
    assert client.get_order(order_no).status in const.SHIPPED_STATUSES
    assert order_state(sandbox, order_no)["tracking_no"] == "T-1", "recorded once"


def test_one_refused_row_of_a_bulk_holds_back_no_other(sandbox):
    client = _client(sandbox)
    _pack, order_nos = new_cart(
        sandbox,
        status=3,
        lines=[{"seller_item_code": "A", "price": 1, "qty": 1}] * 3,
    )
    sandbox.control("/_sandbox/claims", {"order_no": order_nos[1], "claim_status": 3})
    results = client.set_sending_info_bulk(_rows(order_nos))
    by_no = outcome_mod.outcomes(results, order_nos, const.SENDING_DONE_CODES)
    assert [by_no[no].state for no in order_nos] == [
        outcome_mod.SENT,
        outcome_mod.REFUSED,
        outcome_mod.SENT,
    ]
    assert "cancelled" in by_no[order_nos[1]].message
    assert [order_state(sandbox, no)["status"] for no in order_nos] == [4, 3, 4]
