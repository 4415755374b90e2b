"""Shared by the sandbox order, order-write and claim suites: one shop with one cart.

Plain functions (no fixtures), so importing them does not redefine any fixture.
"""

NOW = "2026-11-28 10:00:00"
V3 = "ShippingBasic.GetShippingInfo_v3"
V2 = "ShippingBasic.GetShippingInfo_v2"
BY_NO = "ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2"
CLAIMS = "ShippingBasic.GetClaimInfo_V3"


def open_shop(sandbox):
    """Sandbox with a frozen clock, a key and one two-line cart in status 2."""
    """Sandbox with a frozen clock, a key and one two-line cart in status 2."""
    sandbox.control("/_sandbox/clock", {"now": NOW})
    sandbox.key = sandbox.issue_key()
    sandbox.cart = sandbox.control(
        "/_sandbox/orders",
        {
            "user_id": "demo_shop",
            "carts": [
                {
                    "pack_no": 512345678,
                    "status": 2,
                    "order_date": "2026-11-27 10:15:22",
                    "payment_date": "2026-11-27 10:16:05",
                    "buyer": {
                        "name": "山田 太郎",
                        "kana": "ヤマダ タロウ",
                        "email": "buyer@example.com",
                        "phone": "03-1234-5678",
                        "mobile": "090-1234-5678",
                    },
                    "receiver": {
                        "name": "山田 花子",
                        "kana": "ヤマダ ハナコ",
                        "zip": "150-0043",
                        "addr1": "東京都渋谷区道玄坂",
                        "addr2": "1-2-3 サンプルビル101",
                        "phone": "03-1234-5678",
                        "mobile": "",
                        "country": "JP",
                    },
                    "shipping_rate": 550,
                    "shipping_rate_type": "Charge",
                    "cart_discount_qoo10": 100,
                    "message": "置き配希望",
                    "lines": [
                        {
                            "order_no": 1062428737,
                            "seller_item_code": "TSHIRT-001",
                            "option_code": "TSHIRT-001-BLK-M",
                            "option": "カラー:ブラック / サイズ:M",
                            "title": "Tシャツ ベーシック",
                            "price": 1980,
                            "qty": 2,
                            "discount": 200,
                        },
                        {
                            "order_no": 1062428738,
                            "seller_item_code": "CAP-002",
                            "title": "キャップ",
                            "price": 1500,
                            "qty": 1,
                            "option_price": 0,
                            "seller_discount": 0,
                        },
                    ],
                }
            ],
        },
    )["carts"][0]
    return sandbox


def v3(sb, status="", start="20261127", end="20261127", cond="1"):
    return sb.qapi(
        V3,
        key=sb.key,
        ShippingStatus=status,
        SearchStartDate=start,
        SearchEndDate=end,
        SearchCondition=cond,
    )


def v2(sb, status="2", start="20261127", end="20261127", cond="1"):
    return sb.qapi(
        V2,
        key=sb.key,
        ShippingStat=status,
        search_Sdate=start,
        search_Edate=end,
        search_condition=cond,
    )


def order_state(sb, order_no):
    return sb.control("/_sandbox/state?user_id=demo_shop&order_no=%s" % order_no)[
        "orders"
    ][str(order_no)]
