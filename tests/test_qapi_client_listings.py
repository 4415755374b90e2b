"""Qoo10Client catalogue reads against a replaying fake session (no network): statuses one
at a time, pages, refused statuses, detail and options, and the uncertain readings of §9.1."""

import pytest
from qapi_fake_session import fail, make_client, method_of, ok, qapi
from qapi_loader import load_fixture


def _page(status_pages):
    """Answers GetAllGoodsInfo from {status: [[codes of page 1], [codes of page 2], ...]}."""

    def answer(request):
        status, number = request.data["ItemStatus"], int(request.data["Page"])
        pages = status_pages.get(status)
        if pages is None:
            return fail(-10001, "ItemStatus is invalid. (S0, S1, S2, S4)")
        codes = pages[number - 1] if number <= len(pages) else []
        items = [
            {"ItemCode": c, "SellerCode": "SC-" + c, "ItemStatus": status}
            for c in codes
        ]
        total = sum(len(p) for p in pages)
        return ok(
            {
                "TotalItems": total,
                "TotalPages": len(pages),
                "PresentPage": number,
                "Items": items,
            }
        )

    return answer


def test_every_status_every_page_and_refused_statuses_skipped():
    client, session = make_client(
        _page({"S1": [["1"]], "S2": [["2", "3"], ["4"]], "S4": [[]]})
    )
    pages = list(client.iter_item_pages(("S0", "S1", "S2", "S4")))
    asked = [(r.data["ItemStatus"], r.data["Page"]) for r in session.requests]
    assert asked == [("S0", "1"), ("S1", "1"), ("S2", "1"), ("S2", "2"), ("S4", "1")]
    assert pages[0].refused and not pages[0].items
    assert [i.item_code for p in pages for i in p.items] == ["1", "2", "3", "4"]
    assert pages[2].total_items == 3 and pages[2].total_pages == 2
    assert pages[3].items[0].status == "S2"


def test_default_statuses_are_all_known_ones():
    client, session = make_client(_page({}))
    assert client.get_all_listings() == []
    assert [r.data["ItemStatus"] for r in session.requests] == list(
        qapi.const.ITEM_STATUSES_READ
    )


def test_bare_list_answer_and_missing_status_are_read():
    """An answer without the page object, and rows without ItemStatus, still read."""
    client, _session = make_client(ok([{"ItemCode": "7", "SellerCode": "X"}]))
    page = client.get_items_page("S2")
    assert (page.total_pages, page.items[0].status, page.items[0].raw) == (
        1,
        "S2",
        {"ItemCode": "7", "SellerCode": "X"},
    )


def test_other_business_error_is_raised():
    client, _session = make_client(fail(-10101, "Processing Error - x"))
    with pytest.raises(qapi.Qoo10BusinessError):
        client.get_items_page("S2")


def test_read_listing_detail_inventory_and_single_options():
    detail = load_fixture("ItemsLookup.GetItemDetailInfo")["response"]["ResultObject"]
    inventory = load_fixture("ItemsLookup.GetGoodsInventoryInfo")["response"][
        "ResultObject"
    ]
    single = load_fixture("ItemsLookup.GetGoodsOptionInfo")["response"]["ResultObject"]
    client, session = make_client(ok(detail), ok(inventory), ok(single))
    row = qapi.Item(item_code="1000123456", seller_code="TSHIRT-001", status="S2")
    read = client.read_listing(row)
    assert [method_of(r) for r in session.requests] == [
        "ItemsLookup.GetItemDetailInfo",
        "ItemsLookup.GetGoodsInventoryInfo",
        "ItemsLookup.GetGoodsOptionInfo",
    ]
    assert (read.item.title, str(read.item.price), read.item.qty) == (
        "Tシャツ ベーシック",
        "1980",
        120,
    )
    assert read.has_options and read.detail_read
    assert read.options[0].option_name == "カラー||*サイズ"
    assert read.options[0].option_value == "ブラック||*M"
    assert (read.options[1].option_code, read.options[1].qty) == (
        "TSHIRT-001-BLK-L",
        12,
    )
    wrap = read.single_options[0]
    assert (wrap.kind, wrap.option_code, wrap.qty, wrap.raw["Name"]) == (
        "single",
        "WRAP-1",
        None,
        "ラッピング",
    )
    assert read.item.raw["ItemTitle"] == "Tシャツ ベーシック"


def test_read_listing_status_without_detail_keeps_the_list_row():
    """-10009 (items other than S1/S2 cannot be read, [U]): no options asked, row kept."""
    client, session = make_client(fail(-10009, "status"))
    row = qapi.Item(item_code="5", seller_code="S5", status="S3")
    read = client.read_listing(row)
    assert (read.detail_read, read.item, read.options) == (False, row, [])
    assert len(session.requests) == 1


def test_read_listing_unknown_item_and_other_errors():
    client, _session = make_client(fail(-10001, "Fail to find Item information"))
    assert client.read_listing(qapi.Item(item_code="9")).detail_read is False
    client, _session = make_client(fail(-10101, "Processing Error - broken"))
    with pytest.raises(qapi.Qoo10BusinessError):
        client.read_listing(qapi.Item(item_code="9"))


def test_single_option_multi_axis_is_kept():
    client, _session = make_client(
        ok([{"Name": "A||*B", "Value": "1||*2", "Price": "0", "OptionCode": ""}])
    )
    option = client.get_single_options(item_code="1")[0]
    assert (option.names, option.values, option.option_value) == (
        ["A", "B"],
        ["1", "2"],
        "1||*2",
    )
