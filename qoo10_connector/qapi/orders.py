"""Order, confirmation, shipping and claim calls of ``Qoo10Client`` (QAPI.md §6–§8)."""

from . import const, convert
from .bulk import read_order_results, run_bulk
from .errors import Qoo10BusinessError, Qoo10RoutingError, error_for_code
from .parser import result_rows
from .records import parse_claim, parse_order_line

VERSIONS = ("v3", "v2", "auto")


def _status_param(status):
    return str(int(status)) if status else "0"


class OrdersMixin:
    """Needs ``self.call``, ``self.tz``, ``self.logger`` and ``self.shipping_version``."""

    # --- searches ---------------------------------------------------------------------------
    def _check_period(self, method, start, end):
        """Refuse a search Qoo10 would refuse (> 90 days, end before start) before calling."""
        if convert.period_reversed(start, end, self.tz):
            code = const.CODE_INVALID_DATE[method]
            raise error_for_code(
                code, "the search end date is before its start date", method
            )
        if convert.period_exceeds(start, end, self.tz, const.MAX_SEARCH_DAYS):
            code = const.CODE_PERIOD_TOO_LONG[method]
            message = "the search period exceeds %d days" % const.MAX_SEARCH_DAYS
            raise error_for_code(code, message, method)

    def _search_dates(self, start, end):
        return (
            convert.format_search_datetime(start, self.tz),
            convert.format_search_datetime(end, self.tz, end=True),
        )

    def get_shipping_info(self, status, start, end, condition=2, version="v3"):
        """Order lines by shipping status over ``start``..``end`` (naive = shop time).

        ``version``: "v3", "v2" or "auto" (v3; on a v3 date-format or unknown-method error,
        v2 from then on for this client).
        """
        if version not in VERSIONS:
            raise ValueError("version must be one of %s" % (VERSIONS,))
        self._check_period(const.M_SHIPPING_V3, start, end)
        if version == "auto":
            return self._shipping_info_auto(status, start, end, condition)
        fetch = self._shipping_info_v3 if version == "v3" else self._shipping_info_v2
        return fetch(status, start, end, condition)

    def _shipping_info_auto(self, status, start, end, condition):
        if self.shipping_version == "v2":
            return self._shipping_info_v2(status, start, end, condition)
        try:
            return self._shipping_info_v3(status, start, end, condition)
        except (Qoo10RoutingError, Qoo10BusinessError) as exc:
            if (
                isinstance(exc, Qoo10BusinessError)
                and exc.code != const.CODE_INVALID_DATE[const.M_SHIPPING_V3]
            ):
                raise
            self.logger.warning(
                "Qoo10 GetShippingInfo_v3 refused (%s); using GetShippingInfo_v2 from now on",
                exc.code or type(exc).__name__,
            )
            self.shipping_version = "v2"
            return self._shipping_info_v2(status, start, end, condition)

    def _shipping_info_v3(self, status, start, end, condition):
        date_from, date_to = self._search_dates(start, end)
        params = {
            "ShippingStatus": _status_param(status),
            "SearchStartDate": date_from,
            "SearchEndDate": date_to,
            "SearchCondition": str(condition),
        }
        result = self.call(const.M_SHIPPING_V3, params).result
        rows = result_rows(result, keep_invalid=True)
        return [parse_order_line(row, self.tz, "v3") for row in rows]

    def _shipping_info_v2(self, status, start, end, condition):
        """v2 documents no "all" status: status 0/None asks for 1, 2 and 3 one by one."""
        date_from, date_to = self._search_dates(start, end)
        lines, seen = [], set()
        for code in [status] if status else const.SHIPPING_STATUS_DEFAULT_V3:
            params = {
                "ShippingStat": str(int(code)),
                "search_Sdate": date_from,
                "search_Edate": date_to,
                "search_condition": str(condition),
            }
            result = self.call(const.M_SHIPPING_V2, params).result
            for row in result_rows(result, keep_invalid=True):
                line = parse_order_line(row, self.tz, "v2")
                if not line.readable:
                    lines.append(line)
                elif line.order_no not in seen:
                    seen.add(line.order_no)
                    lines.append(line)
        return lines

    def get_order(self, order_no):
        """One order line with its claim fields, or None when Qoo10 does not know it."""
        try:
            envelope = self.call(const.M_ORDER, {"OrderNo": str(order_no)})
        except Qoo10BusinessError as exc:
            if exc.code in const.ORDER_UNKNOWN_CODES:
                return None
            raise
        rows = result_rows(envelope.result, keep_invalid=True)
        return parse_order_line(rows[0], self.tz, "v2-single") if rows else None

    def get_claims(self, start, end, claim_status=None, condition=2):
        """Claims (cancel/return/exchange/non-receipt) over ``start``..``end``."""
        self._check_period(const.M_CLAIMS, start, end)
        date_from, date_to = self._search_dates(start, end)
        params = {
            "ClaimStat": str(int(claim_status)) if claim_status else "",
            "search_Sdate": date_from,
            "search_Edate": date_to,
            "search_condition": str(condition),
        }
        rows = result_rows(self.call(const.M_CLAIMS, params).result)
        return [parse_claim(row, self.tz) for row in rows]

    # --- writes -------------------------------------------------------------------------------
    def _seller_check_payload(
        self, order_no, est_ship_date, delay_type=None, delay_memo=""
    ):
        return {
            "OrderNo": str(order_no),
            "EstShipDt": convert.format_ship_date(est_ship_date, self.tz),
            "DelayType": "" if delay_type in (None, "", 0) else str(delay_type),
            "DelayMemo": delay_memo or "",
        }

    def set_seller_check(self, order_no, est_ship_date, delay_type=None, delay_memo=""):
        """Confirm one order line (2 → 3) with its planned ship date."""
        payload = self._seller_check_payload(
            order_no, est_ship_date, delay_type, delay_memo
        )
        self.call(const.M_SELLER_CHECK, payload, write=True)

    def set_seller_check_bulk(self, rows):
        """Confirm many lines; rows of ``order_no, est_ship_date[, delay_type, delay_memo]``."""
        payloads = [self._seller_check_payload(**row) for row in rows]
        keys = [payload["OrderNo"] for payload in payloads]
        return run_bulk(
            self,
            const.M_SELLER_CHECK_BULK,
            "SendPlanDtInfoJson",
            payloads,
            keys,
            read_order_results,
        )

    @staticmethod
    def _sending_payload(order_no, shipping_corp, tracking_no):
        return {
            "OrderNo": str(order_no),
            "ShippingCorp": shipping_corp or "",
            "TrackingNo": str(tracking_no or ""),
        }

    def set_sending_info(self, order_no, shipping_corp, tracking_no):
        """Send carrier name and tracking number of one order line (→ 4)."""
        self.call(
            const.M_SENDING,
            self._sending_payload(order_no, shipping_corp, tracking_no),
            write=True,
        )

    def set_sending_info_bulk(self, rows):
        """Send tracking for many lines; rows of ``order_no, shipping_corp, tracking_no``."""
        payloads = [self._sending_payload(**row) for row in rows]
        keys = [payload["OrderNo"] for payload in payloads]
        return run_bulk(
            self,
            const.M_SENDING_BULK,
            "ShippingInfoJson",
            payloads,
            keys,
            read_order_results,
        )

    def cancel_order_line(self, order_no, reason="", memo=""):
        """Seller-side cancel of one order line (reason "" = out of stock, see const.CANCEL_REASONS)."""
        params = {
            "ContrNo": str(order_no),
            "CancelReason": "" if reason in (None, "") else str(reason),
            "SellerMemo": memo or "",
            "returnFeeStat": "",
        }
        self.call(const.M_CANCEL, params, write=True)
