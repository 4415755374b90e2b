"""Order methods: shipping info lookups, seller check (confirm) and sending info."""

from datetime import datetime, timedelta

from .core import QErr, bulk_rows, done, empty, ok, parse_order_no, qapi, search_window
from .render import by_order_no_row, patched, v2_row, v3_row
from .util import fmt_dt


def _shipping_lines(ctx, status_raw, start_raw, end_raw, cond_raw):
    lo, hi = search_window(start_raw, end_raw, -10001, -10002)
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
    rows = [
        r for ln in lines for r in patched(ln, v3_row(ln, ctx.seller_id, ctx.faults))
    ]
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
    rows = [
        r for ln in lines for r in patched(ln, v2_row(ln, ctx.seller_id, ctx.faults))
    ]
    return ok(rows or empty(ctx, False))


@qapi("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2")
def get_shipping_and_claim_info(ctx):
    order_no = parse_order_no(ctx.p.get("OrderNo"))
    if order_no is None:
        raise QErr(-10002, "Invalid order number format.")
    line = ctx.data.orders.get(order_no)
    if line is None:
        raise QErr(-10003, "Order not found.")
    return ok(patched(line, by_order_no_row(line, ctx.seller_id, ctx.faults))[:1])


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
    """Qoo10 assigns the packing and delivery numbers once a cart is confirmed."""
    if not cart.packing_no:
        cart.packing_no = "JPP%08d" % (cart.pack_no % 10**8)
    if not cart.seller_delivery_no:
        cart.seller_delivery_no = "%s-%04d" % (
            ctx.now.strftime("%y%m%d"),
            cart.pack_no % 10000,
        )


def _seller_check(ctx, order_raw, est_raw, delay_type, delay_memo, est_required):
    order_no = parse_order_no(order_raw)
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
    line.applied.append("SetSellerCheck")
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


def _row_key(raw):
    order_no = parse_order_no(str(raw))
    return order_no if order_no is not None else raw


@qapi("ShippingBasic.SetSellerCheckYNBulk")
def set_seller_check_yn_bulk(ctx):
    results = []
    for row in bulk_rows(ctx, "SendPlanDtInfoJson", -10011):
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
    order_no = parse_order_no(order_raw)
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
    line.applied.append("SetSendingInfo")
    return line


@qapi("ShippingBasic.SetSendingInfo")
def set_sending_info(ctx):
    p = ctx.p
    _sending(ctx, p.get("OrderNo"), p.get("ShippingCorp"), p.get("TrackingNo"))
    return done()


@qapi("ShippingBasic.SetSendingInfoBulk")
def set_sending_info_bulk(ctx):
    results = []
    for row in bulk_rows(ctx, "ShippingInfoJson", -10011):
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
