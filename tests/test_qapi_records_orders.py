"""Normalisers: raw Qoo10 rows → OrderLine / Claim, and the date, amount and phone
conversions they use."""

import copy
import dataclasses
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from qapi_loader import load_fixture, load_qapi, load_submodule

qapi = load_qapi()
records = load_submodule("records")
convert = load_submodule("convert")

JST = ZoneInfo("Asia/Tokyo")
SGT = ZoneInfo("Asia/Singapore")

V2_ROWS = load_fixture("ShippingBasic.GetShippingInfo_v2")["response"]["ResultObject"]
V3_ROWS = load_fixture("ShippingBasic.GetShippingInfo_v3")["response"]["ResultObject"]
SINGLE_ROWS = load_fixture("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2")[
    "response"
]["ResultObject"]
CLAIM_ROWS = load_fixture("ShippingBasic.GetClaimInfo_V3")["response"]["ResultObject"]

# QAPI.md §6.6: v3 key → v2 key, written out here independently of records.py.
V3_TO_V2 = {
    "ShippingStatus": "shippingStatus",
    "SellerID": "sellerID",
    "PackNo": "packNo",
    "OrderDate": "orderDate",
    "PaymentDate": "PaymentDate",
    "EstimatedShippingDate": "EstShippingDate",
    "ShippingDate": "ShippingDate",
    "DeliveredDate": "DeliveredDate",
    "Buyer": "buyer",
    "BuyerKana": "buyer_gata",
    "BuyerTel": "buyerTel",
    "BuyerMobile": "buyerMobile",
    "BuyerEmail": "buyerEmail",
    "OrderNo": "orderNo",
    "ItemNo": "itemCode",
    "SellerItemCode": "sellerItemCode",
    "ItemTitle": "itemTitle",
    "Option": "option",
    "OptionCode": "optionCode",
    "OrderPrice": "orderPrice",
    "OrderQty": "orderQty",
    "Discount": "discount",
    "Total": "total",
    "Receiver": "receiver",
    "ReceiverKana": "receiver_gata",
    "ZipCode": "zipCode",
    "ShippingAddress": "shippingAddr",
    "Address1": "Addr1",
    "Address2": "Addr2",
    "ReceiverTel": "receiverTel",
    "ReceiverMobile": "receiverMobile",
    "DesiredDeliveryDate": "hopeDate",
    "SenderName": "senderName",
    "SenderTel": "senderTel",
    "SenderNation": "senderNation",
    "SenderZipCode": "senderZipCode",
    "SenderAddress": "senderAddr",
    "ShippingWay": "ShippingWay",
    "ShippingMessage": "ShippingMsg",
    "PaymentMethod": "PaymentMethod",
    "SellerDiscount": "SellerDiscount",
    "Currency": "Currency",
    "ShippingRate": "ShippingRate",
    "RelatedOrder": "RelatedOrder",
    "ShippingRateType": "shippingRateType",
    "DeliveryCompany": "DeliveryCompany",
    "VoucherCode": "VoucherCode",
    "PackingNo": "PackingNo",
    "SellerDeliveryNo": "SellerDeliveryNo",
    "Gift": "Gift",
    "CartDiscountSeller": "Cart_Discount_Seller",
    "CartDiscountQoo10": "Cart_Discount_Qoo10",
    "SettlePrice": "SettlePrice",
    "BranchName": "BranchName",
    "TrackingNo": "TrackingNo",
}


def line(row, tz="Asia/Tokyo", version="v3"):
    return records.parse_order_line(row, tz, version)


def fields_of(record, skip=("raw", "version")):
    return {
        f.name: getattr(record, f.name)
        for f in dataclasses.fields(record)
        if f.name not in skip
    }


# --- status labels ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "label, code",
    [
        ("On request(2)", 2),
        ("Awaiting shipping(1)", 1),
        ("Seller confirm(3)", 3),
        ("On delivery(4)", 4),
        ("Delivered(5)", 5),
        ("Delivere(5)", 5),
        ("2", 2),
        (" 3 ", 3),
        (4, 4),
        ("Cancel Complete(3)", 3),
        ("Exchange (request)(11)", 11),
        ("Weird (1) label (16)", 16),
        ("", None),
        (None, None),
        ("On request", None),
    ],
)
def test_status_code_from_label(label, code):
    assert convert.code_from_label(label) == code


def test_status_label_on_order_line():
    parsed = line(V2_ROWS[0], version="v2")
    assert parsed.status == 2
    assert parsed.status_label == "On request(2)"


# --- v2 vs v3 -------------------------------------------------------------------------------
def test_v2_and_v3_spellings_give_the_same_order_line():
    v3_row = dict(V3_ROWS[0])
    v2_row = {V3_TO_V2[key]: value for key, value in v3_row.items() if key in V3_TO_V2}
    from_v3 = line(v3_row, version="v3")
    from_v2 = line(v2_row, version="v2")
    # keys that only v3 has (§6.6 "new") are left out of the comparison
    skip = (
        "raw",
        "version",
        "material",
        "available_send_type",
        "available_shipping_date",
    )
    assert fields_of(from_v2, skip) == fields_of(from_v3, skip)
    assert from_v3.order_no == "1062428737"
    assert from_v3.item_code == "1000123456"
    assert from_v3.est_shipping_date == datetime(2025, 3, 4, tzinfo=JST)
    assert from_v3.cart_discount_qoo10 == Decimal(100)
    assert from_v3.address1 == "東京都渋谷区道玄坂"
    assert (from_v2.version, from_v3.version) == ("v2", "v3")


def test_v2_and_v3_samples_agree_on_shared_data():
    v2 = line(V2_ROWS[0], version="v2")
    v3 = line(V3_ROWS[0], version="v3")
    for name in (
        "order_no",
        "pack_no",
        "order_date",
        "payment_date",
        "buyer_name",
        "buyer_kana",
        "buyer_email",
        "receiver_name",
        "receiver_kana",
        "zip_code",
        "address",
        "address1",
        "address2",
        "item_code",
        "seller_item_code",
        "item_title",
        "option_text",
        "option_code",
        "unit_price",
        "qty",
        "discount",
        "total",
        "settle_price",
        "shipping_rate",
        "shipping_rate_type",
        "currency",
        "related_orders",
        "shipping_message",
        "payment_method",
        "cart_discount_qoo10",
    ):
        assert getattr(v2, name) == getattr(v3, name), name


def test_every_v2_sample_key_is_mapped():
    """Each key of the v2 sample row feeds some OrderLine field (nothing silently dropped)."""
    known = {key.lower() for _a, _k, keys in records.ORDER_LINE_FIELDS for key in keys}
    for row in (V2_ROWS[0], V3_ROWS[0], SINGLE_ROWS[0]):
        missing = [key for key in row if key.lower() not in known]
        assert not missing


def test_country_from_shipping_country_else_none():
    assert line(V2_ROWS[0], version="v2").country == "JP"
    assert line(V3_ROWS[0]).country is None


def test_case_insensitive_fallback_lookup():
    row = {"ORDERNO": 77, "shippingstatus": "Seller confirm(3)", "ORDERPRICE": "10"}
    row["cart_discount_seller"] = "5"
    parsed = line(row)
    assert parsed.order_no == "77"
    assert parsed.status == 3
    assert parsed.unit_price == Decimal(10)
    assert parsed.cart_discount_seller == Decimal(5)


def test_exact_spelling_wins_over_fallback():
    parsed = line({"OrderNo": 1, "orderno": 2})
    assert parsed.order_no == "1"


# --- amounts ----------------------------------------------------------------------------------
def test_amounts_are_decimals():
    parsed = line(V2_ROWS[0], version="v2")
    for name in ("unit_price", "discount", "total", "settle_price", "shipping_rate"):
        assert isinstance(getattr(parsed, name), Decimal), name
    assert parsed.unit_price == Decimal("1980")
    assert parsed.total == parsed.unit_price * parsed.qty - parsed.discount
    assert parsed.qty == 2 and isinstance(parsed.qty, int)


def test_string_amounts_with_decimals_and_commas():
    parsed = line(
        {"OrderPrice": "1980.0000", "Total": "1,234.50", "OrderQty": "2.0000"}
    )
    assert parsed.unit_price == Decimal("1980")
    assert parsed.total == Decimal("1234.50")
    assert parsed.qty == 2


def test_missing_or_empty_amounts_are_zero_but_shipping_rate_none_when_absent():
    parsed = line({"OrderNo": 1, "Discount": "", "SettlePrice": None})
    assert parsed.discount == Decimal(0)
    assert parsed.settle_price == Decimal(0)
    assert parsed.unit_price == Decimal(0)
    assert parsed.shipping_rate is None
    assert line({"ShippingRate": ""}).shipping_rate == Decimal(0)
    assert line({"ShippingRate": 600}).shipping_rate == Decimal(600)


def test_float_amounts_are_exact():
    assert line({"SettlePrice": 12.1}).settle_price == Decimal("12.1")


# --- dates ------------------------------------------------------------------------------------
def test_naive_dates_become_aware_in_jst():
    parsed = line(V2_ROWS[0], tz="Asia/Tokyo", version="v2")
    assert parsed.order_date == datetime(2025, 3, 1, 10, 15, 22, tzinfo=JST)
    assert parsed.order_date.utcoffset() == timedelta(hours=9)
    assert parsed.order_date.astimezone(timezone.utc) == datetime(
        2025, 3, 1, 1, 15, 22, tzinfo=timezone.utc
    )


def test_naive_dates_become_aware_in_sgt():
    parsed = line(V2_ROWS[0], tz="Asia/Singapore", version="v2")
    assert parsed.order_date.utcoffset() == timedelta(hours=8)
    assert parsed.order_date.astimezone(timezone.utc).hour == 2


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-03-01 10:15:22", datetime(2025, 3, 1, 10, 15, 22)),
        ("2025-03-01 10:15", datetime(2025, 3, 1, 10, 15)),
        ("2025-03-01", datetime(2025, 3, 1)),
        ("2025-03-01 10:15:22.123", datetime(2025, 3, 1, 10, 15, 22)),
        ("", None),
        ("   ", None),
        (None, None),
        ([], None),
        ("0001-01-01 00:00:00", None),
        ("0001-01-01", None),
        ("not a date", None),
    ],
)
def test_response_date_formats(value, expected):
    parsed = convert.parse_datetime(value, "Asia/Tokyo")
    if expected is None:
        assert parsed is None
    else:
        assert parsed == expected.replace(tzinfo=JST)
        assert parsed.tzinfo is not None


def test_empty_dates_on_order_line_are_none():
    parsed = line(V2_ROWS[0], version="v2")
    assert parsed.shipping_date is None
    assert parsed.delivered_date is None
    assert parsed.est_shipping_date is None


def test_date_search_format_converts_aware_to_shop_time():
    utc_dt = datetime(2026, 11, 27, 15, 30, tzinfo=timezone.utc)
    assert convert.format_search_datetime(utc_dt, "Asia/Tokyo") == "20261128003000"
    assert convert.format_search_datetime(utc_dt, "Asia/Singapore") == "20261127233000"
    naive = datetime(2026, 11, 27, 15, 30)
    assert convert.format_search_datetime(naive, "Asia/Tokyo") == "20261127153000"
    assert (
        convert.format_search_datetime(date(2026, 11, 27), "Asia/Tokyo")
        == "20261127000000"
    )
    end = convert.format_search_datetime(date(2026, 11, 27), "Asia/Tokyo", end=True)
    assert end == "20261127235959"


def test_ship_date_format():
    assert convert.format_ship_date(date(2026, 12, 1), "Asia/Tokyo") == "20261201"
    assert convert.format_ship_date("2026-12-01", "Asia/Tokyo") == "20261201"
    aware = datetime(2026, 11, 30, 16, 0, tzinfo=timezone.utc)
    assert convert.format_ship_date(aware, "Asia/Tokyo") == "20261201"


# --- strings and phones -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [
        ("+81--", ""),
        ("+81-", ""),
        ("", ""),
        (None, ""),
        ("--", ""),
        ("+81-90-1234-5678", "+81-90-1234-5678"),
        (" 03-1234-5678 ", "03-1234-5678"),
        ("+65-6123-4567", "+65-6123-4567"),
    ],
)
def test_phone_normalisation(value, expected):
    assert convert.phone(value) == expected


def test_empty_phones_on_order_line():
    parsed = line(
        {"buyerTel": "+81--", "buyerMobile": "+81-90-1234-5678", "receiverTel": ""}
    )
    assert parsed.buyer_phone == ""
    assert parsed.buyer_mobile == "+81-90-1234-5678"
    assert parsed.receiver_phone == ""


def test_strings_are_stripped_and_numbers_become_strings():
    parsed = line({"buyer": "  山田 太郎 \n", "orderNo": 1062428737, "packNo": 5.0})
    assert parsed.buyer_name == "山田 太郎"
    assert parsed.order_no == "1062428737"
    assert parsed.pack_no == "5"


def test_related_orders_is_a_list():
    parsed = line(V2_ROWS[0], version="v2")
    assert parsed.related_orders == ["1062428737", "1062428738"]
    assert line({"RelatedOrder": ""}).related_orders == []
    assert line({}).related_orders == []


def test_raw_is_the_original_row_unmodified():
    row = copy.deepcopy(V2_ROWS[0])
    before = copy.deepcopy(row)
    parsed = line(row, version="v2")
    assert parsed.raw is row
    assert row == before


# --- single order (GetShippingAndClaimInfoByOrderNo_V2) --------------------------------------------
def test_single_order_row():
    parsed = line(SINGLE_ROWS[0], version="v2-single")
    assert parsed.version == "v2-single"
    assert parsed.status == 4
    assert parsed.delivery_company == "ヤマト宅急便"  # lower-case deliveryCompany
    assert parsed.tracking_no == "123456789012"
    assert parsed.currency == "JPY"
    assert parsed.payment_nation == "JP"
    assert parsed.shipping_date == datetime(2025, 3, 3, 16, 40, tzinfo=JST)
    assert parsed.claim_status is None
    assert parsed.shipping_rate is None  # not in this method (§6.8)
    assert parsed.settle_price == Decimal(0)
    assert parsed.address1 == ""


def test_single_order_claim_fields():
    row = dict(SINGLE_ROWS[0], claimStatus="Cancel requested(1)", reason="在庫切れ")
    row["requestDate"] = "2025-03-02 09:00:00"
    parsed = line(row, version="v2-single")
    assert parsed.claim_status == 1
    assert parsed.claim_reason == "在庫切れ"
    assert parsed.claim_request_date == datetime(2025, 3, 2, 9, tzinfo=JST)


# --- claims -----------------------------------------------------------------------------------------
def test_claim_from_sample():
    claim = records.parse_claim(CLAIM_ROWS[0], "Asia/Tokyo")
    assert claim.order_no == "1062428738"
    assert claim.pack_no == "512345678"
    assert claim.claim_status == 3
    assert claim.claim_label == "3"
    assert claim.group == "cancel"
    assert claim.reason == "お客様都合"
    assert claim.payment_amount == Decimal(1500)
    assert claim.qty == 1
    assert claim.request_date == datetime(2025, 3, 1, 18, 30, tzinfo=JST)
    assert claim.cancel_refund_date == datetime(2025, 3, 2, 9, 12, tzinfo=JST)
    assert claim.raw is CLAIM_ROWS[0]


@pytest.mark.parametrize(
    "value, code",
    [("3", 3), ("Cancel Complete(3)", 3), (6, 6), ("Return Request(4)", 4), ("16", 16)],
)
def test_claim_status_as_code_or_label(value, code):
    claim = records.parse_claim(dict(CLAIM_ROWS[0], claimStatus=value), "Asia/Tokyo")
    assert claim.claim_status == code
    assert claim.claim_label == str(value)


def test_claim_groups():
    const = load_submodule("const")
    assert const.CLAIM_GROUPS["cancel"] == (1, 2, 3, 16)
    assert const.CLAIM_GROUPS["return"] == (4, 5, 6)
    assert const.CLAIM_GROUPS["exchange"] == (11, 12, 13)
    assert const.CLAIM_GROUPS["non_receipt"] == (14, 15)
