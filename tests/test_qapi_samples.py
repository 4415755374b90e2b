"""Every payload in ``../shared/qoo10/samples`` through the client's parser and normalisers,
and every request the client builds compared with the sample request of that method.

CI provides ``../shared``; when it is missing these tests FAIL (they do not skip).
"""

import json
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from qapi_loader import FIXTURES_DIR, SHARED_SAMPLES_DIR, load_qapi, load_submodule

qapi = load_qapi()
parser = load_submodule("parser")
records = load_submodule("records")
bulk = load_submodule("bulk")
convert = load_submodule("convert")

TZ = "Asia/Tokyo"
SAMPLE_FILES = (
    "CertificationAPI.CreateCertificationKey",
    "Claim.SetCancelProcess",
    "Claim.SetClaimAccept",
    "Claim.SetClaimRedelivery",
    "CommonInfoLookup.SearchBrand",
    "ItemsBasic.EditGoodsStatus",
    "ItemsLookup.GetAllGoodsInfo",
    "ItemsLookup.GetGoodsInventoryInfo",
    "ItemsLookup.GetGoodsOptionInfo",
    "ItemsLookup.GetItemDetailInfo",
    "ItemsLookup.GetSellerDeliveryGroupInfo",
    "ItemsLookup.RequestFileDownload",
    "ItemsOptions.EditGoodsInventory",
    "ItemsOptions.UpdateInventoryDataBulk",
    "ItemsOptions.UpdateInventoryQtyPlusUnit",
    "ItemsOptions.UpdateInventoryQtyUnit",
    "ItemsOrder.SetGoodsPriceQty",
    "ItemsOrder.SetGoodsPriceQtyBulk",
    "ShippingBasic.GetClaimInfo_V3",
    "ShippingBasic.GetSellingReportDeliveryFeeDetailList",
    "ShippingBasic.GetSellingReportDetailList",
    "ShippingBasic.GetSellingReportDiscountFeeDetailList",
    "ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2",
    "ShippingBasic.GetShippingInfo_v2",
    "ShippingBasic.GetShippingInfo_v3",
    "ShippingBasic.SetSellerCheckYNBulk",
    "ShippingBasic.SetSellerCheckYN_V2",
    "ShippingBasic.SetSendingInfo",
    "ShippingBasic.SetSendingInfoBulk",
)
SETTLEMENT_XML = {name for name in SAMPLE_FILES if "GetSellingReport" in name}


def sample(name):
    path = SHARED_SAMPLES_DIR / ("%s.json" % name)
    if not SHARED_SAMPLES_DIR.is_dir():
        pytest.fail(
            "Qoo10 sample payloads not found at %s: CI must provide ../shared next to the "
            "repository (shared/qoo10/samples)" % SHARED_SAMPLES_DIR
        )
    if not path.is_file():
        pytest.fail("sample %s is missing from %s" % (path.name, SHARED_SAMPLES_DIR))
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def test_shared_samples_directory_is_present_and_complete():
    assert SHARED_SAMPLES_DIR.is_dir(), (
        "expected the Qoo10 samples at %s (../shared/qoo10/samples)"
        % SHARED_SAMPLES_DIR
    )
    found = {p.stem for p in SHARED_SAMPLES_DIR.glob("*.json")} - {
        "_envelopes-and-errors"
    }
    assert found == set(SAMPLE_FILES), "new or removed samples: update SAMPLE_FILES"


@pytest.mark.parametrize(
    "path", sorted(FIXTURES_DIR.glob("*.json")), ids=lambda p: p.stem
)
def test_fixture_copies_match_shared_samples(path):
    shared = sample(path.stem) if path.stem != "_envelopes-and-errors" else None
    if shared is None:
        shared = _envelopes()
    assert json.loads(path.read_text(encoding="utf-8")) == shared


def _envelopes():
    return sample("_envelopes-and-errors")


# --- responses ---------------------------------------------------------------------------------------
def responses(data):
    """(label, payload) of every response envelope in a sample file."""
    found = []
    for key, value in data.items():
        if not key.startswith("response"):
            continue
        for payload in value if isinstance(value, list) else [value]:
            if isinstance(payload, dict) and (
                {"ResultCode", "ErrorCode"} & set(payload)
            ):
                clean = {k: v for k, v in payload.items() if not k.startswith("_")}
                found.append((key, clean))
    return found


def expected_error(code):
    if code in (-90001, -90004, -90005, -10000, -90000):
        return qapi.Qoo10AuthError
    if code in (-90002, -90003):
        return qapi.Qoo10PermissionError
    return qapi.Qoo10BusinessError


def _rows(envelope):
    return parser.result_rows(envelope.result)


def _order_lines(version):
    def normalise(envelope):
        lines = [records.parse_order_line(r, TZ, version) for r in _rows(envelope)]
        for line in lines:
            assert line.order_no.isdigit() and line.pack_no.isdigit()
            assert line.status in (1, 2, 3, 4, 5)
            assert line.order_date.tzinfo is not None
            assert line.total == line.unit_price * line.qty - line.discount
            assert line.seller_item_code
        return lines

    return normalise


def _claims(envelope):
    claims = [records.parse_claim(r, TZ) for r in _rows(envelope)]
    assert all(
        c.claim_status in (1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16) for c in claims
    )
    return claims


def _items(envelope):
    result = envelope.result
    rows = result["Items"] if isinstance(result, dict) else _rows(envelope)
    items = [records.parse_item(r) for r in rows]
    assert all(i.item_code and i.seller_code and i.status for i in items)
    return items


def _options(envelope):
    options = [records.parse_option(r, "1", "S") for r in _rows(envelope)]
    assert all(
        o.option_code and o.names and len(o.names) == len(o.values) for o in options
    )
    return options


def _order_bulk(envelope):
    keys = [
        convert.text(r.get("cont_no") or r.get("contr_no")) for r in _rows(envelope)
    ]
    results = bulk.read_order_results(envelope, [], keys)
    assert [r.key for r in results] == keys
    return results


def _item_bulk(envelope):
    results = bulk.read_item_results(envelope, [{"ItemCode": "1"}], ["1"])
    assert results[0].ok
    return results


def _text_result(envelope):
    assert isinstance(envelope.result, str) and envelope.result
    return [envelope.result]


NORMALISERS = {
    "CertificationAPI.CreateCertificationKey": _text_result,
    "ShippingBasic.GetShippingInfo_v2": _order_lines("v2"),
    "ShippingBasic.GetShippingInfo_v3": _order_lines("v3"),
    "ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2": _order_lines("v2-single"),
    "ShippingBasic.GetClaimInfo_V3": _claims,
    "ShippingBasic.SetSellerCheckYNBulk": _order_bulk,
    "ShippingBasic.SetSendingInfoBulk": _order_bulk,
    "ItemsLookup.GetAllGoodsInfo": _items,
    "ItemsLookup.GetItemDetailInfo": _items,
    "ItemsLookup.GetGoodsInventoryInfo": _options,
    "ItemsOrder.SetGoodsPriceQtyBulk": _item_bulk,
    "ItemsOptions.UpdateInventoryDataBulk": _item_bulk,
}


@pytest.mark.parametrize("name", sorted(set(SAMPLE_FILES) - SETTLEMENT_XML))
def test_every_sample_response_parses(name):
    data = sample(name)
    found = responses(data)
    assert found, "no response envelope in %s" % name
    for label, payload in found:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        code = payload.get("ErrorCode", payload.get("ResultCode"))
        if code:
            with pytest.raises(expected_error(code)) as info:
                parser.check(parser.parse_response(200, body, name), name)
            assert info.value.code == code, label
            continue
        envelope = parser.check(parser.parse_response(200, body, name), name)
        assert envelope.code == 0
        if name in NORMALISERS:
            assert NORMALISERS[name](envelope), "%s %s normalised to nothing" % (
                name,
                label,
            )
        else:
            parser.result_rows(envelope.result)


@pytest.mark.parametrize("name", sorted(SETTLEMENT_XML))
def test_settlement_report_xml_has_no_envelope(name):
    """GetSellingReport* answer a bare XmlDocument (QAPI.md §3.1.4): not read by this client."""
    body = sample(name)["response"]["_raw_xml_body"]
    with pytest.raises(qapi.Qoo10ResponseError):
        parser.parse_response(200, body, name)


def test_v2_status_labels_sample():
    labels = sample("ShippingBasic.GetShippingInfo_v2")["status_labels"]
    assert [convert.code_from_label(label) for label in labels] == [1, 2, 3, 4, 5]


def test_sg_inventory_extra_fields_do_not_disturb_options():
    data = sample("ItemsLookup.GetGoodsInventoryInfo")
    row = dict(data["response"]["ResultObject"][0], **data["sg_extra_fields_example"])
    option = records.parse_option(row, "1", "S")
    assert option.option_code == "TSHIRT-001-BLK-M" and option.qty == 30


@pytest.mark.parametrize(
    "label",
    ["success_with_object", "success_without_object", "empty_search_result"],
)
def test_envelope_samples_success(label):
    envelope = parser.parse_response(200, json.dumps(_envelopes()[label]), "X.Y")
    assert envelope.code == 0
    assert parser.result_rows(envelope.result) == []


@pytest.mark.parametrize(
    "label, cls, expired",
    [
        ("method_level_error", qapi.Qoo10AuthError, False),
        ("key_expired", qapi.Qoo10AuthError, True),
        ("gateway_error_envelope_invalid_key", qapi.Qoo10AuthError, False),
    ],
)
def test_envelope_samples_errors(label, cls, expired):
    payload = {k: v for k, v in _envelopes()[label].items() if not k.startswith("_")}
    with pytest.raises(cls) as info:
        parser.check(parser.parse_response(200, json.dumps(payload), "X.Y"), "X.Y")
    assert info.value.expired is expired


def test_envelope_samples_routing_text():
    bodies = _envelopes()["routing_error_plain_text_bodies"]
    assert bodies
    for body in bodies:
        with pytest.raises(qapi.Qoo10RoutingError):
            parser.parse_response(_envelopes()["http_status"], body, "X.Y")


# --- requests: what the client sends vs the sample request of each method --------------------------------
class RecordingSession:
    def __init__(self, body):
        self.body = body
        self.requests = []

    def post(self, url, data=None, headers=None, timeout=None):
        self.requests.append(
            SimpleNamespace(url=url, data=dict(data), headers=dict(headers))
        )
        return SimpleNamespace(status_code=200, content=self.body, headers={})


def sent(name, action, response=None):
    """(request sent by the client, sample form-A request) for method ``name``."""
    data = sample(name)
    request = data.get("request_form_A_post") or data["request"]
    body = json.dumps(response or data["response"], ensure_ascii=False).encode("utf-8")
    session = RecordingSession(body)
    key = request["headers"]["GiosisCertificationKey"]
    base = request["url"].rsplit("/", 1)[0]
    client = qapi.Qoo10Client(base, seller_key=key, session=session, min_interval=0)
    action(client)
    (req,) = session.requests
    assert req.url == request["url"]
    for header, value in request["headers"].items():
        assert req.headers[header] == value, header
    return req.data, request["form"]


def _json_field(form, name):
    return json.loads(form.pop(name))


SAME_FORM = {
    "CommonInfoLookup.SearchBrand": lambda c: c.search_brand("call api test"),
    "ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2": lambda c: c.get_order(
        1062428737
    ),
    "ShippingBasic.SetSellerCheckYN_V2": lambda c: c.set_seller_check(
        "1062428737", date(2025, 3, 4), delay_type=1
    ),
    "ShippingBasic.SetSendingInfo": lambda c: c.set_sending_info(
        "1062428737", "ヤマト宅急便", "123456789012"
    ),
    "Claim.SetCancelProcess": lambda c: c.cancel_order_line(
        "1062428738", memo="在庫切れのためキャンセルさせていただきます"
    ),
    "ItemsLookup.GetAllGoodsInfo": lambda c: c.get_all_items("S2"),
    "ItemsLookup.GetItemDetailInfo": lambda c: c.get_item_detail(
        "1000123456", "TSHIRT-001"
    ),
    "ItemsLookup.GetGoodsInventoryInfo": lambda c: c.get_inventory(
        "1000123456", "TSHIRT-001"
    ),
    "ItemsOrder.SetGoodsPriceQty": lambda c: c.set_goods_price_qty(
        "1000123999", "CAP-002", 25
    ),
    "ItemsOptions.UpdateInventoryQtyUnit": lambda c: c.update_inventory_qty(
        "1000123456",
        "TSHIRT-001",
        "カラー||*サイズ",
        "ブラック||*M",
        "TSHIRT-001-BLK-M",
        28,
    ),
}


@pytest.mark.parametrize("name", sorted(SAME_FORM))
def test_client_request_equals_sample_request(name):
    ours, theirs = sent(name, SAME_FORM[name])
    assert ours == theirs


def test_certification_request_equals_sample():
    def action(client):
        client.seller_key = None
        assert client.create_certification_key(
            "APIKEY_EXAMPLE_abcdef0123456789_g_3_", "my_qsm_login_id", "my_qsm_password"
        )

    ours, theirs = sent("CertificationAPI.CreateCertificationKey", action)
    assert ours == theirs


def test_shipping_v3_request_matches_sample():
    ours, theirs = sent(
        "ShippingBasic.GetShippingInfo_v3",
        lambda c: c.get_shipping_info(
            3, date(2025, 3, 1), date(2025, 3, 7), condition=2
        ),
    )
    assert set(ours) == set(theirs)
    assert (ours["ShippingStatus"], ours["SearchCondition"]) == ("3", "2")
    # the sample sends yyyyMMdd; the client always sends yyyyMMddHHmmss (both documented)
    assert ours["SearchStartDate"] == theirs["SearchStartDate"] + "000000"
    assert ours["SearchEndDate"] == theirs["SearchEndDate"] + "235959"


def test_shipping_v2_request_matches_sample():
    data = sample("ShippingBasic.GetShippingInfo_v2")
    theirs = data["request_form_A_post"]["form"]
    ours, _ = sent(
        "ShippingBasic.GetShippingInfo_v2",
        lambda c: c.get_shipping_info(
            int(theirs["ShippingStat"]),
            datetime(2025, 3, 1),
            datetime(2025, 3, 2),
            version="v2",
        ),
    )
    assert set(ours) == set(theirs)
    assert ours["ShippingStat"] == theirs["ShippingStat"]


def test_claims_request_matches_sample():
    ours, theirs = sent(
        "ShippingBasic.GetClaimInfo_V3",
        lambda c: c.get_claims(
            date(2025, 3, 1), date(2025, 3, 7), claim_status=1, condition=2
        ),
    )
    assert set(ours) == set(theirs)
    assert (ours["ClaimStat"], ours["search_condition"]) == ("1", "2")
    assert ours["search_Sdate"].startswith(theirs["search_Sdate"])


def test_seller_check_bulk_request_matches_sample():
    rows = [
        {"order_no": "1062428737", "est_ship_date": date(2025, 3, 4)},
        {
            "order_no": "1062428738",
            "est_ship_date": date(2025, 3, 10),
            "delay_type": 3,
            "delay_memo": "お客様のご要望",
        },
    ]
    ours, theirs = sent(
        "ShippingBasic.SetSellerCheckYNBulk", lambda c: c.set_seller_check_bulk(rows)
    )
    assert _json_field(ours, "SendPlanDtInfoJson") == _json_field(
        theirs, "SendPlanDtInfoJson"
    )
    assert ours == theirs


def test_sending_bulk_request_matches_sample():
    rows = [
        {"order_no": no, "shipping_corp": "ヤマト宅急便", "tracking_no": "123456789012"}
        for no in ("1062428737", "1062428738")
    ]
    ours, theirs = sent(
        "ShippingBasic.SetSendingInfoBulk", lambda c: c.set_sending_info_bulk(rows)
    )
    assert _json_field(ours, "ShippingInfoJson") == _json_field(
        theirs, "ShippingInfoJson"
    )
    assert ours == theirs


def test_inventory_bulk_request_matches_sample():
    rows = [
        {
            "item_code": "1000123456",
            "seller_code": "TSHIRT-001",
            "option_name": "カラー||*サイズ",
            "option_value": "ブラック||*" + size,
            "option_code": "TSHIRT-001-BLK-" + size,
            "qty": qty,
            "price": price,
        }
        for size, qty, price in (("M", 28, 0), ("L", 11, 100))
    ]
    ours, theirs = sent(
        "ItemsOptions.UpdateInventoryDataBulk",
        lambda c: c.update_inventory_data_bulk(rows),
    )
    assert _json_field(ours, "ItemInfoJson") == _json_field(theirs, "ItemInfoJson")
    assert ours == theirs


def test_price_qty_bulk_request_leaves_out_expire_date_and_tax_rate():
    """Deliberate deviation from the sample: never send ExpireDate (an empty one resets the
    sale end, QAPI.md §9.2) nor TaxRate (not managed by the connector)."""
    rows = [
        {"item_code": "1000123999", "seller_code": "CAP-002", "qty": 25, "price": 1500}
    ]
    ours, theirs = sent(
        "ItemsOrder.SetGoodsPriceQtyBulk", lambda c: c.set_goods_price_qty_bulk(rows)
    )
    (our_row,) = _json_field(ours, "ItemInfoJson")
    (their_row,) = _json_field(theirs, "ItemInfoJson")
    assert our_row == {
        k: v for k, v in their_row.items() if k not in ("ExpireDate", "TaxRate")
    }
    assert ours == theirs


def test_price_qty_with_price_leaves_out_expire_date_and_tax_rate():
    data = sample("ItemsOrder.SetGoodsPriceQty")
    theirs = data["request_with_price"]["form"]
    ours, _ = sent(
        "ItemsOrder.SetGoodsPriceQty",
        lambda c: c.set_goods_price_qty("1000123999", "CAP-002", 25, price=1500),
    )
    assert ours == {
        k: v for k, v in theirs.items() if k not in ("ExpireDate", "TaxRate")
    }
