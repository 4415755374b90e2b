"""Sandbox: transport forms, routing errors, envelopes, keys and permissions."""

import json
import urllib.parse
import urllib.request

CERT = "CertificationAPI.CreateCertificationKey"


def _post(url, form, headers=None):
    req = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(form).encode(),
        headers=headers or {},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return (
            resp.status,
            resp.headers.get("Content-Type"),
            resp.read().decode("utf-8"),
        )


def _get(url, query):
    with urllib.request.urlopen(
        url + "?" + urllib.parse.urlencode(query), timeout=10
    ) as resp:
        return resp.status, resp.read().decode("utf-8")


def test_health_and_reset(sandbox):
    assert sandbox.control("/_sandbox/health") == {"ok": True}
    sandbox.control(
        "/_sandbox/sellers", {"user_id": "other", "password": "p", "api_key": "K2"}
    )
    sandbox.control("/_sandbox/reset", {})
    # the extra seller is gone, the default seller is back
    other = sandbox.qapi(CERT, key="K2", user_id="other", pwd="p")
    assert other == {"ErrorCode": -90001, "ErrorMsg": "存在しないAPIです。"}
    demo = sandbox.qapi(CERT, key="DEMO-API-KEY", user_id="demo_shop", pwd="demo-pass")
    assert demo["ResultCode"] == 0


def test_create_certification_key_form_a(sandbox):
    res = sandbox.qapi(CERT, key="DEMO-API-KEY", user_id="demo_shop", pwd="demo-pass")
    assert list(res) == ["ResultObject", "ResultCode", "ResultMsg"]
    assert res["ResultCode"] == 0 and res["ResultMsg"] == "成功"
    assert isinstance(res["ResultObject"], str) and len(res["ResultObject"]) > 20
    # the issued SAK authenticates other methods
    brand = sandbox.qapi(
        "CommonInfoLookup.SearchBrand", key=res["ResultObject"], keyword="x"
    )
    assert brand["ResultCode"] == 0


def test_create_certification_key_form_b_get(sandbox):
    status, body = _get(
        sandbox.base,
        {
            "v": "1.0",
            "method": CERT,
            "returnType": "json",
            "key": "DEMO-API-KEY",
            "user_id": "demo_shop",
            "pwd": "demo-pass",
        },
    )
    assert status == 200
    assert json.loads(body)["ResultCode"] == 0


def test_each_issuance_gives_a_new_key_and_old_keys_stay_valid(sandbox):
    first = sandbox.qapi(CERT, key="DEMO-API-KEY", user_id="demo_shop", pwd="demo-pass")
    second = sandbox.qapi(
        CERT, key="DEMO-API-KEY", user_id="demo_shop", pwd="demo-pass"
    )
    assert first["ResultObject"] != second["ResultObject"]
    for key in (first["ResultObject"], second["ResultObject"]):
        assert (
            sandbox.qapi("CommonInfoLookup.SearchBrand", key=key, keyword="a")[
                "ResultCode"
            ]
            == 0
        )


def test_wrong_credentials_give_gateway_error(sandbox):
    expected = {"ErrorCode": -90001, "ErrorMsg": "存在しないAPIです。"}
    assert (
        sandbox.qapi(CERT, key="WRONG", user_id="demo_shop", pwd="demo-pass")
        == expected
    )
    assert (
        sandbox.qapi(CERT, key="DEMO-API-KEY", user_id="demo_shop", pwd="bad")
        == expected
    )
    assert (
        sandbox.qapi(CERT, key="DEMO-API-KEY", user_id="nobody", pwd="demo-pass")
        == expected
    )


def test_unknown_or_api_key_as_sak_gives_90001(sandbox):
    expected = {"ErrorCode": -90001, "ErrorMsg": "存在しないAPIです。"}
    assert (
        sandbox.qapi("CommonInfoLookup.SearchBrand", key="nope", keyword="a")
        == expected
    )
    assert sandbox.qapi("CommonInfoLookup.SearchBrand", keyword="a") == expected
    # the API key is not a seller auth key
    assert (
        sandbox.qapi("CommonInfoLookup.SearchBrand", key="DEMO-API-KEY", keyword="a")
        == expected
    )


def test_header_name_is_case_insensitive(sandbox):
    key = sandbox.issue_key()
    _s, _c, body = _post(
        sandbox.base + "/CommonInfoLookup.SearchBrand",
        {"returnType": "application/json", "keyword": "sample"},
        {"giosiscertificationkey": key, "qapiversion": "1.0"},
    )
    assert json.loads(body)["ResultCode"] == 0


def test_key_as_query_param_form_c(sandbox):
    key = sandbox.issue_key()
    status, body = _get(
        sandbox.base + "/CommonInfoLookup.SearchBrand",
        {"key": key, "keyword": "sample"},
    )
    assert status == 200 and json.loads(body)["ResultCode"] == 0


def test_expire_control_gives_90004(sandbox):
    key = sandbox.issue_key()
    sandbox.control("/_sandbox/keys", {"user_id": "demo_shop", "expire": True})
    res = sandbox.qapi("CommonInfoLookup.SearchBrand", key=key, keyword="a")
    assert res == {
        "ResultCode": -90004,
        "ResultMsg": "Seller authorization key is expired. Use a new key.",
    }
    # a newly issued key works again
    fresh = sandbox.qapi(CERT, key="DEMO-API-KEY", user_id="demo_shop", pwd="demo-pass")
    assert (
        sandbox.qapi(
            "CommonInfoLookup.SearchBrand", key=fresh["ResultObject"], keyword="a"
        )["ResultCode"]
        == 0
    )


def test_key_expires_one_year_after_issue_by_clock(sandbox):
    sandbox.control("/_sandbox/clock", {"now": "2026-01-10 09:00:00"})
    issued = sandbox.control("/_sandbox/keys", {"user_id": "demo_shop", "issue": True})
    assert issued["expires_at"] == "2027-01-10 09:00:00"
    sandbox.control("/_sandbox/clock", {"now": "2027-01-10 08:59:59"})
    assert (
        sandbox.qapi("CommonInfoLookup.SearchBrand", key=issued["key"], keyword="a")[
            "ResultCode"
        ]
        == 0
    )
    sandbox.control("/_sandbox/clock", {"now": "2027-01-10 09:00:00"})
    assert (
        sandbox.qapi("CommonInfoLookup.SearchBrand", key=issued["key"], keyword="a")[
            "ResultCode"
        ]
        == -90004
    )


def test_expire_all_keys_fault_shortcut(sandbox):
    key = sandbox.issue_key()
    sandbox.control("/_sandbox/faults", {"expire_all_keys": True})
    assert (
        sandbox.qapi("CommonInfoLookup.SearchBrand", key=key, keyword="a")["ResultCode"]
        == -90004
    )


def test_password_change_expires_keys(sandbox):
    key = sandbox.issue_key()
    sandbox.control(
        "/_sandbox/sellers", {"user_id": "demo_shop", "password": "new-pass"}
    )
    assert (
        sandbox.qapi("CommonInfoLookup.SearchBrand", key=key, keyword="a")["ResultCode"]
        == -90004
    )
    assert (
        sandbox.qapi(CERT, key="DEMO-API-KEY", user_id="demo_shop", pwd="new-pass")[
            "ResultCode"
        ]
        == 0
    )


def test_not_permitted_seller_gives_90002(sandbox):
    key = sandbox.issue_key()
    sandbox.control("/_sandbox/sellers", {"user_id": "demo_shop", "permitted": False})
    res = sandbox.qapi("CommonInfoLookup.SearchBrand", key=key, keyword="a")
    assert res["ErrorCode"] == -90002 and "ResultCode" not in res
    cert = sandbox.qapi(CERT, key="DEMO-API-KEY", user_id="demo_shop", pwd="demo-pass")
    assert cert["ErrorCode"] == -90002
    sandbox.control("/_sandbox/sellers", {"user_id": "demo_shop", "permitted": True})
    assert (
        sandbox.qapi("CommonInfoLookup.SearchBrand", key=key, keyword="a")["ResultCode"]
        == 0
    )


def test_denied_methods_per_seller(sandbox):
    key = sandbox.issue_key()
    sandbox.control(
        "/_sandbox/sellers",
        {"user_id": "demo_shop", "denied_methods": ["ItemsLookup.GetAllGoodsInfo"]},
    )
    assert (
        sandbox.qapi("ItemsLookup.GetAllGoodsInfo", key=key, ItemStatus="S2")[
            "ErrorCode"
        ]
        == -90002
    )
    assert (
        sandbox.qapi("CommonInfoLookup.SearchBrand", key=key, keyword="a")["ResultCode"]
        == 0
    )


def test_keys_are_per_seller(sandbox):
    sandbox.control(
        "/_sandbox/sellers",
        {"user_id": "shop2", "password": "pw2", "api_key": "K2", "permitted": True},
    )
    sandbox.control(
        "/_sandbox/orders",
        {
            "user_id": "shop2",
            "carts": [
                {
                    "order_date": "2026-11-27 10:00:00",
                    "lines": [{"seller_item_code": "S2-A"}],
                }
            ],
        },
    )
    key1 = sandbox.issue_key("demo_shop")
    key2 = sandbox.qapi(CERT, key="K2", user_id="shop2", pwd="pw2")["ResultObject"]
    params = {
        "ShippingStatus": "2",
        "SearchStartDate": "20261127",
        "SearchEndDate": "20261127",
    }
    mine = sandbox.qapi("ShippingBasic.GetShippingInfo_v3", key=key2, **params)
    assert (
        len(mine["ResultObject"]) == 1
        and mine["ResultObject"][0]["SellerID"] == "shop2"
    )
    theirs = sandbox.qapi("ShippingBasic.GetShippingInfo_v3", key=key1, **params)
    assert theirs["ResultObject"] is None


def test_routing_errors_are_plain_text_http_200(sandbox):
    key = sandbox.issue_key()
    status, body = sandbox.qapi_raw("ShippingBasicX.GetShippingInfo_v3", key=key)
    assert (status, body) == (200, "Can't find service Name ShippingBasicX")
    status, body = sandbox.qapi_raw("ShippingBasic.GetShippingInfo_v9", key=key)
    assert (status, body) == (200, "Can't find method Info GetShippingInfo_v9")


def test_method_names_are_case_insensitive_and_both_bases_work(sandbox):
    key = sandbox.issue_key()
    assert (
        sandbox.qapi("commoninfolookup.searchbrand", key=key, keyword="a")["ResultCode"]
        == 0
    )
    giosis = (
        sandbox.url
        + "/GMKT.INC.Front.QAPIService/Giosis.qapi/CommonInfoLookup.SearchBrand"
    )
    _s, ctype, body = _post(giosis, {"keyword": "a"}, {"GiosisCertificationKey": key})
    assert json.loads(body)["ResultCode"] == 0 and ctype.startswith("application/json")


def test_search_brand_matches_keyword(sandbox):
    key = sandbox.issue_key()
    res = sandbox.qapi("CommonInfoLookup.SearchBrand", key=key, keyword="example")
    assert res["ResultObject"] == [{"M_B_NO": "12345", "M_B_NM": "EXAMPLE BRAND"}]
    none = sandbox.qapi(
        "CommonInfoLookup.SearchBrand", key=key, keyword="call api test"
    )
    assert none["ResultCode"] == 0 and none["ResultObject"] == []


def test_call_log_masks_secrets_and_pages(sandbox):
    sandbox.qapi(CERT, key="DEMO-API-KEY", user_id="demo_shop", pwd="demo-pass")
    _get(
        sandbox.base,
        {
            "method": "CommonInfoLookup.SearchBrand",
            "key": "SECRET-SAK",
            "keyword": "zz",
        },
    )
    log = sandbox.control("/_sandbox/calls?since=0")
    assert [c["method"] for c in log["calls"]] == [CERT, "CommonInfoLookup.SearchBrand"]
    first, second = log["calls"]
    assert first["params"]["pwd"] == "***" and first["params"]["user_id"] == "demo_shop"
    assert second["params"]["key"] == "***" and second["params"]["keyword"] == "zz"
    assert "demo-pass" not in json.dumps(log) and "SECRET-SAK" not in json.dumps(log)
    assert log["next"] == second["seq"] and second["seq"] == first["seq"] + 1
    assert sandbox.control("/_sandbox/calls?since=%d" % log["next"])["calls"] == []
    sandbox.control("/_sandbox/calls/clear", {})
    assert sandbox.control("/_sandbox/calls?since=0")["calls"] == []


def test_xml_return_type(sandbox):
    key = sandbox.issue_key()
    status, body = sandbox.qapi_raw(
        "CommonInfoLookup.SearchBrand",
        key=key,
        keyword="example",
        returnType="text/xml",
    )
    assert status == 200 and body.startswith("<?xml")
    assert (
        "<ResultCode>0</ResultCode>" in body
        and "<M_B_NM>EXAMPLE BRAND</M_B_NM>" in body
    )


def test_form_b_post_with_method_in_body(sandbox):
    key = sandbox.issue_key()
    _s, _c, body = _post(
        sandbox.url + "/GMKT.INC.Front.QAPIService/Giosis.qapi",
        {
            "v": "1.0",
            "method": "CommonInfoLookup.SearchBrand",
            "key": key,
            "keyword": "a",
        },
    )
    assert json.loads(body)["ResultCode"] == 0
    log = sandbox.control("/_sandbox/calls?since=0")["calls"]
    assert (
        log[-1]["form"] == "B" and log[-1]["method"] == "CommonInfoLookup.SearchBrand"
    )


def test_clock_advance_moves_key_expiry(sandbox):
    sandbox.control("/_sandbox/clock", {"now": "2026-01-01 00:00:00"})
    key = sandbox.issue_key()
    res = sandbox.control("/_sandbox/clock", {"advance_seconds": 365 * 86400 - 1})
    assert res["now"] == "2026-12-31 23:59:59"
    assert sandbox.qapi("CommonInfoLookup.SearchBrand", key=key)["ResultCode"] == 0
    sandbox.control("/_sandbox/clock", {"advance_seconds": 1})
    assert sandbox.qapi("CommonInfoLookup.SearchBrand", key=key)["ResultCode"] == -90004


def test_revoked_key_is_unknown(sandbox):
    key = sandbox.issue_key()
    sandbox.control("/_sandbox/keys", {"user_id": "demo_shop", "revoke": True})
    assert sandbox.qapi("CommonInfoLookup.SearchBrand", key=key)["ErrorCode"] == -90001
