"""Field tables: which raw Qoo10 keys feed which record attribute, and how to convert them.

v2, v3 and single-order (``GetShippingAndClaimInfoByOrderNo_V2``) rows spell their keys
differently (QAPI.md §6.5, §6.6, §6.8); each row below lists every known spelling, and a
case- and underscore-insensitive lookup catches the rest.
"""

from . import convert

# kind → converter(value, tz); "missing" handling is in _convert().
_CONVERTERS = {
    "str": lambda v, tz: convert.text(v),
    "int": lambda v, tz: convert.integer(v),
    "dec": lambda v, tz: convert.decimal(v),
    "dt": convert.parse_datetime,
    "phone": lambda v, tz: convert.phone(v),
    "code": lambda v, tz: convert.code_from_label(v),
    "list": lambda v, tz: convert.split_list(v),
}
# Kinds whose value is None when the key is absent (instead of the empty value).
_NONE_WHEN_MISSING = {"dec?": "dec", "str?": "str", "int?": "int"}


def _norm(key):
    return key.replace("_", "").lower() if isinstance(key, str) else key


class Row:
    """Key lookup over one raw row: exact spellings first, then case/underscore-insensitive."""

    def __init__(self, raw):
        self.raw = raw if isinstance(raw, dict) else {}
        self._folded = {}
        for key, value in self.raw.items():
            self._folded.setdefault(_norm(key), value)

    def get(self, keys):
        """(found, value) for the first of ``keys`` present in the row."""
        for key in keys:
            if key in self.raw:
                return True, self.raw[key]
        for key in keys:
            folded = _norm(key)
            if folded in self._folded:
                return True, self._folded[folded]
        return False, None


def _convert(row, kind, keys, tz):
    found, value = row.get(keys)
    if kind in _NONE_WHEN_MISSING:
        if not found or (kind == "int?" and convert.text(value) == ""):
            return None
        kind = _NONE_WHEN_MISSING[kind]
    return _CONVERTERS[kind](value, tz)


def build_values(raw, spec, tz):
    """``{attr: value}`` for a field ``spec`` of ``(attr, kind, keys)`` rows."""
    row = Row(raw)
    return {attr: _convert(row, kind, keys, tz) for attr, kind, keys in spec}


# --- Order lines (QAPI.md §6.5 v2, §6.6 v3, §6.8 single order) -----------------------
ORDER_LINE_FIELDS = (
    ("order_no", "str", ("OrderNo", "orderNo")),
    ("pack_no", "str", ("PackNo", "packNo")),
    ("status", "code", ("ShippingStatus", "shippingStatus")),
    ("status_label", "str", ("ShippingStatus", "shippingStatus")),
    ("order_date", "dt", ("OrderDate", "orderDate")),
    ("payment_date", "dt", ("PaymentDate",)),
    ("est_shipping_date", "dt", ("EstimatedShippingDate", "EstShippingDate")),
    ("shipping_date", "dt", ("ShippingDate", "shippingDate")),
    ("delivered_date", "dt", ("DeliveredDate",)),
    ("buyer_name", "str", ("Buyer", "buyer")),
    ("buyer_kana", "str", ("BuyerKana", "buyer_gata")),
    ("buyer_email", "str", ("BuyerEmail", "buyerEmail")),
    ("buyer_phone", "phone", ("BuyerTel", "buyerTel")),
    ("buyer_mobile", "phone", ("BuyerMobile", "buyerMobile")),
    ("receiver_name", "str", ("Receiver", "receiver")),
    ("receiver_kana", "str", ("ReceiverKana", "receiver_gata")),
    ("zip_code", "str", ("ZipCode", "zipCode", "zipcode")),
    ("address", "str", ("ShippingAddress", "shippingAddr")),
    ("address1", "str", ("Address1", "Addr1")),
    ("address2", "str", ("Address2", "Addr2")),
    ("country", "str?", ("shippingCountry", "ShippingCountry")),
    ("receiver_phone", "phone", ("ReceiverTel", "receiverTel")),
    ("receiver_mobile", "phone", ("ReceiverMobile", "receiverMobile")),
    ("desired_delivery", "str", ("DesiredDeliveryDate", "hopeDate")),
    ("shipping_message", "str", ("ShippingMessage", "ShippingMsg")),
    ("payment_method", "str", ("PaymentMethod",)),
    ("item_code", "str", ("ItemNo", "itemCode", "ItemCode")),
    ("seller_item_code", "str", ("SellerItemCode", "sellerItemCode")),
    ("item_title", "str", ("ItemTitle", "itemTitle")),
    ("option_text", "str", ("Option", "option")),
    ("option_code", "str", ("OptionCode", "optionCode")),
    ("unit_price", "dec", ("OrderPrice", "orderPrice")),
    ("qty", "int", ("OrderQty", "orderQty")),
    ("discount", "dec", ("Discount", "discount")),
    ("total", "dec", ("Total", "total")),
    ("seller_discount", "dec", ("SellerDiscount",)),
    ("cart_discount_seller", "dec", ("CartDiscountSeller", "Cart_Discount_Seller")),
    ("cart_discount_qoo10", "dec", ("CartDiscountQoo10", "Cart_Discount_Qoo10")),
    ("settle_price", "dec", ("SettlePrice",)),
    ("shipping_rate", "dec?", ("ShippingRate",)),
    ("shipping_rate_type", "str", ("ShippingRateType", "shippingRateType")),
    ("currency", "str", ("Currency", "currency")),
    ("related_orders", "list", ("RelatedOrder",)),
    ("delivery_company", "str", ("DeliveryCompany", "deliveryCompany")),
    ("tracking_no", "str", ("TrackingNo", "trackingNo")),
    ("packing_no", "str", ("PackingNo",)),
    ("seller_delivery_no", "str", ("SellerDeliveryNo",)),
    ("payment_nation", "str", ("PaymentNation", "paymentNation")),
    ("claim_status", "code", ("claimStatus", "ClaimStatus")),
    # Further keys of §6.5/§6.6/§6.8, kept for audit and later use.
    ("seller_id", "str", ("SellerID", "sellerID")),
    ("order_type", "str", ("OrderType",)),
    ("shipping_way", "str", ("ShippingWay",)),
    ("voucher_code", "str", ("VoucherCode",)),
    ("gift", "str", ("Gift",)),
    ("cod_price", "dec", ("cod_price", "CodPrice")),
    ("branch_name", "str", ("BranchName",)),
    ("sender_name", "str", ("SenderName", "senderName")),
    ("sender_phone", "phone", ("SenderTel", "senderTel")),
    ("sender_country", "str", ("SenderNation", "senderNation")),
    ("sender_zip_code", "str", ("SenderZipCode", "senderZipCode")),
    ("sender_address", "str", ("SenderAddress", "senderAddr")),
    ("material", "str", ("Material",)),
    ("available_send_type", "str", ("AvailableSendType",)),
    ("available_shipping_date", "dt", ("AvailableShippingDate",)),
    ("oversea_consignment", "str", ("OverseaConsignment",)),
    ("oversea_receiver", "str", ("OverseaConsignment_receiver",)),
    ("oversea_country", "str", ("OverseaConsignment_Country",)),
    ("oversea_zip_code", "str", ("OverseaConsignment_zipCode",)),
    ("oversea_address1", "str", ("OverseaConsignment_Addr1",)),
    ("oversea_address2", "str", ("OverseaConsignment_Addr2",)),
    ("claim_label", "str", ("claimStatus", "ClaimStatus")),
    ("claim_reason", "str", ("reason", "Reason")),
    ("claim_request_date", "dt", ("requestDate", "RequestDate")),
    ("cancel_refund_date", "dt", ("cancelRefundDate", "CancelRefundDate")),
    ("delivery_company_return", "str", ("deliveryCompanyReturn",)),
    ("tracking_no_return", "str", ("trackingNoReturn",)),
    ("pickup_address", "str", ("pickupAddress",)),
    ("pickup_zip_code", "str", ("pickupzipCode", "pickupZipCode")),
    ("payment_return_shipping", "str", ("paymentReturnShipping",)),
    ("item_condition", "str", ("itemCondition",)),
    ("cod_cancel_price", "dec", ("CODCancelPrice",)),
    ("cod_qrefund_price", "dec", ("CODQrefundPrice",)),
    ("cod_cancel_related_order", "str", ("CODCancelRelatedOrder",)),
    ("nr_duty_target", "str", ("nrDutyTarget",)),
    ("nr_sol_type", "str", ("nrSolType",)),
    ("nr_part_refund_cnt", "int", ("nrPartRefundCnt",)),
    ("nr_part_refund_balance", "dec", ("nrPartRefundBalance",)),
)


# --- Claims (QAPI.md §8.1) --------------------------------------------------------
CLAIM_FIELDS = (
    ("order_no", "str", ("orderNo", "OrderNo")),
    ("pack_no", "str", ("packNo", "PackNo")),
    ("claim_label", "str", ("claimStatus", "ClaimStatus")),
    ("reason", "str", ("reason", "Reason")),
    ("request_date", "dt", ("requestDate", "RequestDate")),
    ("cancel_refund_date", "dt", ("cancelRefundDate", "CancelRefundDate")),
    ("item_code", "str", ("itemCode", "ItemNo", "ItemCode")),
    ("seller_item_code", "str", ("sellerItemCode", "SellerItemCode")),
    ("item_title", "str", ("itemTitle", "ItemTitle")),
    ("qty", "int", ("orderQty", "OrderQty")),
    ("currency", "str", ("currency", "Currency")),
    ("payment_amount", "dec", ("paymentAmount", "PaymentAmount")),
    ("order_date", "dt", ("orderDate", "OrderDate")),
    ("payment_date", "dt", ("PaymentDate",)),
    ("shipping_date", "dt", ("shippingDate", "ShippingDate")),
    ("delivered_date", "dt", ("DeliveredDate",)),
    ("payment_nation", "str", ("paymentNation", "PaymentNation")),
    ("delivery_company", "str", ("deliveryCompany", "DeliveryCompany")),
    ("tracking_no", "str", ("trackingNo", "TrackingNo")),
    ("delivery_company_return", "str", ("deliveryCompanyReturn",)),
    ("tracking_no_return", "str", ("trackingNoReturn",)),
    ("buyer_name", "str", ("buyer", "Buyer")),
    ("receiver_name", "str", ("receiver", "Receiver")),
    ("pickup_address", "str", ("pickupAddress",)),
    ("item_condition", "str", ("itemCondition",)),
    ("nr_duty_target", "str", ("nrDutyTarget",)),
    ("nr_sol_type", "str", ("nrSolType",)),
)


# --- Items and options (QAPI.md §9.1) --------------------------------------------------
ITEM_FIELDS = (
    ("item_code", "str", ("ItemCode",)),
    ("seller_code", "str", ("SellerCode",)),
    ("status", "str", ("ItemStatus",)),
    ("title", "str", ("ItemTitle",)),
    ("price", "dec", ("ItemPrice",)),
    ("qty", "int?", ("ItemQty",)),
    ("settle_price", "dec", ("SettlePrice",)),
    ("retail_price", "dec", ("RetailPrice",)),
    ("tax_rate", "str", ("TaxRate",)),
    ("expire_date", "str", ("ExpireDate",)),
)
