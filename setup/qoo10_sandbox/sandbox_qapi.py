"""The QAPI methods of the sandbox: routing, authentication and the method bodies.

Every function here runs under ``state.lock``. The HTTP layer (server.py) turns the
returned envelope into a response and applies faults.
"""

import json
from datetime import date, datetime, timedelta

import sandbox_data as D
from sandbox_render import by_order_no_row, claim_row, v2_row, v3_row
from sandbox_state import CANCEL_GROUP, CLAIM_DONE, CLAIM_LABELS
from sandbox_util import fmt_dt, num, parse_qdate, settle_90, to_decimal

MSG_NO_API = "存在しないAPIです。"
MSG_NOT_PERMITTED = "このAPIを使用する権限がありません。"
MSG_EXPIRED = "Seller authorization key is expired. Use a new key."
MAX_BULK = 500
MAX_WINDOW = timedelta(days=90)
CANCEL_REASONS = {
    "": "在庫切れ",
    "1": "注文内容変更",
    "2": "配送不可地域",
    "3": "発送遅延",
}
ITEM_STATUSES = ("S0", "S1", "S2", "S3", "S4", "S5", "S8")


class QErr(Exception):
    """Method-level error: {ResultCode, ResultMsg}."""

    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
        self.msg = msg


class GatewayErr(Exception):
    """Gateway-level error: {ErrorCode, ErrorMsg}."""

    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
        self.msg = msg


class Params:
    """Request parameters; names are matched case-insensitively (as ASP.NET does)."""

    def __init__(self, pairs):
        self.raw = {}
        self._lower = {}
        for key, value in pairs:
            self.raw[key] = value
            self._lower[key.lower()] = value

    def get(self, name, default=""):
        return self._lower.get(name.lower(), default)

    def has(self, name):
        return name.lower() in self._lower


class Ctx:
    def __init__(self, state, params, version, seller_id=None):
        self.state = state
        self.p = params
        self.version = version
        self.seller_id = seller_id
        self.data = state.data.get(seller_id) if seller_id else None
        self.faults = state.faults
        self.now = state.now()


METHODS = {}  # service(lower) -> {method(lower): (canonical, fn, needs_auth)}
SERVICE_NAMES = {}  # service(lower) -> canonical service name


def qapi(full_name, auth=True):
    def deco(fn):
        service, method = full_name.split(".", 1)
        SERVICE_NAMES[service.lower()] = service
        METHODS.setdefault(service.lower(), {})[method.lower()] = (full_name, fn, auth)
        return fn

    return deco


# Real methods the sandbox does not implement: answered with ResultCode -99999.
UNSUPPORTED = [
    "CommonInfoLookup.GetCatagoryListAll",
    "CommonInfoLookup.SearchMaker",
    "ShippingBasic.GetShippingInfo",
    "ShippingBasic.GetShippingAndClaimInfoByOrderNo",
    "ShippingBasic.GetClaimInfo_v2",
    "ShippingBasic.GetClaimInfo",
    "ShippingBasic.GetSellingReportDetailList",
    "ShippingBasic.GetSellingReportDeliveryFeeDetailList",
    "ShippingBasic.GetSellingReportDiscountFeeDetailList",
    "ShippingBasic.GetShippingInfo_Logistics",
    "Claim.SetClaimAccept",
    "Claim.SetClaimRedelivery",
    "ItemsLookup.GetSellerDeliveryGroupInfo",
    "ItemsLookup.RequestFileDownload",
    "ItemsOptions.EditGoodsInventory",
    "ItemsOptions.InsertInventoryDataUnit",
    "ItemsOptions.InsertInventoryDataBulk",
    "ItemsOptions.DeleteInventoryDataUnit",
    "ItemsOptions.EditCommonGoodsInventory",
    "ItemsOptions.EditGoodsOption",
    "ItemsOptions.EditGoodsTextOption",
    "ItemsBasic.SetNewGoods",
    "ItemsBasic.UpdateGoods",
    "ItemsContents.EditGoodsContents",
    "ItemsContents.EditGoodsImage",
    "ItemsContents.EditGoodsMultiImage",
    "CSCenter.GetInquiryMessage",
    "CSCenter.SetInquiryMessage",
]


def _unsupported(ctx):
    raise QErr(-99999, "This method is not available in the Qoo10 sandbox.")


for _name in UNSUPPORTED:
    qapi(_name)(_unsupported)


def resolve(method_name):
    """-> (canonical name, fn, needs_auth) or a plain-text routing error string."""
    method_name = (method_name or "").strip().strip("/")
    service, _, method = method_name.partition(".")
    services = METHODS.get(service.lower())
    if services is None:
        return "Can't find service Name %s" % service
    entry = services.get(method.lower())
    if entry is None:
        return "Can't find method Info %s" % method
    return entry


def ok(obj, msg="Success"):
    return {"ResultObject": obj, "ResultCode": 0, "ResultMsg": msg}


def done(msg="SUCCESS"):
    return {"ResultCode": 0, "ResultMsg": msg}


def empty(ctx, null_by_default):
    mode = ctx.faults.get("empty_result", "auto")
    if mode == "null":
        return None
    if mode == "list":
        return []
    return None if null_by_default else []


def call(state, method_name, params, key, version):
    """Run one QAPI call. Returns (envelope dict | routing text, info dict)."""
    info = {"method": method_name, "user_id": None}
    entry = resolve(method_name)
    if isinstance(entry, str):
        return entry, info
    canonical, fn, needs_auth = entry
    info["method"] = canonical
    try:
        if needs_auth:
            seller_id = authenticate(state, key, canonical)
            info["user_id"] = seller_id
            ctx = Ctx(state, params, version, seller_id)
        else:
            ctx = Ctx(state, params, version)
            ctx.key = key
            ctx.info = info
        return fn(ctx), info
    except GatewayErr as exc:
        return {"ErrorCode": exc.code, "ErrorMsg": exc.msg}, info
    except QErr as exc:
        return {"ResultCode": exc.code, "ResultMsg": exc.msg}, info


def authenticate(state, key, canonical):
    info = state.keys.get((key or "").strip())
    if info is None or info["user_id"] not in state.sellers:
        raise GatewayErr(-90001, MSG_NO_API)
    if info["expired"] or state.now() >= info["expires_at"]:
        raise QErr(-90004, MSG_EXPIRED)
    check_permitted(state.sellers[info["user_id"]], canonical)
    return info["user_id"]


def check_permitted(seller, canonical):
    if not seller.get("permitted", True) or canonical.lower() in seller.get(
        "denied_methods", ()
    ):
        raise GatewayErr(-90002, MSG_NOT_PERMITTED)


# ---------------------------------------------------------------------------
# CertificationAPI / CommonInfoLookup
# ---------------------------------------------------------------------------
@qapi("CertificationAPI.CreateCertificationKey", auth=False)
def create_certification_key(ctx):
    api_key = (ctx.key or "").strip()
    seller = ctx.state.seller_by_api_key(api_key)
    if seller is None:
        raise GatewayErr(-90001, MSG_NO_API)
    ctx.info["user_id"] = seller["user_id"]
    if (
        ctx.p.get("user_id") != seller["user_id"]
        or ctx.p.get("pwd") != seller["password"]
    ):
        # Wrong QSM login or password: same gateway answer as an unknown API key.
        raise GatewayErr(-90001, MSG_NO_API)
    check_permitted(seller, "CertificationAPI.CreateCertificationKey")
    key, _info = ctx.state.issue_key(seller["user_id"])
    return ok(key, "成功")


@qapi("CommonInfoLookup.SearchBrand")
def search_brand(ctx):
    keyword = ctx.p.get("keyword").strip().lower()
    rows = [
        {"M_B_NO": no, "M_B_NM": name}
        for no, name in D.BRANDS
        if keyword and keyword in name.lower()
    ]
    return ok(rows or empty(ctx, False))


# ---------------------------------------------------------------------------
# order lookups
# ---------------------------------------------------------------------------
def _window(start_raw, end_raw, bad_date, too_long):
    start = parse_qdate(start_raw)
    end = parse_qdate(end_raw, end=True)
    if start is None or end is None:
        raise QErr(bad_date, "Invalid search date. Use yyyyMMdd or yyyyMMddHHmmss.")
    if start[0] > end[0]:
        raise QErr(bad_date, "The search start date is after the end date.")
    if end[0] - start[0] > MAX_WINDOW:
        raise QErr(too_long, "The search period cannot exceed 90 days.")
    return fmt_dt(start[1]), fmt_dt(end[1])


def _shipping_lines(ctx, status_raw, start_raw, end_raw, cond_raw):
    lo, hi = _window(start_raw, end_raw, -10001, -10002)
    status_raw = (status_raw or "").strip()
    if status_raw in ("", "0"):
        statuses = {1, 2, 3}
    elif status_raw in ("1", "2", "3", "4", "5"):
        statuses = {int(status_raw)}
    else:
        raise QErr(-10003, "Invalid shipping status. Use 1 to 5.")
    cond_raw = (cond_raw or "").strip() or "1"
    field = {"1": "order", "2": "payment", "3": "shipping", "4": "delivered"}.get(
        cond_raw
    )
    if field is None:
        raise QErr(-10004, "Invalid search condition. Use 1 to 4.")
    orders = ctx.data.orders
    lines = []
    for order_no in ctx.data.index[field].between(lo, hi):
        line = orders[order_no]
        if line.status in statuses and line.listed:
            lines.append(line)
    return lines


@qapi("ShippingBasic.GetShippingInfo_v3")
def get_shipping_info_v3(ctx):
    p = ctx.p
    lines = _shipping_lines(
        ctx,
        p.get("ShippingStatus"),
        p.get("SearchStartDate"),
        p.get("SearchEndDate"),
        p.get("SearchCondition"),
    )
    rows = [v3_row(line, ctx.seller_id, ctx.faults) for line in lines]
    return ok(rows or empty(ctx, True))


@qapi("ShippingBasic.GetShippingInfo_v2")
def get_shipping_info_v2(ctx):
    p = ctx.p
    lines = _shipping_lines(
        ctx,
        p.get("ShippingStat"),
        p.get("search_Sdate"),
        p.get("search_Edate"),
        p.get("search_condition"),
    )
    rows = [v2_row(line, ctx.seller_id, ctx.faults) for line in lines]
    return ok(rows or empty(ctx, False))


def _order_no(raw):
    raw = (raw or "").strip()
    if not raw.isdigit():
        return None
    return int(raw)


@qapi("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2")
def get_shipping_and_claim_info(ctx):
    order_no = _order_no(ctx.p.get("OrderNo"))
    if order_no is None:
        raise QErr(-10002, "Invalid order number format.")
    line = ctx.data.orders.get(order_no)
    if line is None:
        raise QErr(-10003, "Order not found.")
    return ok([by_order_no_row(line, ctx.seller_id, ctx.faults)])


@qapi("ShippingBasic.GetClaimInfo_V3")
def get_claim_info_v3(ctx):
    p = ctx.p
    lo, hi = _window(p.get("search_Sdate"), p.get("search_Edate"), -10002, -10003)
    stat_raw = p.get("ClaimStat").strip()
    if stat_raw and (not stat_raw.isdigit() or int(stat_raw) not in CLAIM_LABELS):
        raise QErr(-10004, "Invalid ClaimStat.")
    cond = p.get("search_condition").strip() or "1"
    if cond not in ("1", "2", "3"):
        raise QErr(-10004, "Invalid search_condition. Use 1 to 3.")
    rows = []
    for line in sorted(ctx.data.claimed.values(), key=lambda ln: ln.order_no):
        if stat_raw and line.claim_status != int(stat_raw):
            continue
        when = {
            "1": line.cart.order_date,
            "2": line.claim_request_date,
            "3": line.claim_done_date,
        }[cond]
        if when and lo <= when <= hi:
            rows.append(claim_row(line, ctx.seller_id, ctx.faults))
    return ok(rows or empty(ctx, True))


# ---------------------------------------------------------------------------
# order writes
# ---------------------------------------------------------------------------
def _est_ship_dt(ctx, raw):
    raw = (raw or "").strip()
    try:
        value = datetime.strptime(raw, "%Y%m%d").date()
    except ValueError:
        raise QErr(-10016, "EstShipDt is missing or invalid (yyyyMMdd).") from None
    today = ctx.now.date()
    if value < today:
        raise QErr(-10018, "EstShipDt must be today or later.")
    if value > today + timedelta(days=30):
        raise QErr(
            -10017, "EstShipDt exceeds the allowed maximum (30 days from today)."
        )
    return value


def _ensure_packing(ctx, cart):
    if not cart.packing_no:
        cart.packing_no = "JPP%08d" % (cart.pack_no % 10**8)
    if not cart.seller_delivery_no:
        cart.seller_delivery_no = "%s-%04d" % (
            ctx.now.strftime("%y%m%d"),
            cart.pack_no % 10000,
        )


def _seller_check(ctx, order_raw, est_raw, delay_type, delay_memo, est_required):
    order_no = _order_no(order_raw)
    line = ctx.data.orders.get(order_no) if order_no is not None else None
    if line is None:
        raise QErr(-10001, "Order information not found for this seller.")
    est = None
    if est_required or (est_raw or "").strip():
        est = _est_ship_dt(ctx, est_raw)
    if line.status == 3 and line.listed:
        raise QErr(-10012, "The order is already seller-confirmed.")
    if line.status != 2 or not line.listed:
        raise QErr(-10013, "The order is not in the 'On request' (2) status.")
    line.status = 3
    if est is not None:
        line.est_ship_dt = est.isoformat()
    line.delay_type = (delay_type or "").strip()
    line.delay_memo = delay_memo or ""
    _ensure_packing(ctx, line.cart)
    return line


@qapi("ShippingBasic.SetSellerCheckYN_V2")
def set_seller_check_yn_v2(ctx):
    p = ctx.p
    _seller_check(
        ctx,
        p.get("OrderNo"),
        p.get("EstShipDt"),
        p.get("DelayType"),
        p.get("DelayMemo"),
        est_required=False,
    )
    return done()


def _bulk_rows(ctx, field, too_many_code):
    raw = ctx.p.get(field)
    try:
        rows = json.loads(raw) if raw.strip() else None
    except ValueError:
        rows = None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise QErr(-10010, "%s must be a JSON array of objects." % field)
    if len(rows) > MAX_BULK:
        raise QErr(too_many_code, "Up to 500 rows can be processed at once.")
    return [Params(r.items()) for r in rows]


def _row_key(raw):
    order_no = _order_no(str(raw))
    return order_no if order_no is not None else raw


@qapi("ShippingBasic.SetSellerCheckYNBulk")
def set_seller_check_yn_bulk(ctx):
    results = []
    for row in _bulk_rows(ctx, "SendPlanDtInfoJson", -10011):
        order_raw = str(row.get("OrderNo"))
        try:
            _seller_check(
                ctx,
                order_raw,
                str(row.get("EstShipDt") or ""),
                str(row.get("DelayType") or ""),
                str(row.get("DelayMemo") or ""),
                est_required=True,
            )
            code, msg = 0, "SUCCESS"
        except QErr as exc:
            code, msg = exc.code, exc.msg
        results.append(
            {
                "cont_no": _row_key(order_raw),
                "result_cd": code,
                "ResultCode": code,
                "ResultMsg": msg,
            }
        )
    return ok(results, "SUCCESS")


def _sending(ctx, order_raw, corp, tracking):
    order_no = _order_no(order_raw)
    line = ctx.data.orders.get(order_no) if order_no is not None else None
    if line is None:
        raise QErr(-10001, "Order information not found for this seller.")
    corp = (corp or "").strip()
    tracking = (tracking or "").strip()
    if not corp or len(corp) > 200:
        raise QErr(-10002, "ShippingCorp is missing or too long (max 200).")
    if not tracking or len(tracking) > 50:
        raise QErr(-10003, "TrackingNo is missing or too long (max 50).")
    if not line.listed:
        raise QErr(-10004, "The order has been cancelled.")
    if line.status == 1:
        raise QErr(-10004, "The order is not paid yet (Awaiting shipping(1)).")
    if line.status >= 4:
        raise QErr(-10004, "Shipping information is already registered for this order.")
    line.status = 4
    line.shipping_corp = corp
    line.tracking_no = tracking
    ctx.data.set_line_date(line, "shipping", fmt_dt(ctx.now))
    _ensure_packing(ctx, line.cart)
    return line


@qapi("ShippingBasic.SetSendingInfo")
def set_sending_info(ctx):
    p = ctx.p
    _sending(ctx, p.get("OrderNo"), p.get("ShippingCorp"), p.get("TrackingNo"))
    return done()


@qapi("ShippingBasic.SetSendingInfoBulk")
def set_sending_info_bulk(ctx):
    results = []
    for row in _bulk_rows(ctx, "ShippingInfoJson", -10011):
        order_raw = str(row.get("OrderNo"))
        corp = str(row.get("ShippingCorp") or "")
        try:
            _sending(ctx, order_raw, corp, str(row.get("TrackingNo") or ""))
            code, msg = 0, "SUCCESS"
        except QErr as exc:
            code, msg = exc.code, exc.msg
        results.append(
            {
                "contr_no": _row_key(order_raw),
                "result_cd": code,
                "transc_nm": corp,
                "ResultCode": code,
                "ResultMsg": msg,
            }
        )
    return ok(results, "SUCCESS")


@qapi("Claim.SetCancelProcess")
def set_cancel_process(ctx):
    p = ctx.p
    order_no = _order_no(p.get("ContrNo"))
    if order_no is None:
        raise QErr(-10001, "Wrong order number (ContrNo).")
    line = ctx.data.orders.get(order_no)
    if line is None:
        if order_no in ctx.state.order_owner:
            raise QErr(-10003, "The order belongs to another seller.")
        raise QErr(-10002, "No order information.")
    reason = p.get("CancelReason").strip()
    if reason not in CANCEL_REASONS:
        raise QErr(-10005, "Invalid CancelReason (blank, 1, 2 or 3).")
    memo = p.get("SellerMemo")
    if len(memo) > 1000:
        raise QErr(-10006, "SellerMemo is too long (max 1000).")
    if line.status >= 4 or line.claim_status is not None:
        raise QErr(-10004, "The order status does not allow cancellation.")
    now = fmt_dt(ctx.now)
    line.claim_status = 3
    line.claim_reason = CANCEL_REASONS[reason]
    line.claim_request_date = now
    line.claim_done_date = now
    line.cancel_reason = reason
    line.seller_memo = memo
    ctx.data.claimed[line.order_no] = line
    return done()


# ---------------------------------------------------------------------------
# items
# ---------------------------------------------------------------------------
def _item(ctx, params=None):
    p = params or ctx.p
    item = ctx.data.find_item(
        str(p.get("ItemCode") or ""), str(p.get("SellerCode") or "")
    )
    if item is None:
        raise QErr(
            -10001, "Fail to find Item information with 'ItemCode','SellerCode'."
        )
    return item


def item_qty(item):
    if item.options:
        return sum(o["qty"] for o in item.options)
    return item.qty


@qapi("ItemsLookup.GetAllGoodsInfo")
def get_all_goods_info(ctx):
    status = ctx.p.get("ItemStatus").strip().upper()
    if status and status not in ITEM_STATUSES:
        raise QErr(-10001, "ItemStatus is invalid. (S0, S1, S2, S4)")
    page_raw = ctx.p.get("Page").strip()
    page = int(page_raw) if page_raw.isdigit() and int(page_raw) > 0 else 1
    items = sorted(
        (i for i in ctx.data.items.values() if not status or i.status == status),
        key=lambda i: int(i.item_code) if i.item_code.isdigit() else 0,
    )
    total = len(items)
    chunk = items[(page - 1) * MAX_BULK : page * MAX_BULK]
    return ok(
        {
            "TotalItems": total,
            "TotalPages": (total + MAX_BULK - 1) // MAX_BULK,
            "PresentPage": page,
            "Items": [
                {
                    "ItemCode": i.item_code,
                    "SellerCode": i.seller_code,
                    "ItemStatus": i.status,
                }
                for i in chunk
            ],
        }
    )


@qapi("ItemsLookup.GetItemDetailInfo")
def get_item_detail_info(ctx):
    item = _item(ctx)
    row = {
        "ItemCode": item.item_code,
        "ItemStatus": item.status,
        "ItemTitle": item.title,
        "PromotionName": "",
        "MainCatCd": "100000001",
        "MainCatNm": "ファッション",
        "FirstSubCatCd": "200000001",
        "FirstSubCatNm": "その他",
        "SecondSubCatCd": "300000001",
        "SecondSubCatNm": "その他",
        "Drugtype": "",
        "SellerCode": item.seller_code,
        "ProductionPlaceType": "2",
        "ProductionPlace": "Japan",
        "IndustrialCodeType": "",
        "IndustrialCode": "",
        "RetailPrice": str(num(item.retail_price)),
        "ItemPrice": str(num(item.price)),
        "TaxRate": str(item.tax_rate or ""),
        "SettlePrice": str(settle_90(item.price)),
        "ItemQty": str(item_qty(item)),
        "ExpireDate": item.expire_date or "",
        "ModelNM": "",
        "ManufacturerDate": "",
        "BrandNo": item.brand_no or "",
        "Material": item.material or "",
        "AdultYN": "N",
        "DesiredShippingDate": "",
        "AvailableDateType": "0",
        "AvailableDateValue": "2",
        "ShippingNo": "0",
        "ContactInfo": "",
        "ItemDetail": "<p>%s</p>" % item.title,
        "ImageUrl": "https://example.com/img/%s.jpg" % item.item_code,
        "VideoURL": "",
        "Keyword": "",
        "ListedDate": item.listed_date or "",
        "ChangedDate": item.changed_date or "",
    }
    if _version(ctx) >= (1, 2):
        row["OptionShippingNo1"] = ""
        row["OptionShippingNo2"] = ""
    return ok([row])


def _version(ctx):
    try:
        return tuple(int(x) for x in (ctx.version or "1.0").split(".")[:2])
    except ValueError:
        return (1, 0)


@qapi("ItemsLookup.GetGoodsInventoryInfo")
def get_goods_inventory_info(ctx):
    item = _item(ctx)
    rows = []
    for opt in item.options:
        row = {}
        for i in range(5):
            row["Name%d" % (i + 1)] = opt["names"][i] if i < len(opt["names"]) else ""
            row["Value%d" % (i + 1)] = (
                opt["values"][i] if i < len(opt["values"]) else ""
            )
        row.update(
            {"Price": num(opt["price"]), "Qty": opt["qty"], "ItemTypeCode": opt["code"]}
        )
        rows.append(row)
    return ok(rows or empty(ctx, False))


@qapi("ItemsLookup.GetGoodsOptionInfo")
def get_goods_option_info(ctx):
    _item(ctx)
    return ok(empty(ctx, False))


def _proc_err(text):
    return QErr(-10101, "Processing Error - %s" % text)


def _qty(raw, name="Qty"):
    raw = str(raw if raw is not None else "").strip()
    if not raw.lstrip("-").isdigit() or int(raw) < 0:
        raise _proc_err("%s must be an integer >= 0." % name)
    return int(raw)


def _price(raw):
    try:
        value = to_decimal(str(raw).strip())
    except ValueError:
        value = None
    if value is None or value <= 0:
        raise _proc_err("Price must be a number > 0.")
    return num(value)


def _price_qty(ctx, p):
    item = _item(ctx, p)
    updates = {}
    if p.has("Price") and str(p.get("Price")).strip():
        updates["price"] = _price(p.get("Price"))
    if p.has("TaxRate") and str(p.get("TaxRate")).strip():
        tax = str(p.get("TaxRate")).strip().upper()
        if tax not in ("S", "10", "8", "0"):
            raise _proc_err("TaxRate must be S, 10, 8 or 0.")
        updates["tax_rate"] = tax
    if p.has("Qty") and str(p.get("Qty")).strip():
        updates["qty"] = _qty(p.get("Qty"))
    if p.has("ExpireDate"):
        raw = str(p.get("ExpireDate") or "").strip()
        if not raw:
            # QAPI.md 9.2: an empty ExpireDate makes Qoo10 set the sale end one year ahead.
            updates["expire_date"] = (ctx.now.date() + timedelta(days=365)).isoformat()
        else:
            try:
                updates["expire_date"] = date.fromisoformat(raw[:10]).isoformat()
            except ValueError:
                raise _proc_err("ExpireDate must be yyyy-MM-dd.") from None
    for field, value in updates.items():
        setattr(item, field, value)
    item.changed_date = fmt_dt(ctx.now)
    return item


@qapi("ItemsOrder.SetGoodsPriceQty")
def set_goods_price_qty(ctx):
    _price_qty(ctx, ctx.p)
    return done()


def _bulk_items(ctx, apply_row):
    raw = ctx.p.get("ItemInfoJson")
    try:
        rows = json.loads(raw) if raw.strip() else None
    except ValueError:
        rows = None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise _proc_err("ItemInfoJson must be a JSON array of objects.")
    if len(rows) > MAX_BULK:
        raise QErr(-2, "More than 500 rows.")
    details = []
    failed = 0
    for index, row in enumerate(rows):
        params = Params((k, "" if v is None else str(v)) for k, v in row.items())
        try:
            apply_row(params)
            code, msg = 0, "SUCCESS"
        except QErr as exc:
            code, msg = exc.code, exc.msg
            failed += 1
        details.append(
            {
                "Index": index,
                "ItemCode": params.get("ItemCode"),
                "SellerCode": params.get("SellerCode"),
                "OptionCode": params.get("OptionCode"),
                "ResultCode": code,
                "ResultMsg": msg,
            }
        )
    count = len(rows)
    obj = {"Count": count, "Keys": {"Count": count}, "Values": {"Count": count}}
    if failed:
        obj["Details"] = details
        return {
            "ResultObject": obj,
            "ResultCode": -1,
            "ResultMsg": "%d of %d rows failed." % (failed, count),
        }
    return ok(obj, "SUCCESS")


@qapi("ItemsOrder.SetGoodsPriceQtyBulk")
def set_goods_price_qty_bulk(ctx):
    return _bulk_items(ctx, lambda p: _price_qty(ctx, p))


def find_option(item, name, value, code):
    """Match by OptionName+OptionValue ('||*' between axes); by OptionCode if names are empty."""
    name = (name or "").strip()
    code = (code or "").strip()
    if name:
        names = [n.strip() for n in name.split("||*")]
        values = [v.strip() for v in (value or "").split("||*")]
        for opt in item.options:
            if opt["names"] == names and opt["values"] == values:
                return opt
        return None
    if code:
        for opt in item.options:
            if opt["code"] == code:
                return opt
    return None


def _option(ctx, p):
    item = _item(ctx, p)
    opt = find_option(
        item, p.get("OptionName"), p.get("OptionValue"), p.get("OptionCode")
    )
    if opt is None:
        raise _proc_err(
            "Cannot find the option (OptionName/OptionValue or OptionCode)."
        )
    return item, opt


def _option_data(ctx, p, price=True):
    item, opt = _option(ctx, p)
    qty = _qty(p.get("Qty"))
    new_price = opt["price"]
    if price and str(p.get("Price")).strip():
        try:
            new_price = num(to_decimal(str(p.get("Price")).strip()))
        except ValueError:
            raise _proc_err("Price must be a number.") from None
    opt["qty"] = qty
    opt["price"] = new_price
    item.changed_date = fmt_dt(ctx.now)


@qapi("ItemsOptions.UpdateInventoryQtyUnit")
def update_inventory_qty_unit(ctx):
    _option_data(ctx, ctx.p, price=False)
    return done()


@qapi("ItemsOptions.UpdateInventoryDataUnit")
def update_inventory_data_unit(ctx):
    _option_data(ctx, ctx.p, price=True)
    return done()


@qapi("ItemsOptions.UpdateInventoryQtyPlusUnit")
def update_inventory_qty_plus_unit(ctx):
    item, opt = _option(ctx, ctx.p)
    raw = ctx.p.get("PlusQty").strip()
    if not raw.lstrip("-").isdigit():
        raise _proc_err("PlusQty must be an integer.")
    opt["qty"] = max(0, opt["qty"] + int(raw))
    item.changed_date = fmt_dt(ctx.now)
    return done()


@qapi("ItemsOptions.UpdateInventoryDataBulk")
def update_inventory_data_bulk(ctx):
    return _bulk_items(ctx, lambda p: _option_data(ctx, p, price=True))


@qapi("ItemsBasic.EditGoodsStatus")
def edit_goods_status(ctx):
    item = _item(ctx)
    blocked = {
        "S0": (-10002, "The item is under review."),
        "S3": (-10003, "The item is suspended by Qoo10."),
        "S5": (-10004, "The item is restricted by Qoo10."),
        "S8": (-10005, "The item was rejected."),
    }
    if item.status in blocked:
        raise QErr(*blocked[item.status])
    status = ctx.p.get("Status").strip()
    if status not in ("1", "2", "3"):
        raise QErr(-10006, "Status must be 1, 2 or 3.")
    item.status = {"1": "S1", "2": "S2", "3": "S4"}[status]
    item.changed_date = fmt_dt(ctx.now)
    return done()


# ---------------------------------------------------------------------------
# control-side helpers used by sandbox_control
# ---------------------------------------------------------------------------
def force_status(state, data, line, status):
    now = fmt_dt(state.now())
    cart = line.cart
    if status == 1:
        data.set_cart_date(cart, "payment", "")
    elif not cart.payment_date:
        data.set_cart_date(cart, "payment", now)
    if status >= 3 and not line.est_ship_dt:
        line.est_ship_dt = (state.now().date() + timedelta(days=2)).isoformat()
    if status >= 4 and not line.shipping_date:
        data.set_line_date(line, "shipping", now)
    if status >= 5 and not line.delivered_date:
        data.set_line_date(line, "delivered", now)
    if status < 5 and line.delivered_date:
        data.set_line_date(line, "delivered", "")
    if status < 4 and line.shipping_date:
        data.set_line_date(line, "shipping", "")
    line.status = status


def set_claim(state, data, line, claim_status, reason):
    now = fmt_dt(state.now())
    if line.claim_status is None or not line.claim_request_date:
        line.claim_request_date = now
    line.claim_status = claim_status
    line.claim_reason = reason
    line.claim_done_date = now if claim_status in CLAIM_DONE else ""
    data.claimed[line.order_no] = line
    return claim_status in CANCEL_GROUP
