"""Routing of a QAPI call: find the method, authenticate, run it.

Importing the domain modules here registers their methods (``core.qapi``).
"""

from . import claims, items, orders  # noqa: F401  (registers the methods)
from .auth import authenticate
from .core import METHODS, Ctx, GatewayErr, QErr, qapi

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
