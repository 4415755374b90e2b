"""Envelope parsing: every quirk of QAPI.md §2.2 / §3.1 on its own."""

import json

import pytest
from qapi_loader import load_fixture, load_qapi, load_submodule

qapi = load_qapi()
parser = load_submodule("parser")

ENVELOPES = load_fixture("_envelopes-and-errors")
METHOD = "ShippingBasic.GetShippingInfo_v3"
OK_BODY = json.dumps(
    {"ResultObject": [{"OrderNo": 1}], "ResultCode": 0, "ResultMsg": "Success"}
)


def parse(body, status=200, secrets=()):
    return parser.parse_response(status, body, METHOD, secrets)


def parse_checked(body, status=200, secrets=()):
    return parser.check(parse(body, status, secrets), METHOD, secrets)


# --- success shapes --------------------------------------------------------------------
def test_plain_envelope():
    env = parse(OK_BODY.encode("utf-8"))
    assert env.code == 0
    assert env.message == "Success"
    assert env.result == [{"OrderNo": 1}]
    assert env.raw_text == OK_BODY


def test_utf8_bom_is_stripped():
    env = parse(b"\xef\xbb\xbf" + OK_BODY.encode("utf-8"))
    assert env.result == [{"OrderNo": 1}]


def test_bom_as_decoded_text_is_stripped():
    env = parse("\ufeff" + OK_BODY)
    assert env.code == 0


def test_surrounding_whitespace_is_ignored():
    env = parse(("\r\n \t" + OK_BODY + "\n\n  ").encode("utf-8"))
    assert env.result == [{"OrderNo": 1}]


def test_whitespace_before_bom_is_ignored():
    env = parse((" \n\ufeff" + OK_BODY).encode("utf-8"))
    assert env.code == 0


@pytest.mark.parametrize("empty", [None, []])
def test_null_and_empty_result_object_both_give_no_rows(empty):
    body = json.dumps({"ResultObject": empty, "ResultCode": 0, "ResultMsg": "Success"})
    env = parse(body)
    assert env.code == 0
    assert parser.result_rows(env.result) == []


def test_sample_empty_search_result_is_null():
    sample = ENVELOPES["empty_search_result"]
    assert sample["ResultObject"] is None
    assert parser.result_rows(parse(json.dumps(sample)).result) == []


def test_write_envelope_without_result_object():
    env = parse(json.dumps(ENVELOPES["success_without_object"]))
    assert env.code == 0
    assert env.result is None
    assert env.message == "SUCCESS"


def test_single_dict_result_becomes_one_row():
    assert parser.result_rows({"ItemCode": "1"}) == [{"ItemCode": "1"}]


def test_string_result_code_is_read_as_int():
    env = parse('{"ResultCode": "-10012", "ResultMsg": "already"}')
    assert env.code == -10012


def test_xml_envelope_is_read():
    body = (
        "<?xml version='1.0'?><StdResult><ResultCode>0</ResultCode>"
        "<ResultMsg>成功</ResultMsg><ResultObject>SAK_X</ResultObject></StdResult>"
    )
    env = parse(body.encode("utf-8"))
    assert (env.code, env.message, env.result) == (0, "成功", "SAK_X")


# --- gateway envelope (ErrorCode / ErrorMsg) is checked first ----------------------------
def test_gateway_envelope_invalid_key_is_auth_error():
    with pytest.raises(qapi.Qoo10AuthError) as info:
        parse(json.dumps(ENVELOPES["gateway_error_envelope_invalid_key"]))
    assert info.value.code == -90001
    assert info.value.message == "存在しないAPIです。"
    assert info.value.method == METHOD
    assert not info.value.expired
    assert "(-90001)" in str(info.value)


def test_gateway_envelope_wins_over_result_code():
    body = json.dumps({"ErrorCode": -90002, "ErrorMsg": "no", "ResultCode": 0})
    with pytest.raises(qapi.Qoo10PermissionError) as info:
        parse(body)
    assert info.value.code == -90002


@pytest.mark.parametrize("code", [-90002, -90003])
def test_permission_codes(code):
    with pytest.raises(qapi.Qoo10PermissionError):
        parse(json.dumps({"ErrorCode": code, "ErrorMsg": "not permitted"}))


@pytest.mark.parametrize("code", [-90004, -90005])
def test_expired_key_codes(code):
    with pytest.raises(qapi.Qoo10AuthError) as info:
        parse_checked(json.dumps({"ResultCode": code, "ResultMsg": "expired"}))
    assert info.value.expired is True
    assert "expired" in str(info.value)


@pytest.mark.parametrize("code", [-90001, -10000, -90000])
def test_invalid_key_codes_are_auth_not_expired(code):
    with pytest.raises(qapi.Qoo10AuthError) as info:
        parse_checked(json.dumps({"ResultCode": code, "ResultMsg": "check key"}))
    assert info.value.expired is False


def test_sample_method_level_key_error():
    with pytest.raises(qapi.Qoo10AuthError) as info:
        parse_checked(json.dumps(ENVELOPES["method_level_error"]))
    assert info.value.code == -10000


def test_business_error_carries_code_and_message():
    body = json.dumps({"ResultCode": -10002, "ResultMsg": "period exceeds 90 days"})
    with pytest.raises(qapi.Qoo10BusinessError) as info:
        parse_checked(body)
    exc = info.value
    assert (exc.code, exc.message, exc.method) == (
        -10002,
        "period exceeds 90 days",
        METHOD,
    )
    assert exc.envelope.code == -10002
    assert "-10002" in str(exc) and "period exceeds 90 days" in str(exc)


def test_check_passes_result_code_zero():
    env = parse(OK_BODY)
    assert parser.check(env, METHOD) is env


# --- routing errors: plain text ----------------------------------------------------------
@pytest.mark.parametrize("body", ENVELOPES["routing_error_plain_text_bodies"])
def test_routing_plain_text_is_routing_error(body):
    with pytest.raises(qapi.Qoo10RoutingError) as info:
        parse(body.encode("utf-8"))
    assert isinstance(info.value, qapi.Qoo10ResponseError)
    assert body in info.value.excerpt
    assert "API URL" in str(info.value)


def test_routing_text_with_bom_and_newline():
    with pytest.raises(qapi.Qoo10RoutingError):
        parse("\ufeff\r\nCan't find method Info GetShippingInfo_v9\r\n")


# --- transient and unreadable answers -----------------------------------------------------
def test_truncated_json_is_transient():
    with pytest.raises(qapi.Qoo10TransientError) as info:
        parse(OK_BODY[: len(OK_BODY) // 2])
    assert not isinstance(info.value, qapi.Qoo10ResponseError)


def test_truncated_inside_a_string_is_transient():
    with pytest.raises(qapi.Qoo10TransientError):
        parse('{"ResultCode": 0, "ResultMsg": "Succ')


def test_malformed_but_complete_json_is_response_error():
    with pytest.raises(qapi.Qoo10ResponseError) as info:
        parse('{"ResultCode": 0,, "ResultMsg": "x"}')
    assert not isinstance(info.value, qapi.Qoo10TransientError)


HTML_502 = (
    "<html><head><title>502 Bad Gateway</title></head><body><center>"
    "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
    + "x" * 500
    + "</body></html>"
)


def test_html_502_is_transient():
    with pytest.raises(qapi.Qoo10TransientError) as info:
        parse(HTML_502, status=502)
    assert info.value.code == 502
    assert len(str(info.value)) < 400


def test_http_503_with_json_body_is_still_transient():
    with pytest.raises(qapi.Qoo10TransientError):
        parse(OK_BODY, status=503)


def test_html_page_with_200_is_response_error_with_short_excerpt():
    with pytest.raises(qapi.Qoo10ResponseError) as info:
        parse(HTML_502, status=200)
    assert 0 < len(info.value.excerpt) <= 200
    assert "502 Bad Gateway" in info.value.excerpt


@pytest.mark.parametrize("body", [b"", b"   \r\n", b"\xef\xbb\xbf"])
def test_empty_body_is_transient(body):
    with pytest.raises(qapi.Qoo10TransientError):
        parse(body)


def test_json_without_result_code_is_response_error():
    with pytest.raises(qapi.Qoo10ResponseError):
        parse('{"Hello": "world"}')


def test_json_array_body_is_response_error():
    with pytest.raises(qapi.Qoo10ResponseError):
        parse("[1, 2, 3]")


def test_excerpt_masks_secrets():
    secret = "SAK_SECRET_0123456789abcdef"
    body = "<html>your key %s is wrong</html>" % secret
    with pytest.raises(qapi.Qoo10ResponseError) as info:
        parse(body, secrets=(secret,))
    assert secret not in info.value.excerpt
    assert secret not in str(info.value)


def test_result_message_masks_secrets():
    secret = "SAK_SECRET_0123456789abcdef"
    body = json.dumps({"ResultCode": -10001, "ResultMsg": "bad key %s" % secret})
    with pytest.raises(qapi.Qoo10BusinessError) as info:
        parse_checked(body, secrets=(secret,))
    assert secret not in str(info.value)
    assert secret not in info.value.message


def test_mask_helper():
    assert qapi.mask("SAK_SECRET_0123456789abcdef") == "SAK_***"
    assert qapi.mask("short") == "***"
    assert qapi.mask(None) == ""


def test_http_404_is_a_routing_error():
    with pytest.raises(qapi.Qoo10RoutingError) as info:
        parse(
            "<html><body>404 - File or directory not found.</body></html>", status=404
        )
    assert "API URL" in str(info.value)
