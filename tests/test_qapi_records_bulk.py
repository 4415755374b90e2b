"""Bulk write answers → one RowResult per row sent, for order and item bulks."""

from qapi_loader import load_fixture, load_submodule

parser = load_submodule("parser")
bulk = load_submodule("bulk")


# --- bulk results -------------------------------------------------------------------------------------------
def _envelope(name):
    response = load_fixture(name)["response"]
    return parser.Envelope(
        response["ResultCode"], response["ResultMsg"], response.get("ResultObject")
    )


def test_seller_check_bulk_results():
    results = bulk.read_order_results(
        _envelope("ShippingBasic.SetSellerCheckYNBulk"),
        [],
        ["1062428737", "1062428738"],
    )
    assert [(r.key, r.ok, r.code) for r in results] == [
        ("1062428737", True, 0),
        ("1062428738", False, -10012),
    ]
    assert results[1].message == "(already seller-confirmed)"
    assert results[1].raw["cont_no"] == 1062428738


def test_sending_bulk_results_use_contr_no():
    results = bulk.read_order_results(
        _envelope("ShippingBasic.SetSendingInfoBulk"), [], ["1062428738", "1062428737"]
    )
    assert [(r.key, r.ok) for r in results] == [
        ("1062428738", True),
        ("1062428737", True),
    ]


def test_order_bulk_row_missing_from_answer_is_not_ok():
    results = bulk.read_order_results(
        _envelope("ShippingBasic.SetSendingInfoBulk"), [], ["1062428737", "999"]
    )
    assert results[0].ok and not results[1].ok


def test_item_bulk_success_marks_every_row_ok():
    results = bulk.read_item_results(
        _envelope("ItemsOrder.SetGoodsPriceQtyBulk"), [{}], ["1"]
    )
    assert [(r.key, r.ok, r.code) for r in results] == [("1", True, 0)]


def test_item_bulk_partial_failure_without_detail_fails_every_row():
    env = parser.Envelope(
        -1, "failed", {"Count": 1, "Keys": {"Count": 1}, "Values": {"Count": 1}}
    )
    payloads = [{"ItemCode": "1"}, {"ItemCode": "2"}]
    results = bulk.read_item_results(env, payloads, ["1", "2"])
    assert [(r.ok, r.code) for r in results] == [(False, -1), (False, -1)]


def test_item_bulk_partial_failure_with_keys_and_values():
    env = parser.Envelope(
        -1, "failed", {"Count": 1, "Keys": ["2"], "Values": ["Qty error"]}
    )
    payloads = [{"ItemCode": "1"}, {"ItemCode": "2"}]
    results = bulk.read_item_results(env, payloads, ["1", "2"])
    assert [(r.key, r.ok) for r in results] == [("1", True), ("2", False)]
    assert results[1].message == "Qty error"


def test_item_bulk_partial_failure_with_row_list():
    rows = [
        {"ItemCode": "1", "ResultCode": 0, "ResultMsg": "SUCCESS"},
        {"ItemCode": "2", "ResultCode": -10001, "ResultMsg": "not found"},
    ]
    env = parser.Envelope(-1, "failed", rows)
    results = bulk.read_item_results(
        env, [{"ItemCode": "1"}, {"ItemCode": "2"}], ["1", "2"]
    )
    assert [(r.ok, r.code) for r in results] == [(True, 0), (False, -10001)]


def test_item_bulk_partial_failure_with_indexed_details():
    """Rows of one item share ItemCode: the row ``Index`` decides which option failed."""
    details = [
        {
            "Index": 0,
            "ItemCode": "1",
            "OptionCode": "1-S",
            "ResultCode": 0,
            "ResultMsg": "SUCCESS",
        },
        {
            "Index": 1,
            "ItemCode": "1",
            "OptionCode": "1-M",
            "ResultCode": -10101,
            "ResultMsg": "no option",
        },
    ]
    env = parser.Envelope(
        -1,
        "1 of 2 rows failed.",
        {"Count": 2, "Keys": {"Count": 2}, "Details": details},
    )
    payloads = [
        {"ItemCode": "1", "OptionCode": "1-S"},
        {"ItemCode": "1", "OptionCode": "1-M"},
    ]
    results = bulk.read_item_results(env, payloads, ["1", "1"])
    assert [(r.ok, r.code, r.message) for r in results] == [
        (True, 0, "SUCCESS"),
        (False, -10101, "no option"),
    ]


def test_item_bulk_rows_matched_by_option_code_without_index():
    rows = [
        {"ItemCode": "1", "OptionCode": "1-M", "ResultCode": -10101, "ResultMsg": "x"}
    ]
    env = parser.Envelope(-1, "failed", rows)
    payloads = [
        {"ItemCode": "1", "OptionCode": "1-S"},
        {"ItemCode": "1", "OptionCode": "1-M"},
    ]
    results = bulk.read_item_results(env, payloads, ["1", "1"])
    assert [r.ok for r in results] == [True, False]
