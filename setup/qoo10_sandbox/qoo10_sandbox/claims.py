"""Claim methods: GetClaimInfo_V3 and the seller's Claim.SetCancelProcess."""

from .core import QErr, done, empty, ok, parse_order_no, qapi, search_window
from .records import CLAIM_LABELS
from .render import claim_row
from .util import fmt_dt

CANCEL_REASONS = {
    "": "在庫切れ",
    "1": "注文内容変更",
    "2": "配送不可地域",
    "3": "発送遅延",
}


@qapi("ShippingBasic.GetClaimInfo_V3")
def get_claim_info_v3(ctx):
    p = ctx.p
    lo, hi = search_window(p.get("search_Sdate"), p.get("search_Edate"), -10002, -10003)
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


@qapi("Claim.SetCancelProcess")
def set_cancel_process(ctx):
    p = ctx.p
    order_no = parse_order_no(p.get("ContrNo"))
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
    if ctx.faults.get("refuse_cancel_next"):
        # a control to make Qoo10 refuse a cancellation it would otherwise accept
        ctx.faults["refuse_cancel_next"] -= 1
        raise QErr(-10004, "The order status does not allow cancellation.")
    now = fmt_dt(ctx.now)
    line.claim_status = 3
    line.claim_reason = CANCEL_REASONS[reason]
    line.claim_request_date = now
    line.claim_done_date = now
    line.cancel_reason = reason
    line.claim_extra = {}
    line.seller_memo = memo
    ctx.data.claimed[line.order_no] = line
    return done()
