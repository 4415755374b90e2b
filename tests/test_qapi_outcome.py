"""What Qoo10's answer to one write means for the outbox row that asked for it
(qapi/outcome.py): SENT, PENDING or REFUSED, matched to rows by key; a single write reads
like a bulk one. Real client calls against a fake session or the sandbox where that is
natural, plain RowResults otherwise."""

import random
from datetime import date

import pytest
import requests
from qapi_fake_session import BAD_GATEWAY, FakeResponse, fail, make_client, ok, qapi
from qapi_loader import load_submodule
from qapi_sandbox_helpers import NOW, USER, faults, new_cart, order_state
from qapi_sandbox_helpers import make_client as make_sandbox_client

outcome_mod = load_submodule("outcome")
records = load_submodule("records")
const = load_submodule("const")

Outcome, RowResult = outcome_mod.Outcome, records.RowResult
SENT, PENDING, REFUSED = outcome_mod.SENT, outcome_mod.PENDING, outcome_mod.REFUSED
DONE = (const.CODE_ALREADY_CONFIRMED,)
SHIP = date(2026, 12, 2)
UNREADABLE = FakeResponse("<html><body>Service Unavailable</body></html>")


def confirm_rows(*order_nos):
    return [{"order_no": no, "est_ship_date": SHIP} for no in order_nos]


def order_answer(*rows):
    """A SetSellerCheckYNBulk answer: (order_no, result_cd, message) per row."""
    return ok(
        [
            {
                "cont_no": int(no),
                "result_cd": code,
                "ResultCode": code,
                "ResultMsg": msg,
            }
            for no, code, msg in rows
        ]
    )


def sandbox_client(sandbox):
    sandbox.control("/_sandbox/clock", {"now": NOW})
    return make_sandbox_client(sandbox, sandbox.issue_key(USER))


def send_each(client, rows):
    """One SetSellerCheckYN_V2 per row, as the confirmation outbox sends a few lines."""
    results = []
    for row in rows:
        results.append(
            outcome_mod.call_result(row["order_no"], client.set_seller_check, **row)
        )
        if outcome_mod.stops_batch(results[-1]):
            break
    return results


# --- SENT ----------------------------------------------------------------------------------------
def test_accepted_row_is_sent():
    client, _session = make_client(order_answer(("1", 0, "SUCCESS")))
    (result,) = client.set_seller_check_bulk(confirm_rows("1"))
    assert outcome_mod.outcome(result) == Outcome(SENT)


def test_done_code_is_sent(sandbox):
    """One line confirmed already: Qoo10's -10012 for it counts as sent, not refused."""
    client = sandbox_client(sandbox)
    _pack, (done, new) = new_cart(
        sandbox, lines=[{"seller_item_code": "A", "price": 1, "qty": 1}] * 2
    )
    client.set_seller_check(done, SHIP)
    results = client.set_seller_check_bulk(confirm_rows(done, new))
    assert [r.code for r in results] == [-10012, 0]
    assert outcome_mod.outcomes(results, [done, new], DONE) == {
        done: Outcome(SENT),
        new: Outcome(SENT),
    }
    refused = outcome_mod.outcome(results[0])
    assert refused == Outcome(REFUSED, "%s (-10012)" % results[0].message)
    assert order_state(sandbox, new)["status"] == 3


def test_done_code_of_a_single_write_is_sent(sandbox):
    client = sandbox_client(sandbox)
    _pack, (done, new) = new_cart(
        sandbox, lines=[{"seller_item_code": "A", "price": 1, "qty": 1}] * 2
    )
    client.set_seller_check(done, SHIP)
    results = send_each(client, confirm_rows(done, new, "999"))
    assert [r.key for r in results] == [done, new, "999"]  # refusals do not stop
    by_no = outcome_mod.outcomes(results, [done, new, "999"], DONE)
    assert [by_no[no].state for no in (done, new, "999")] == [SENT, SENT, REFUSED]
    assert by_no["999"].message == "%s (%s)" % (results[2].message, results[2].code)


# --- REFUSED -------------------------------------------------------------------------------------
def test_business_refusal_is_refused_with_message_and_code():
    client, _session = make_client(
        order_answer(("1", 0, "SUCCESS"), ("2", -10013, "not in requested status"))
    )
    results = client.set_seller_check_bulk(confirm_rows("1", "2"))
    assert outcome_mod.outcome(results[1], DONE) == Outcome(
        REFUSED, "not in requested status (-10013)"
    )


def test_whole_call_business_error_refuses_every_row():
    client, _session = make_client(fail(-10001, "seller not found"))
    results = client.set_seller_check_bulk(confirm_rows("1", "2"))
    assert outcome_mod.outcomes(results, ["1", "2"], DONE) == {
        "1": Outcome(REFUSED, "seller not found (-10001)"),
        "2": Outcome(REFUSED, "seller not found (-10001)"),
    }


def test_refusal_without_code_keeps_the_bare_message():
    result = RowResult(key="1", ok=False, code=0, message="bad qty")
    assert outcome_mod.outcome(result) == Outcome(REFUSED, "bad qty")


# --- PENDING -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "answer",
    [
        requests.ConnectionError("connection reset"),
        requests.Timeout("slow"),
        BAD_GATEWAY,
    ],
)
def test_transient_whole_call_error_is_pending(answer):
    client, _session = make_client(answer)
    results = client.set_seller_check_bulk(confirm_rows("1", "2"))
    assert all(isinstance(r.error, qapi.Qoo10TransientError) for r in results)
    by_no = outcome_mod.outcomes(results, ["1", "2"], DONE)
    assert [o.state for o in by_no.values()] == [PENDING, PENDING]
    assert by_no["1"].message == results[0].message != ""


def test_dropped_connection_against_the_sandbox_is_pending(sandbox):
    client = sandbox_client(sandbox)
    _pack, (order_no,) = new_cart(sandbox)
    faults(sandbox, drop_next=1)
    results = client.set_seller_check_bulk(confirm_rows(order_no))
    assert outcome_mod.outcomes(results, [order_no], DONE)[order_no].state == PENDING


def test_unreadable_answer_is_pending():
    client, _session = make_client(UNREADABLE)
    (result,) = client.set_seller_check_bulk(confirm_rows("1"))
    assert type(result.error) is qapi.Qoo10ResponseError
    assert outcome_mod.outcome(result).state == PENDING


def test_missing_row_is_pending():
    assert outcome_mod.outcome(None) == Outcome(PENDING)
    assert outcome_mod.outcome(None, DONE) == Outcome(PENDING)
    results = [RowResult(key="2", ok=True)]
    assert outcome_mod.outcomes(results, ["1", "2"]) == {
        "1": Outcome(PENDING),
        "2": Outcome(SENT),
    }
    assert outcome_mod.outcomes([], ["1"]) == {"1": Outcome(PENDING)}


def test_row_left_out_of_a_bulk_answer_is_pending():
    client, _session = make_client(order_answer(("1", 0, "SUCCESS")))
    results = client.set_seller_check_bulk(confirm_rows("1", "2"))
    assert outcome_mod.outcomes(results, ["1", "2"], DONE)["2"].state == PENDING


# --- errors about the shop -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "code, error_class",
    [
        (-90001, qapi.Qoo10AuthError),
        (-90004, qapi.Qoo10AuthError),
        (-90002, qapi.Qoo10PermissionError),
    ],
)
def test_auth_or_permission_error_is_raised(code, error_class):
    client, _session = make_client(fail(code, "no"))
    results = client.set_seller_check_bulk(confirm_rows("1", "2"))
    with pytest.raises(error_class) as info:
        outcome_mod.outcomes(results, ["1", "2"], DONE)
    assert info.value is results[0].error
    with pytest.raises(error_class):
        outcome_mod.outcome(results[1])


# --- matching by key -----------------------------------------------------------------------------
def test_outcomes_match_results_by_key_whatever_their_order():
    results = [
        RowResult(key="1", ok=True, code=0),
        RowResult(key="2", ok=False, code=-10013, message="not requested"),
        RowResult(key="3", ok=False, code=-10012, message="already"),
        RowResult(key="99", ok=True, code=0),  # a key nobody sent
    ]
    expected = {
        "1": Outcome(SENT),
        "2": Outcome(REFUSED, "not requested (-10013)"),
        "3": Outcome(SENT),
        "4": Outcome(PENDING),
    }
    shuffled = list(results)
    random.Random(7).shuffle(shuffled)
    for order in (results, results[::-1], shuffled):
        assert outcome_mod.outcomes(order, ["1", "2", "3", "4"], DONE) == expected


def test_bulk_answer_in_another_order_with_an_unknown_row():
    client, _session = make_client(
        order_answer(
            ("777", 0, "SUCCESS"),
            ("2", -10013, "not in requested status"),
            ("1", 0, "SUCCESS"),
        )
    )
    results = client.set_seller_check_bulk(confirm_rows("1", "2"))
    assert outcome_mod.outcomes(results[::-1], ["1", "2"], DONE) == {
        "1": Outcome(SENT),
        "2": Outcome(REFUSED, "not in requested status (-10013)"),
    }


# --- call_result and stops_batch ---------------------------------------------------------------
def test_call_result_of_a_returning_call_is_ok():
    client, session = make_client(ok())
    result = outcome_mod.call_result(
        "1062428737", client.set_seller_check, "1062428737", est_ship_date=SHIP
    )
    assert result == RowResult(key="1062428737", ok=True)
    assert result.error is None
    assert session.requests[0].data["OrderNo"] == "1062428737"
    assert outcome_mod.outcome(result) == Outcome(SENT)


def test_call_result_of_a_raising_call_is_a_failed_row():
    client, _session = make_client(fail(-10012, "already confirmed"))
    result = outcome_mod.call_result(
        "1", client.set_seller_check, order_no="1", est_ship_date=SHIP
    )
    assert (result.key, result.ok, result.code) == ("1", False, -10012)
    assert result.message == "already confirmed"
    assert isinstance(result.error, qapi.Qoo10BusinessError)
    assert result.error.code == -10012
    assert outcome_mod.outcome(result, DONE) == Outcome(SENT)


def test_call_result_of_a_dropped_write_is_pending():
    client, _session = make_client(BAD_GATEWAY)
    result = outcome_mod.call_result("1", client.set_sending_info, "1", "Sagawa", "T1")
    assert not result.ok and result.error.outcome_unknown is True
    assert outcome_mod.outcome(result).state == PENDING


def test_call_result_lets_other_exceptions_through():
    def broken():
        raise ValueError("a bug, not an answer")

    with pytest.raises(ValueError):
        outcome_mod.call_result("1", broken)


@pytest.mark.parametrize(
    "answer, stops",
    [
        (requests.ConnectionError("reset"), True),
        (requests.Timeout("slow"), True),
        (BAD_GATEWAY, True),
        (UNREADABLE, True),
        (fail(-90004, "expired"), True),
        (fail(-90002, "not permitted"), True),
        (fail(-10013, "not in requested status"), False),
        (fail(-10012, "already confirmed"), False),
        (ok(), False),
    ],
)
def test_stops_batch(answer, stops):
    client, _session = make_client(answer)
    result = outcome_mod.call_result("1", client.set_seller_check, "1", SHIP)
    assert outcome_mod.stops_batch(result) is stops


def test_transient_error_stops_a_row_by_row_send(sandbox):
    client = sandbox_client(sandbox)
    _pack, order_nos = new_cart(
        sandbox, lines=[{"seller_item_code": "A", "price": 1, "qty": 1}] * 2
    )
    faults(sandbox, drop_next=1)
    results = send_each(client, confirm_rows(*order_nos))
    assert [r.key for r in results] == order_nos[:1]
    by_no = outcome_mod.outcomes(results, order_nos, DONE)
    assert [o.state for o in by_no.values()] == [PENDING, PENDING]
    assert order_state(sandbox, order_nos[1])["status"] == 2


def test_send_each_stops_at_the_first_failure_the_next_rows_would_meet():
    sent = []

    def call(order_no, flag):
        sent.append(order_no)
        if flag == "refuse":
            raise qapi.Qoo10BusinessError("refused", code=-10004, message="refused")
        if flag == "down":
            raise qapi.Qoo10TransientError("down", message="down")

    rows = [
        {"order_no": "1", "flag": ""},
        {"order_no": "2", "flag": "refuse"},
        {"order_no": "3", "flag": "down"},
        {"order_no": "4", "flag": ""},
    ]
    results = outcome_mod.send_each(call, rows)
    assert sent == ["1", "2", "3"], "a refusal goes on, an outage stops"
    by_no = outcome_mod.outcomes(results, ["1", "2", "3", "4"])
    assert [by_no[no].state for no in "1234"] == [
        "sent",
        "refused",
        "pending",
        "pending",
    ]
