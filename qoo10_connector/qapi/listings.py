"""Reading a shop's catalogue: every listing of every status and its options (QAPI.md §9.1).

GetAllGoodsInfo takes one ``ItemStatus`` a call and answers pages of 500 rows with only the
codes and the status; GetItemDetailInfo gives the title, price and quantity, and
GetGoodsInventoryInfo / GetGoodsOptionInfo the combination and single-type options.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from . import const, convert
from .errors import Qoo10BusinessError
from .parser import result_rows
from .records import (
    ItemPage,
    ListingRead,
    parse_item,
    parse_single_option,
)


def _page_parts(result):
    """(rows, total pages, total items) of one GetAllGoodsInfo answer (object or bare list)."""
    if isinstance(result, dict):
        rows = result_rows(result.get("Items"))
        pages = convert.integer(result.get("TotalPages"), default=1 if rows else 0)
        total = convert.integer(result.get("TotalItems"), default=len(rows))
        return rows, pages, total
    rows = result_rows(result)
    return rows, 1 if rows else 0, len(rows)


class ListingsMixin:
    """Needs ``self.call``, ``self.tz`` and ``get_item_detail`` / ``get_inventory``."""

    def get_items_page(self, status, page=1):
        """One page of the listings with ``status``; a refused status is an empty page
        carrying Qoo10's message (``refused``) instead of an error."""
        try:
            envelope = self.call(
                const.M_ALL_ITEMS, {"ItemStatus": status, "Page": str(page)}
            )
        except Qoo10BusinessError as exc:
            if exc.code != const.CODE_INVALID_ITEM_STATUS:
                raise
            return ItemPage(status=status, page=page, refused=exc.message or str(exc))
        rows, pages, total = _page_parts(envelope.result)
        items = []
        for row in rows:
            item = parse_item(row, self.tz)
            items.append(item if item.status else replace(item, status=status))
        return ItemPage(
            status=status,
            page=page,
            total_pages=min(pages, const.MAX_ITEM_PAGES),
            total_items=total,
            items=items,
            raw=envelope.result,
        )

    def iter_item_pages(self, statuses=const.ITEM_STATUSES_READ):
        """Every page of every status, in order; stops a status at its first empty page."""
        for status in statuses:
            page = 1
            while True:
                answer = self.get_items_page(status, page)
                yield answer
                if not answer.items or page >= answer.total_pages:
                    break
                page += 1

    def get_all_listings(self, statuses=const.ITEM_STATUSES_READ):
        """Every listing of the shop (one ``Item`` per item code, first status wins)."""
        found = {}
        for answer in self.iter_item_pages(statuses):
            for item in answer.items:
                found.setdefault(item.item_code or item.seller_code, item)
        return list(found.values())

    def get_single_options(self, item_code=None, seller_code=None):
        """Single-type (independent) options of a listing: name, value, price, code."""
        params = {
            "ItemCode": convert.text(item_code),
            "SellerCode": convert.text(seller_code),
        }
        rows = result_rows(self.call(const.M_SINGLE_OPTIONS, params).result)
        return [
            parse_single_option(row, params["ItemCode"], params["SellerCode"])
            for row in rows
        ]

    def read_listing(self, item, single_options=True):
        """Detail and options of one listing row of GetAllGoodsInfo (a ``ListingRead``).

        When Qoo10 shows no detail for the item's status (-10009, QAPI.md §3.2 [U]) the list
        row is kept and no option is read; an item Qoo10 no longer finds has no detail."""
        codes = {"item_code": item.item_code, "seller_code": item.seller_code}
        try:
            detail = self.get_item_detail(**codes)
        except Qoo10BusinessError as exc:
            if exc.code != const.CODE_ITEM_STATUS_NOT_READABLE:
                raise
            return ListingRead(item=item, detail_read=False, message=exc.message)
        if detail is None:
            return ListingRead(item=item, detail_read=False)
        if not detail.status:
            detail = replace(detail, status=item.status)
        return ListingRead(
            item=detail,
            options=self.get_inventory(**codes),
            single_options=self.get_single_options(**codes) if single_options else [],
        )

    def read_listings(self, items, workers=1, single_options=True):
        """``read_listing`` of each item, ``workers`` at a time, in the items' order.

        Each result is the ``ListingRead`` or the exception that item raised: the caller
        sorts what is about one item from what is about the shop. The calls share this
        client (its session and its throttle, which still spaces them per shop)."""

        def one(item):
            try:
                return self.read_listing(item, single_options)
            except Exception as exc:  # noqa: BLE001 - handed back to the caller
                return exc

        if workers <= 1 or len(items) <= 1:
            return [one(item) for item in items]
        with ThreadPoolExecutor(max_workers=min(workers, len(items))) as pool:
            return list(pool.map(one, items))
