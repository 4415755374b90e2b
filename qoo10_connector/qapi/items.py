"""Item, option and stock calls of ``Qoo10Client`` (QAPI.md §9)."""

from . import const, convert
from .bulk import read_item_results, run_bulk
from .errors import Qoo10BusinessError
from .parser import result_rows
from .records import parse_item, parse_option


def _codes(item_code, seller_code):
    if not item_code and not seller_code:
        raise ValueError("item_code or seller_code is required")
    return {
        "ItemCode": convert.text(item_code),
        "SellerCode": convert.text(seller_code),
    }


def _joined(value):
    """Option names/values: a list of axes is joined with ``||*`` (QAPI.md §9.2)."""
    if isinstance(value, (list, tuple)):
        return const.OPTION_SEPARATOR.join(convert.text(v) for v in value)
    return convert.text(value)


def _fields(row):
    """A bulk row without its ``key``, which names the row's result and is not sent."""
    return {name: value for name, value in row.items() if name != "key"}


def _keys(rows, payloads):
    """Each row's result key: its ``key`` when the caller gave one, else its codes."""
    return [
        row.get("key") or payload["ItemCode"] or payload["SellerCode"]
        for row, payload in zip(rows, payloads, strict=True)
    ]


def _qty(qty):
    return str(int(qty))


class ItemsMixin:
    """Needs ``self.call`` and ``self.tz``."""

    # --- reads -------------------------------------------------------------------------------
    def get_all_items(self, status="S2"):
        """Every listing with ``status`` (S0..S8), all pages of 500."""
        items, page, total_pages = [], 1, 1
        while page <= min(total_pages, const.MAX_ITEM_PAGES):
            envelope = self.call(
                const.M_ALL_ITEMS, {"ItemStatus": status, "Page": str(page)}
            )
            rows, total_pages = self._items_page(envelope.result)
            items += [parse_item(row, self.tz) for row in rows]
            if not rows:
                break
            page += 1
        return items

    @staticmethod
    def _items_page(result):
        """(rows, total pages) of one GetAllGoodsInfo answer."""
        if isinstance(result, dict):
            rows = result_rows(result.get("Items"))
            return rows, convert.integer(result.get("TotalPages"), default=1)
        return result_rows(result), 1

    def get_item_detail(self, item_code=None, seller_code=None):
        """One listing (QAPIVersion 1.2), or None when Qoo10 finds no such item."""
        try:
            envelope = self.call(const.M_ITEM_DETAIL, _codes(item_code, seller_code))
        except Qoo10BusinessError as exc:
            if exc.code == const.CODE_ITEM_NOT_FOUND:
                return None
            raise
        rows = result_rows(envelope.result)
        return parse_item(rows[0], self.tz) if rows else None

    def get_inventory(self, item_code=None, seller_code=None):
        """Combination options of a listing with their qty and option code."""
        params = _codes(item_code, seller_code)
        rows = result_rows(self.call(const.M_INVENTORY, params).result)
        return [
            parse_option(row, params["ItemCode"], params["SellerCode"]) for row in rows
        ]

    # --- writes ------------------------------------------------------------------------------
    @staticmethod
    def _price_qty_payload(item_code, seller_code, qty, price=None):
        """Never carries ExpireDate: an empty one makes Qoo10 reset the sale end (§9.2)."""
        payload = {
            "ItemCode": convert.text(item_code),
            "SellerCode": convert.text(seller_code),
            "Qty": _qty(qty),
        }
        if price is not None:
            payload["Price"] = str(price)
        return payload

    def set_goods_price_qty(self, item_code, seller_code, qty, price=None):
        """Absolute qty (and optionally price) of a listing without combination options."""
        self.call(
            const.M_PRICE_QTY,
            self._price_qty_payload(item_code, seller_code, qty, price),
            write=True,
        )

    def set_goods_price_qty_bulk(self, rows):
        """Many listings; rows of ``item_code, seller_code, qty[, price, key]``.

        One RowResult per row, under the row's ``key`` (default: its item or seller code)."""
        payloads = [self._price_qty_payload(**_fields(row)) for row in rows]
        keys = _keys(rows, payloads)
        return run_bulk(
            self,
            const.M_PRICE_QTY_BULK,
            "ItemInfoJson",
            payloads,
            keys,
            read_item_results,
        )

    @staticmethod
    def _option_payload(
        item_code, seller_code, option_name, option_value, option_code, qty, price=None
    ):
        payload = {
            "ItemCode": convert.text(item_code),
            "SellerCode": convert.text(seller_code),
            "OptionName": _joined(option_name),
            "OptionValue": _joined(option_value),
            "OptionCode": convert.text(option_code),
            "Qty": _qty(qty),
        }
        if price is not None:
            payload["Price"] = str(price)
        return payload

    def update_inventory_qty(
        self, item_code, seller_code, option_name, option_value, option_code, qty
    ):
        """Absolute qty of one combination option (row matched by name + value)."""
        payload = self._option_payload(
            item_code, seller_code, option_name, option_value, option_code, qty
        )
        self.call(const.M_INVENTORY_QTY, payload, write=True)

    def update_inventory_data_bulk(self, rows):
        """Qty (and price) of many options; rows as ``update_inventory_qty`` + ``price, key``.

        One RowResult per row, under the row's ``key`` (default: its item or seller code)."""
        payloads = [self._option_payload(**_fields(row)) for row in rows]
        keys = _keys(rows, payloads)
        return run_bulk(
            self,
            const.M_INVENTORY_BULK,
            "ItemInfoJson",
            payloads,
            keys,
            read_item_results,
        )
