"""Qoo10Client catalogue reads against the sandbox over HTTP: statuses, pages, options of
both kinds, a removed listing and an item whose lookup fails."""

from qapi_sandbox_helpers import OPTIONS, USER, calls


def _items(sbx, items):
    made = sbx.control("/_sandbox/items", {"user_id": USER, "items": items})["items"]
    return [row["item_code"] for row in made]


def test_all_statuses_and_pages(sbx, client):
    items = [{"seller_code": "P-%04d" % n, "status": "S2"} for n in range(1, 503)]
    items += [
        {"seller_code": "H-1", "status": "S1"},
        {"seller_code": "X-1", "status": "S5"},
    ]
    _items(sbx, items)
    pages = list(client.iter_item_pages())
    on_sale = [p for p in pages if p.status == "S2"]
    assert [len(p.items) for p in on_sale] == [500, 2]
    assert on_sale[0].total_items == 502
    listings = client.get_all_listings()
    assert len(listings) == 504
    assert {i.status for i in listings} == {"S1", "S2", "S5"}
    asked = {
        c["params"]["ItemStatus"] for c in calls(sbx, "ItemsLookup.GetAllGoodsInfo")
    }
    assert asked == {"S0", "S1", "S2", "S3", "S4", "S5", "S8"}


def test_read_listing_with_and_without_options(sbx, client):
    single = [{"name": "ラッピング", "value": "あり", "price": 200, "code": "WRAP-1"}]
    cap, shirt = _items(
        sbx,
        [
            {"seller_code": "CAP-1", "price": 1500, "qty": 5, "title": "帽子"},
            {
                "seller_code": "TS-1",
                "price": 2000,
                "options": OPTIONS,
                "single_options": single,
            },
        ],
    )
    plain = client.read_listing(client.get_items_page("S2").items[0])
    assert (
        plain.item.item_code,
        plain.item.title,
        plain.item.qty,
        plain.has_options,
    ) == (cap, "帽子", 5, False)
    read = [
        r
        for r in map(client.read_listing, client.get_items_page("S2").items)
        if r.has_options
    ][0]
    assert read.item.item_code == shirt
    assert [
        (o.option_name, o.option_value, o.option_code, o.qty) for o in read.options
    ] == [
        ("Color||*Size", "Red||*S", "TS-R-S", 3),
        ("Color||*Size", "Red||*M", "TS-R-M", 4),
    ]
    assert [(o.option_code, o.kind) for o in read.single_options] == [
        ("WRAP-1", "single")
    ]


def test_removed_listing_is_no_longer_returned(sbx, client):
    first, _second = _items(sbx, [{"seller_code": "A"}, {"seller_code": "B"}])
    sbx.control(
        "/_sandbox/items",
        {"user_id": USER, "items": [{"item_code": first, "remove": True}]},
    )
    assert [i.seller_code for i in client.get_all_listings()] == ["B"]


def test_item_whose_detail_fails(sbx, client):
    (code,) = _items(sbx, [{"seller_code": "BAD", "detail_error": "broken item"}])
    item = client.get_items_page("S2").items[0]
    try:
        client.read_listing(item)
    except Exception as error:  # noqa: BLE001 - the class is asserted below
        assert type(error).__name__ == "Qoo10BusinessError"
        assert error.code == -10101 and "broken item" in str(error)
    else:
        raise AssertionError("the failing item was read")
    assert item.item_code == code
