"""Who funds a discount and when Qoo10 settles, without a database (``mappers.py``).

The settlement date rule (SETTLEMENT.md 4.1): a line delivered on day D waits the days
of the seller's grade, then is settled on the first Wednesday from D + days. Dates are
worked out by hand from a calendar here, not with the function under test.
"""

from datetime import date
from decimal import Decimal

import pytest
from qapi_loader import load_submodule
from test_mappers import mappers, row

const = load_submodule("const")
WEDNESDAY = const.SETTLEMENT_WEEKDAY


def settles(delivered, grade="general"):
    return mappers.expected_settlement_date(
        delivered, const.SETTLEMENT_WAIT_DAYS[grade], WEDNESDAY
    )


def test_wednesday_is_the_settlement_day_and_grades_wait_15_10_5_days():
    assert date(2026, 12, 2).weekday() == WEDNESDAY
    assert const.SETTLEMENT_WAIT_DAYS == {"general": 15, "excellent": 10, "power": 5}


@pytest.mark.parametrize(
    ("delivered", "grade", "expected"),
    [
        # Thu 26 Nov + 15 = Fri 11 Dec -> Wed 16 Dec
        (date(2026, 11, 26), "general", date(2026, 12, 16)),
        # Thu 26 Nov + 10 = Sun 6 Dec -> Wed 9 Dec
        (date(2026, 11, 26), "excellent", date(2026, 12, 9)),
        # Thu 26 Nov + 5 = Tue 1 Dec -> Wed 2 Dec
        (date(2026, 11, 26), "power", date(2026, 12, 2)),
        # Mon 16 Nov + 15 = Tue 1 Dec -> Wed 2 Dec
        (date(2026, 11, 16), "general", date(2026, 12, 2)),
        # Tue 17 Nov + 15 = Wed 2 Dec: settled that very Wednesday
        (date(2026, 11, 17), "general", date(2026, 12, 2)),
        # Wed 18 Nov + 15 = Thu 3 Dec -> Wed 9 Dec
        (date(2026, 11, 18), "general", date(2026, 12, 9)),
        # across the year: Mon 21 Dec + 15 = Tue 5 Jan -> Wed 6 Jan 2027
        (date(2026, 12, 21), "general", date(2027, 1, 6)),
    ],
)
def test_first_wednesday_after_the_wait(delivered, grade, expected):
    assert settles(delivered, grade) == expected
    assert expected.weekday() == WEDNESDAY


def test_no_date_without_a_delivery_or_a_wait():
    assert mappers.expected_settlement_date(None, 15, WEDNESDAY) is None
    assert mappers.expected_settlement_date(date(2026, 11, 26), None, WEDNESDAY) is None


def cart(*lines, **cart_amounts):
    """Rows of one cart; the cart amounts go on its first row, as Qoo10 sends them."""
    rows = []
    for index, changes in enumerate(lines):
        extra = cart_amounts if index == 0 else {}
        rows.append(row(orderNo=str(1000 + index), **changes, **extra))
    return rows


def test_line_discount_splits_into_seller_and_qoo10_parts():
    (line,) = cart({"total": "2800", "discount": "200", "SellerDiscount": "50"})
    assert mappers.line_funding([line]) == {"1000": (Decimal(50), Decimal(150))}


def test_seller_discount_beyond_the_line_discount_is_not_counted_twice():
    """S8 reads SellerDiscount as the cart coupon's seller part on some rows: a seller
    discount over a line's own discount is capped by it, the coupon counts once."""
    rows = cart(
        {"total": "3000", "discount": "0", "SellerDiscount": "300"},
        Cart_Discount_Seller="300",
    )
    assert mappers.line_funding(rows) == {"1000": (Decimal(300), Decimal(0))}


def test_cart_coupons_are_shared_over_the_lines_by_their_totals():
    rows = cart(
        {"total": "1000", "discount": "0", "SellerDiscount": "0"},
        {"total": "3000", "discount": "100", "SellerDiscount": "0"},
        Cart_Discount_Seller="201",
        Cart_Discount_Qoo10="100",
    )
    funding = mappers.line_funding(rows)
    assert funding == {
        "1000": (Decimal(50), Decimal(25)),
        "1001": (Decimal(151), Decimal(100 + 75)),
    }


def test_order_amounts_paid_and_funded():
    rows = cart(
        {"total": "2800", "discount": "200", "SellerDiscount": "50"},
        {"total": "1000", "discount": "0", "SellerDiscount": "0"},
        ShippingRate="600",
        Cart_Discount_Seller="300",
        Cart_Discount_Qoo10="100",
    )
    amounts = mappers.order_amounts(rows)
    assert amounts == {
        "amount_total": 2800 + 1000 + 600 - 300 - 100,
        "amount_seller_funded": 50 + 300,
        "amount_qoo10_funded": 150 + 100,
    }
    # the sale order, at the seller's prices less the seller's discounts:
    gross = 3000 + 1000 + 600
    assert gross - amounts["amount_seller_funded"] == (
        amounts["amount_total"] + amounts["amount_qoo10_funded"]
    )


def test_cents_are_kept_outside_japan():
    rows = cart(
        {"total": "10", "discount": "0", "SellerDiscount": "0", "Currency": "SGD"},
        {"total": "20", "discount": "0", "SellerDiscount": "0", "Currency": "SGD"},
        Cart_Discount_Qoo10="1",
    )
    funding = mappers.line_funding(rows)
    assert funding["1000"][1] == Decimal("0.33")
    assert sum(qoo10 for _seller, qoo10 in funding.values()) == Decimal(1)
