"""The Qoo10 world as data: endpoints, method versions, status and error codes.

Every table names the section of ``shared/qoo10/QAPI.md`` it comes from.
Pure Python: nothing here (or anywhere under ``qapi/``) imports Odoo.
"""

# --- Regions (QAPI.md §1.1) -------------------------------------------------
REGION_URLS = {
    "jp": "https://api.qoo10.jp/GMKT.INC.Front.QAPIService/ebayjapan.qapi",
    "sg": "https://api.qoo10.sg/GMKT.INC.Front.QAPIService/Giosis.qapi",
    "global": "https://api.qoo10.com/GMKT.INC.Front.QAPIService/Giosis.qapi",
}

# What a region sells in and where its buyers live (QAPI.md §1.1).
REGION_NAMES = {
    "jp": "Japan (qoo10.jp)",
    "sg": "Singapore (qoo10.sg)",
    "global": "Global (qoo10.com)",
}
REGION_CURRENCY = {"jp": "JPY", "sg": "SGD", "global": "USD"}
REGION_COUNTRY = {"jp": "JP", "sg": "SG"}

# Qoo10 dates are naive local time (QAPI.md §4: JST for Japan; SGT assumed for SG/Global).
REGION_TZ = {
    "jp": "Asia/Tokyo",
    "sg": "Asia/Singapore",
    "global": "Asia/Singapore",
}

# --- Transport (QAPI.md §2.1) ----------------------------------------------
HEADER_KEY = "GiosisCertificationKey"
HEADER_VERSION = "QAPIVersion"
RETURN_TYPE = "application/json"
DEFAULT_VERSION = "1.0"

# Canonical method names (QAPI.md §5).
M_CREATE_KEY = "CertificationAPI.CreateCertificationKey"
M_SEARCH_BRAND = "CommonInfoLookup.SearchBrand"
M_SHIPPING_V2 = "ShippingBasic.GetShippingInfo_v2"
M_SHIPPING_V3 = "ShippingBasic.GetShippingInfo_v3"
M_ORDER = "ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2"
M_SELLER_CHECK = "ShippingBasic.SetSellerCheckYN_V2"
M_SELLER_CHECK_BULK = "ShippingBasic.SetSellerCheckYNBulk"
M_SENDING = "ShippingBasic.SetSendingInfo"
M_SENDING_BULK = "ShippingBasic.SetSendingInfoBulk"
M_CLAIMS = "ShippingBasic.GetClaimInfo_V3"
M_CANCEL = "Claim.SetCancelProcess"
M_ALL_ITEMS = "ItemsLookup.GetAllGoodsInfo"
M_ITEM_DETAIL = "ItemsLookup.GetItemDetailInfo"
M_INVENTORY = "ItemsLookup.GetGoodsInventoryInfo"
M_SINGLE_OPTIONS = "ItemsLookup.GetGoodsOptionInfo"
M_PRICE_QTY = "ItemsOrder.SetGoodsPriceQty"
M_PRICE_QTY_BULK = "ItemsOrder.SetGoodsPriceQtyBulk"
M_INVENTORY_QTY = "ItemsOptions.UpdateInventoryQtyUnit"
M_INVENTORY_BULK = "ItemsOptions.UpdateInventoryDataBulk"

# QAPIVersion per method; anything not listed is DEFAULT_VERSION (QAPI.md §2.1).
METHOD_VERSIONS = {
    M_ITEM_DETAIL: "1.2",
    "ItemsBasic.SetNewGoods": "1.1",
    "ItemsBasic.UpdateGoods": "1.1",
    "ItemsContents.EditGoodsImage": "1.1",
}

# Methods that change something at Qoo10: never retried blindly (QAPI.md §14).
WRITE_METHOD_PREFIXES = ("Set", "Update", "Edit", "Insert", "Delete")
WRITE_SERVICES = ("Claim",)
WRITE_METHODS = (M_CREATE_KEY,)


def method_version(method):
    """QAPIVersion to send for ``method``."""
    return METHOD_VERSIONS.get(method, DEFAULT_VERSION)


def is_write_method(method):
    """True when ``Service.Method`` changes data at Qoo10 (or issues a key)."""
    if method in WRITE_METHODS:
        return True
    service, _dot, name = method.partition(".")
    if service in WRITE_SERVICES:
        return True
    return name.startswith(WRITE_METHOD_PREFIXES)


# --- Limits (QAPI.md §4) -----------------------------------------------------
MAX_SEARCH_DAYS = 90
BULK_MAX_ROWS = 500
ITEMS_PAGE_SIZE = 500
MAX_ITEM_PAGES = 2000  # safety stop for a misbehaving TotalPages

# --- Shipping status (QAPI.md §6.2) ------------------------------------------
STATUS_UNPAID = 1  # placed, payment not yet confirmed (QAPI "Awaiting shipping")
STATUS_NEW = 2  # paid, awaiting seller confirmation (QAPI "On request"; QSM 新規注文)
STATUS_CONFIRMED = (
    3  # confirmed by SetSellerCheckYN, ready to ship (QAPI "Seller confirm")
)
STATUS_ON_DELIVERY = 4  # tracking sent by SetSendingInfo
STATUS_DELIVERED = 5
SHIPPING_STATUS = {
    STATUS_UNPAID: "Awaiting payment",
    STATUS_NEW: "New order",
    STATUS_CONFIRMED: "Order confirmed",
    STATUS_ON_DELIVERY: "On delivery",
    STATUS_DELIVERED: "Delivered",
}
SHIPPING_STATUS_DEFAULT_V3 = (1, 2, 3)  # status 0/blank on v3 returns 1..3
# What the order import pulls, as Smartship does: "New Order" and "Order Confirmed"
# by payment date; unpaid carts (when the shop asks for them) by order date.
PAID_STATUSES = (STATUS_NEW, STATUS_CONFIRMED)

# --- Settlement (SETTLEMENT.md §4.1, QAPI.md §6.7) ---------------------------
# Japan: after delivery completion a line waits a number of days set by the seller's
# grade, then is settled on the next Wednesday (T2 quoting Qoo10's "精算の流れと精算日" [C1
# for the days]; Wednesday [C2]). Other regions settle on withdrawal: no date derived.
SETTLEMENT_WEEKDAY = 2  # Monday = 0: Wednesday
SETTLEMENT_WAIT_DAYS = {"general": 15, "excellent": 10, "power": 5}
SETTLEMENT_REGIONS = ("jp",)

# Search condition (QAPI.md §6.2 orders, §8.1 claims).
ORDER_SEARCH_CONDITION = {
    1: "order date",
    2: "payment date",
    3: "shipping date",
    4: "delivered date",
}
CONDITION_ORDER_DATE = 1
CONDITION_PAYMENT_DATE = 2
CONDITION_SHIPPING_DATE = 3
CONDITION_DELIVERED_DATE = 4
CLAIM_SEARCH_CONDITION = {
    1: "order date",
    2: "claim request date",
    3: "cancel/refund completion date",
}

CLAIM_CONDITION_REQUEST_DATE = 2
CLAIM_CONDITION_DONE_DATE = 3

# SetSellerCheckYN_V2 DelayType (QAPI.md §7.1); SetCancelProcess CancelReason (§8.2).
DELAY_TYPES = {
    1: "Preparing goods",
    2: "Made to order",
    3: "Customer request",
    4: "Other",
}
CANCEL_REASONS = {
    "": "out of stock",
    "1": "order change",
    "2": "undeliverable area",
    "3": "shipping delay",
}
# The connector's names of the CancelReason codes (a blank code cannot be a selection key).
CANCEL_REASON_KEYS = {
    "out_of_stock": "",
    "order_change": "1",
    "undeliverable_area": "2",
    "shipping_delay": "3",
}

# --- Claims (QAPI.md §8.1) -----------------------------------------------------
CLAIM_CANCEL = "cancel"
CLAIM_RETURN = "return"
CLAIM_EXCHANGE = "exchange"
CLAIM_NON_RECEIPT = "non_receipt"

CLAIM_STATUS = {
    1: ("Cancel requested", CLAIM_CANCEL),
    2: ("Cancelling", CLAIM_CANCEL),
    3: ("Cancel completed", CLAIM_CANCEL),
    4: ("Return requested", CLAIM_RETURN),
    5: ("Returning", CLAIM_RETURN),
    6: ("Return completed", CLAIM_RETURN),
    11: ("Exchange requested", CLAIM_EXCHANGE),
    12: ("Exchange approved", CLAIM_EXCHANGE),
    13: ("Re-delivering", CLAIM_EXCHANGE),
    14: ("Non-receipt refund completed", CLAIM_NON_RECEIPT),
    15: ("Non-receipt partial refund completed", CLAIM_NON_RECEIPT),
    16: ("Unpaid order cancelled", CLAIM_CANCEL),
}
CLAIM_GROUPS = {
    group: tuple(code for code, (_label, g) in CLAIM_STATUS.items() if g == group)
    for group in (CLAIM_CANCEL, CLAIM_RETURN, CLAIM_EXCHANGE, CLAIM_NON_RECEIPT)
}
CLAIM_FAMILIES = {
    CLAIM_CANCEL: "Cancellation",
    CLAIM_RETURN: "Return",
    CLAIM_EXCHANGE: "Exchange",
    CLAIM_NON_RECEIPT: "Non-receipt",
}
# What a seller's SetCancelProcess leaves on the line: a completed cancellation (§8.2).
CLAIM_SELLER_CANCELLED = 3
# Claims that end a line before it ships: the sale order line follows (QAPI.md §8.1).
CLAIM_CANCELLED_CODES = (3, 16)
# Claims after which the order line will not ship (QAPI.md §6.3).
CLAIM_CLOSING_CODES = (3, 6, 14, 15, 16)
# claims after which the buyer has the line's whole amount back: its invoice is credited
# (15, a partial refund, gives no amount: a person credits it)
CLAIM_REFUNDED_CODES = (3, 6, 14, 16)

# --- Result / error codes (QAPI.md §3.2) --------------------------------------
RESULT_OK = 0
AUTH_ERROR_CODES = (-90001, -90004, -90005, -10000, -90000)
EXPIRED_KEY_CODES = (-90004, -90005)
PERMISSION_ERROR_CODES = (-90002, -90003)
# CreateCertificationKey (QAPI.md §1.2, §3.2). Qoo10 answers the gateway code -90001
# "存在しないAPIです。" both for an API key it does not know and for a wrong QSM ID or
# password (S11, S4; samples/CertificationAPI.CreateCertificationKey.json: no separate
# code for a wrong password has been observed; the sandbox answers the same). The codes
# cannot tell those two apart: only an API key that already issued the shop's key can.
KEY_REQUEST_REFUSED_CODES = (-90001, -10000, -90000)
KEY_REQUEST_EXPIRED_CODES = EXPIRED_KEY_CODES  # the API key itself is no longer valid
# The API key is not (yet) issued or enabled by Qoo10 for this account (§1.2 step 1).
KEY_REQUEST_NOT_PERMITTED_CODES = PERMISSION_ERROR_CODES
BULK_PARTIAL_FAILURE = -1  # SetGoodsPriceQtyBulk / UpdateInventoryDataBulk
BULK_TOO_MANY_ROWS = -2

# Client-side checks reuse the code Qoo10 gives for the same problem (§3.2).
CODE_PERIOD_TOO_LONG = {M_SHIPPING_V3: -10002, M_SHIPPING_V2: -10002, M_CLAIMS: -10003}
CODE_INVALID_DATE = {M_SHIPPING_V3: -10001, M_SHIPPING_V2: -10001, M_CLAIMS: -10002}
CODE_ALREADY_CONFIRMED = (
    -10012
)  # SetSellerCheckYN*: the line is confirmed already (§7.1)
# SetSendingInfo(Bulk): QAPI.md §3.2 and §7.2 document no "already sent" code (the
# sandbox answers -10004, which it also uses for a cancelled or unpaid line). What
# proves a line shipped is its status read back: 4 (on delivery) or 5 (delivered).
SENDING_DONE_CODES = ()
SHIPPED_STATUSES = (STATUS_ON_DELIVERY, STATUS_DELIVERED)
# SetCancelProcess: the status no longer allows it (§8.2)
CODE_CANCEL_NOT_ALLOWED = -10004
CODE_ORDER_NOT_FOUND = -10003  # GetShippingAndClaimInfoByOrderNo_V2 (§3.2, [U])
CODE_ORDER_NO_FORMAT = -10002  # same method: not an order number at all (§3.2)
# What GetShippingAndClaimInfoByOrderNo_V2 answers for a number it knows no order by
# (a cart number typed instead of an order number is one of them).
ORDER_UNKNOWN_CODES = (CODE_ORDER_NOT_FOUND, CODE_ORDER_NO_FORMAT)
CODE_ITEM_NOT_FOUND = -10001  # item lookups (§3.2)

# Plain-text routing errors (QAPI.md §2.2).
ROUTING_ERROR_PREFIXES = ("Can't find service", "Can't find method")

# --- Carriers: ShippingCorp names (QAPI.md §7.2) -------------------------------
# Qoo10 matches the carrier *name* against its own master list; there is no published
# code table. Japan: the names of the guide and of a JP mapping table (S1, S2); Qxpress
# is Qoo10's own carrier (guide bulk example). Singapore and global accept the name
# the seller types (S4, S8); Qxpress is the only name the reference gives.
SHIPPING_CORPS = {
    "jp": (
        "ヤマト宅急便",
        "佐川急便",
        "ゆうパック",
        "ネコポス",
        "クロネコDM便",
        "クリックポスト",
        "ゆうパケット",
        "福山通運",
        "西濃運輸",
        "Qxpress",
    ),
    "sg": ("Qxpress",),
    "global": ("Qxpress",),
}
SHIPPING_CORP_MAX = 200  # ShippingCorp length (QAPI.md §7.2)
TRACKING_NO_MAX = 50  # TrackingNo length (QAPI.md §7.2)

# --- Items (QAPI.md §9) ---------------------------------------------------------
ITEM_STATUS = {
    "S0": "under review",
    "S1": "on hold",
    "S2": "on sale",
    "S3": "suspended by Qoo10",
    "S4": "discontinued",
    "S5": "restricted by Qoo10",
    "S8": "rejected",
}
# GetAllGoodsInfo takes one ItemStatus a call (§9.1). The accepted set is uncertain
# (guide: S0/S1/S2/S3/S5/S8; error text and older code: S0/S1/S2/S4): a full read asks for
# every known status and skips the ones Qoo10 refuses as invalid.
ITEM_STATUSES_READ = ("S0", "S1", "S2", "S3", "S4", "S5", "S8")
CODE_INVALID_ITEM_STATUS = -10001  # GetAllGoodsInfo: ItemStatus not accepted (§3.2)
# GetItemDetailInfo: items other than S1/S2 cannot be read (S23 only, [U]); the listing
# is then kept with what GetAllGoodsInfo said about it.
CODE_ITEM_STATUS_NOT_READABLE = -10009
OPTION_SEPARATOR = "||*"  # multi-axis option names/values (§9.2)
OPTION_AXES = 5  # Name1..Name5 / Value1..Value5 in GetGoodsInventoryInfo (§9.1)
OPTION_COMBINATION = (
    "combination"  # GetGoodsInventoryInfo rows: own qty, stock by option
)
OPTION_SINGLE = "single"  # GetGoodsOptionInfo rows: add-ons with a price, no qty
