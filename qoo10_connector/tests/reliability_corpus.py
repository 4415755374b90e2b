# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The bad-input corpus: malformed Qoo10 rows, each with the outcome it must have.

Each case is one cart the sandbox serves in one answer with good carts; ``row`` is the
``row_patch`` of its first line (keys of the v3 row set to any JSON value, keys dropped,
the row repeated: see setup/qoo10_sandbox/README.md). ``expect``:

- ``error``: the cart's qoo10.order is in error, without a sale order, and its message
  holds every string of ``says`` (the Qoo10 field and value, in words a user can act on);
- ``unmapped``: the cart waits for a product mapping of the code in ``says``;
- ``done``: the cart becomes a sale order, as Qoo10 meant it (``amount``: its total);
- ``noted``: the row cannot be bound to any cart; the shop's chatter names it.
"""

LONG = "長" * 10000
SCRIPT = "<script>window.qoo10_xss = 1;</script>"


def case(name, expect, row=None, says=(), cart=None, lines=None, amount=None):
    return {
        "name": name,
        "expect": expect,
        "row": row,
        "says": list(says),
        "cart": cart or {},
        "lines": lines,
        "amount": amount,
    }


def drop(*names):
    return {"drop": list(names)}


def put(**values):
    return {"set": values}


MUG = {"seller_item_code": "MUG-001", "price": 800}

CASES = [
    # --- missing fields ---------------------------------------------------------------
    case("no quantity", "error", drop("OrderQty"), ["OrderQty=None"]),
    case("no price", "error", drop("OrderPrice"), ["OrderPrice=None"]),
    case("no total", "error", drop("Total"), ["Total=None"]),
    case("no cart number", "done", drop("PackNo"), amount=800),
    case("no cart nor order number", "noted", drop("PackNo", "OrderNo")),
    case(
        "no address",
        "error",
        drop("Receiver", "ShippingAddress", "Address1", "Address2"),
        ["no delivery address"],
    ),
    case("no currency", "done", drop("Currency"), amount=800),
    case("no product code", "unmapped", drop("SellerItemCode", "OptionCode")),
    case("no status", "error", drop("ShippingStatus"), ["ShippingStatus"]),
    case("no order date", "error", drop("OrderDate"), ["OrderDate"]),
    case("no buyer", "done", drop("Buyer", "BuyerKana"), amount=800),
    case("only numbers", "error", drop(*"ItemNo SellerItemCode Total".split())),
    # --- extra fields ------------------------------------------------------------------
    case("extra fields", "done", put(NewField="x", Nested={"a": [1, 2]}), amount=800),
    # --- wrong types -------------------------------------------------------------------
    case("quantity text", "error", put(OrderQty="abc"), ["OrderQty='abc'"]),
    case("quantity fraction", "error", put(OrderQty=1.5), ["OrderQty=1.5"]),
    case("quantity boolean", "error", put(OrderQty=True), ["OrderQty=True"]),
    case("price with commas", "done", put(OrderPrice="800", Total="8,00"), amount=800),
    case("price null", "error", put(OrderPrice=None), ["OrderPrice=None"]),
    case("total a list", "error", put(Total=[800]), ["Total=[800]"]),
    case("title an object", "done", put(ItemTitle={"ja": "マグ"}), amount=800),
    case("buyer a number", "done", put(Buyer=12345), amount=800),
    # --- quantities and prices ---------------------------------------------------------
    case("zero quantity", "error", put(OrderQty=0), ["quantity 0"]),
    case("negative quantity", "error", put(OrderQty=-2), ["quantity -2"]),
    case("quantity out of range", "error", put(OrderQty=10**10), ["OrderQty="]),
    case(
        "negative price",
        "error",
        put(OrderPrice=-800, Total=-800),
        ["OrderPrice=-800", "negative"],
    ),
    case("negative total", "error", put(Total=-1), ["Total=-1", "negative"]),
    case("price out of range", "error", put(OrderPrice=10**13), ["out of range"]),
    case("free item", "done", put(OrderPrice=0, Total=0), amount=0),
    case(
        "discount above the price",
        "error",
        put(Discount=5000, Total=-4200),
        ["Total=-4200", "negative"],
    ),
    # --- statuses and claim codes ------------------------------------------------------
    case("unknown status", "error", put(ShippingStatus="Teleported(42)"), ["42"]),
    case("status text", "error", put(ShippingStatus="???"), ["ShippingStatus"]),
    case("unknown claim code", "done", put(claimStatus="Unheard Of(77)"), amount=800),
    # --- dates -------------------------------------------------------------------------
    case("broken date", "error", put(OrderDate="2026-13-45 99:99:99"), ["OrderDate"]),
    case("date text", "error", put(OrderDate="yesterday"), ["OrderDate"]),
    case(
        "impossible payment date",
        "error",
        put(PaymentDate="2026-02-30 10:00:00"),
        ["PaymentDate"],
    ),
    case("year 1", "error", put(OrderDate="0001-01-01 00:00:00"), ["OrderDate"]),
    case("year 9999", "error", put(OrderDate="9999-12-31 23:59:59"), ["OrderDate"]),
    # --- long, HTML and script texts ---------------------------------------------------
    case("long buyer", "error", put(Buyer=LONG), ["Buyer=", "longer than 400"]),
    case("long address", "error", put(Address1=LONG), ["Address1=", "longer than"]),
    case("long title", "error", put(ItemTitle=LONG), ["ItemTitle=", "longer than"]),
    case("long zip", "error", put(ZipCode=LONG), ["ZipCode=", "longer than 400"]),
    case("NUL in the name", "error", put(Receiver="山田\x00花子"), ["NUL character"]),
    case(
        "script buyer",
        "done",
        put(Buyer=SCRIPT + "<b>太字</b>"),
        amount=800,
    ),
    case(
        "HTML address",
        "done",
        put(Address2='<img src=x onerror="window.qoo10_xss=2">'),
        amount=800,
    ),
    # --- currency ----------------------------------------------------------------------
    case("other currency", "error", put(Currency="SGD"), ["SGD"]),
    case("currency lower case", "done", put(Currency="jpy"), amount=800),
    case("currency a number", "error", put(Currency=392), ["392"]),
    # --- empty carts and disagreeing lines ---------------------------------------------
    case(
        "empty cart row",
        "error",
        drop(*"ItemNo SellerItemCode OptionCode OrderQty OrderPrice Total".split()),
        ["OrderQty=None"],
    ),
    case(
        "lines disagree on the shipping fee",
        "error",
        None,
        ["ShippingRate"],
        lines=[dict(MUG, row_patch=put(ShippingRate=550)), dict(MUG)],
        cart={"shipping_rate": 880, "shipping_rate_type": "Charge"},
    ),
    case(
        "lines disagree on the currency",
        "error",
        None,
        ["SGD"],
        lines=[dict(MUG), dict(MUG, row_patch=put(Currency="SGD"))],
    ),
    case(
        "lines disagree on the cart coupon",
        "error",
        None,
        ["CartDiscountSeller"],
        lines=[
            dict(MUG),
            dict(MUG, row_patch=put(CartDiscountSeller=300)),
        ],
        cart={"cart_discount_seller": 100},
    ),
    # --- duplicates --------------------------------------------------------------------
    case("row twice in one answer", "done", {"repeat": 2}, amount=800),
]
