"""Order rows as QAPI returns them: v3 (PascalCase), v2 (irregular casing),
GetShippingAndClaimInfoByOrderNo_V2 and GetClaimInfo_V3 rows."""

from .records import CLAIM_LABELS, SHIPPING_LABELS
from .util import fmt_phone, num


def _related(cart):
    return ", ".join(str(ln.order_no) for ln in cart.lines)


def _first(line):
    return line is min(line.cart.lines, key=lambda ln: ln.order_no)


def _shipping_rate(line, faults):
    if faults.get("shipping_rate_on") == "first" and not _first(line):
        return 0
    return num(line.cart.shipping_rate)


def _cart_discounts(line):
    """Cart coupons are reported on the first line of the cart (as in the samples)."""
    if _first(line):
        return num(line.cart.cart_discount_seller), num(line.cart.cart_discount_qoo10)
    return 0, 0


def _est(line):
    return "%s 00:00:00" % line.est_ship_dt if line.est_ship_dt else ""


def _available_date(line):
    if line.est_ship_dt:
        return line.est_ship_dt
    return ""


def claim_status_value(code, faults):
    if code is None:
        return ""
    if faults.get("claim_status_format") == "label":
        return CLAIM_LABELS.get(code, "(%d)" % code)
    return str(code)


def _sender(cart):
    sender = cart.sender or {}
    return (
        sender.get("name", ""),
        sender.get("tel", ""),
        sender.get("nation", ""),
        sender.get("zip", ""),
        sender.get("addr", ""),
    )


def _common(line):
    cart, buyer, recv = line.cart, line.cart.buyer, line.cart.receiver
    return cart, buyer, recv


def v3_row(line, seller_id, faults):
    cart, buyer, recv = _common(line)
    seller_cd, qoo10_cd = _cart_discounts(line)
    s_name, s_tel, s_nation, s_zip, s_addr = _sender(cart)
    return {
        "ShippingStatus": SHIPPING_LABELS[line.status],
        "SellerID": seller_id,
        "PackNo": cart.pack_no,
        "OrderDate": cart.order_date,
        "PaymentDate": cart.payment_date or "",
        "EstimatedShippingDate": _est(line),
        "ShippingDate": line.shipping_date or "",
        "DeliveredDate": line.delivered_date or "",
        "Buyer": buyer.get("name", ""),
        "BuyerKana": buyer.get("kana", ""),
        "BuyerTel": fmt_phone(buyer.get("phone")),
        "BuyerMobile": fmt_phone(buyer.get("mobile")),
        "BuyerEmail": buyer.get("email", ""),
        "OrderNo": line.order_no,
        "ItemNo": line.item_code,
        "SellerItemCode": line.seller_item_code,
        "ItemTitle": line.title,
        "Option": line.option,
        "OptionCode": line.option_code,
        "OrderPrice": num(line.price),
        "OrderQty": line.qty,
        "Discount": num(line.discount),
        "Total": num(line.total),
        "Receiver": recv.get("name", ""),
        "ReceiverKana": recv.get("kana", ""),
        "ZipCode": recv.get("zip", ""),
        "ShippingAddress": recv.get("addr1", "") + recv.get("addr2", ""),
        "Address1": recv.get("addr1", ""),
        "Address2": recv.get("addr2", ""),
        "ReceiverTel": fmt_phone(recv.get("phone")),
        "ReceiverMobile": fmt_phone(recv.get("mobile")),
        "DesiredDeliveryDate": cart.hope_date or "",
        "SenderName": s_name,
        "SenderTel": s_tel,
        "SenderNation": s_nation,
        "SenderZipCode": s_zip,
        "SenderAddress": s_addr,
        "ShippingWay": cart.shipping_way or "",
        "ShippingMessage": cart.message or "",
        "PaymentMethod": cart.payment_method or "",
        "SellerDiscount": num(line.seller_discount),
        "Currency": cart.currency,
        "ShippingRate": _shipping_rate(line, faults),
        "RelatedOrder": _related(cart),
        "ShippingRateType": cart.shipping_rate_type,
        "DeliveryCompany": line.shipping_corp or "",
        "VoucherCode": "",
        "PackingNo": cart.packing_no or "",
        "SellerDeliveryNo": cart.seller_delivery_no or "",
        "Gift": "",
        "CartDiscountSeller": seller_cd,
        "CartDiscountQoo10": qoo10_cd,
        "SettlePrice": num(line.settle_price),
        "BranchName": "",
        "TrackingNo": line.tracking_no or "",
        "Material": line.material or "",
        "AvailableSendType": "0",
        "AvailableShippingDate": _available_date(line),
    }


def v2_row(line, seller_id, faults):
    cart, buyer, recv = _common(line)
    seller_cd, qoo10_cd = _cart_discounts(line)
    s_name, s_tel, s_nation, s_zip, s_addr = _sender(cart)
    return {
        "shippingStatus": SHIPPING_LABELS[line.status],
        "sellerID": seller_id,
        "packNo": cart.pack_no,
        "orderNo": line.order_no,
        "OrderType": "",
        "orderDate": cart.order_date,
        "PaymentDate": cart.payment_date or "",
        "EstShippingDate": _est(line),
        "ShippingDate": line.shipping_date or "",
        "DeliveredDate": line.delivered_date or "",
        "buyer": buyer.get("name", ""),
        "buyer_gata": buyer.get("kana", ""),
        "buyerTel": fmt_phone(buyer.get("phone")),
        "buyerMobile": fmt_phone(buyer.get("mobile")),
        "buyerEmail": buyer.get("email", ""),
        "itemCode": line.item_code,
        "sellerItemCode": line.seller_item_code,
        "itemTitle": line.title,
        "option": line.option,
        "optionCode": line.option_code,
        "orderPrice": num(line.price),
        "orderQty": line.qty,
        "discount": num(line.discount),
        "total": num(line.total),
        "receiver": recv.get("name", ""),
        "receiver_gata": recv.get("kana", ""),
        "shippingCountry": recv.get("country", "JP") or "JP",
        "zipCode": recv.get("zip", ""),
        "shippingAddr": recv.get("addr1", "") + recv.get("addr2", ""),
        "Addr1": recv.get("addr1", ""),
        "Addr2": recv.get("addr2", ""),
        "receiverTel": fmt_phone(recv.get("phone")),
        "receiverMobile": fmt_phone(recv.get("mobile")),
        "hopeDate": cart.hope_date or "",
        "senderName": s_name,
        "senderTel": s_tel,
        "senderNation": s_nation,
        "senderZipCode": s_zip,
        "senderAddr": s_addr,
        "ShippingWay": cart.shipping_way or "",
        "ShippingMsg": cart.message or "",
        "PaymentMethod": cart.payment_method or "",
        "SellerDiscount": num(line.seller_discount),
        "Currency": cart.currency,
        "ShippingRate": _shipping_rate(line, faults),
        "RelatedOrder": _related(cart),
        "shippingRateType": cart.shipping_rate_type,
        "DeliveryCompany": line.shipping_corp or "",
        "VoucherCode": "",
        "PackingNo": cart.packing_no or "",
        "SellerDeliveryNo": cart.seller_delivery_no or "",
        "PaymentNation": cart.payment_nation or "JP",
        "Gift": cart.gift or "N",
        "cod_price": 0,
        "Cart_Discount_Seller": seller_cd,
        "Cart_Discount_Qoo10": qoo10_cd,
        "SettlePrice": num(line.settle_price),
        "BranchName": "",
        "TrackingNo": line.tracking_no or "",
        "OverseaConsignment": "N",
        "OverseaConsignment_receiver": "",
        "OverseaConsignment_Country": "",
        "OverseaConsignment_zipCode": "",
        "OverseaConsignment_Addr1": "",
        "OverseaConsignment_Addr2": "",
    }


# What the buyer's or Qoo10's side of a claim adds to its rows (set by /_sandbox/claims).
CLAIM_EXTRA_KEYS = {
    "delivery_company_return": "deliveryCompanyReturn",
    "tracking_no_return": "trackingNoReturn",
    "pickup_address": "pickupAddress",
    "item_condition": "itemCondition",
    "nr_duty_target": "nrDutyTarget",
    "nr_sol_type": "nrSolType",
}


def _claim_fields(line, faults):
    extra = line.claim_extra or {}
    row = {
        "claimStatus": claim_status_value(line.claim_status, faults),
        "cancelRefundDate": line.claim_done_date or "",
        "reason": line.claim_reason or "",
        "requestDate": line.claim_request_date or "",
    }
    row.update({key: extra.get(name, "") for name, key in CLAIM_EXTRA_KEYS.items()})
    return row


def by_order_no_row(line, seller_id, faults):
    cart, buyer, recv = _common(line)
    seller_cd, qoo10_cd = _cart_discounts(line)
    s_name, s_tel, s_nation, s_zip, s_addr = _sender(cart)
    row = {
        "shippingStatus": SHIPPING_LABELS[line.status],
        "sellerID": seller_id,
        "packNo": cart.pack_no,
        "orderDate": cart.order_date,
        "PaymentDate": cart.payment_date or "",
        "DeliveredDate": line.delivered_date or "",
        "buyer": buyer.get("name", ""),
        "buyer_gata": buyer.get("kana", ""),
        "buyerTel": fmt_phone(buyer.get("phone")),
        "buyerMobile": fmt_phone(buyer.get("mobile")),
        "buyerEmail": buyer.get("email", ""),
        "OrderType": "",
        "orderNo": line.order_no,
        "itemCode": line.item_code,
        "sellerItemCode": line.seller_item_code,
        "itemTitle": line.title,
        "option": line.option,
        "optionCode": line.option_code,
        "orderPrice": num(line.price),
        "orderQty": line.qty,
        "discount": num(line.discount),
        "total": num(line.total),
        "receiver": recv.get("name", ""),
        "receiver_gata": recv.get("kana", ""),
        "shippingCountry": recv.get("country", "JP") or "JP",
        "zipCode": recv.get("zip", ""),
        "shippingAddr": recv.get("addr1", "") + recv.get("addr2", ""),
        "receiverTel": fmt_phone(recv.get("phone")),
        "receiverMobile": fmt_phone(recv.get("mobile")),
        "hopeDate": cart.hope_date or "",
        "senderName": s_name,
        "senderTel": s_tel,
        "senderNation": s_nation,
        "senderZipCode": s_zip,
        "senderAddr": s_addr,
        "ShippingWay": cart.shipping_way or "",
        "ShippingMsg": cart.message or "",
        "shippingRateType": cart.shipping_rate_type,
        "PackingNo": cart.packing_no or "",
        "SellerDeliveryNo": cart.seller_delivery_no or "",
        "VoucherCode": "",
        "PaymentMethod": cart.payment_method or "",
        "Gift": cart.gift or "N",
        "cod_price": 0,
        "Cart_Discount_Seller": seller_cd,
        "Cart_Discount_Qoo10": qoo10_cd,
        "paymentNation": cart.payment_nation or "JP",
    }
    row.update(_claim_fields(line, faults))
    row.update(
        {
            "shippingDate": line.shipping_date or "",
            "currency": cart.currency,
            "deliveryCompany": line.shipping_corp or "",
            "trackingNo": line.tracking_no or "",
            "pickupzipCode": "",
            "paymentReturnShipping": "",
            "CODCancelPrice": 0,
            "CODQrefundPrice": 0,
            "CODCancelRelatedOrder": "",
            "nrPartRefundCnt": 0,
            "nrPartRefundBalance": 0,
        }
    )
    return row


def claim_row(line, seller_id, faults):
    cart, buyer, recv = _common(line)
    row = _claim_fields(line, faults)
    row.update(
        {
            "orderDate": cart.order_date,
            "PaymentDate": cart.payment_date or "",
            "shippingDate": line.shipping_date or "",
            "DeliveredDate": line.delivered_date or "",
            "orderNo": line.order_no,
            "packNo": cart.pack_no,
            "itemCode": line.item_code,
            "sellerItemCode": line.seller_item_code,
            "itemTitle": line.title,
            "orderQty": line.qty,
            "paymentNation": cart.payment_nation or "JP",
            "currency": cart.currency,
            "paymentAmount": num(line.total),
            "deliveryCompany": line.shipping_corp or "",
            "trackingNo": line.tracking_no or "",
            "zipCode": recv.get("zip", ""),
            "paymentReturnShipping": "",
            "receiver": recv.get("name", ""),
            "receiverTel": fmt_phone(recv.get("phone")),
            "receiverMobile": fmt_phone(recv.get("mobile")),
            "buyer": buyer.get("name", ""),
            "buyerTel": fmt_phone(buyer.get("phone")),
            "buyerMobile": fmt_phone(buyer.get("mobile")),
            "CODCancelPrice": 0,
            "CODQrefundPrice": 0,
            "CODCancelRelatedOrder": "",
            "nrPartRefundCnt": 0,
            "nrPartRefundBalance": 0,
        }
    )
    return row


def patched(line, row):
    """The rows a line shows in a list answer: its ``row_patch`` applied (keys set, keys
    dropped, the row repeated, or the row replaced by any JSON value), for the bad-input
    tests; else just ``[row]``."""
    patch = line.row_patch
    if not patch:
        return [row]
    if "replace" in patch:
        return [patch["replace"]] * patch["repeat"]
    row = dict(row, **patch["set"])
    for name in patch["drop"]:
        row.pop(name, None)
    return [dict(row) for _n in range(patch["repeat"])]
