"""Qoo10Client against a replaying fake session (no network): request shape, the
certification key, retries and write safety, masking, throttling and form values."""

import json
import logging
import time

import pytest
import requests
from qapi_fake_session import (
    API_KEY,
    BAD_GATEWAY,
    BASE,
    PASSWORD,
    SAK,
    FakeResponse,
    FakeSession,
    fail,
    make_client,
    method_of,
    ok,
    qapi,
)
from qapi_loader import load_fixture, load_submodule

client_mod = load_submodule("client")
throttle_mod = load_submodule("throttle")


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


# --- the environment's proxies, read once per client -------------------------------------------
def test_session_reads_the_proxy_environment_once(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/company.pem")
    session = client_mod.new_session("https://api.qoo10.jp/GMKT.INC.Front.QAPIService")
    assert session.proxies["https"] == "http://proxy.example:3128"
    assert session.verify == "/etc/ssl/company.pem"
    assert session.trust_env is False, "requests does not read the environment per call"
    monkeypatch.setenv("NO_PROXY", "api.qoo10.jp")
    bypass = client_mod.new_session("https://api.qoo10.jp/GMKT.INC.Front.QAPIService")
    assert "https" not in bypass.proxies
