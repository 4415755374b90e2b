"""Item methods: goods lookups, price and quantity, option inventory, status, brands."""

import json
from datetime import date, timedelta

from . import data as D
from .core import MAX_BULK, Params, QErr, done, empty, ok, qapi
from .util import fmt_dt, num, settle_90, to_decimal

ITEM_STATUSES = ("S0", "S1", "S2", "S3", "S4", "S5", "S8")


@qapi("CommonInfoLookup.SearchBrand")
def search_brand(ctx):
    keyword = ctx.p.get("keyword").strip().lower()
    rows = [
        {"M_B_NO": no, "M_B_NM": name}
        for no, name in D.BRANDS
        if keyword and keyword in name.lower()
    ]
    return ok(rows or empty(ctx, False))


def _item(ctx, params=None):
    """The item named by ItemCode and/or SellerCode, or -10001."""
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
    """The quantity QAPI shows: the sum of the options when the item has any."""
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
    if item.detail_error:
        raise _proc_err(item.detail_error)
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
    item = _item(ctx)
    rows = [
        {
            "Name": opt["name"],
            "Value": opt["value"],
            "Price": num(opt["price"]),
            "OptionCode": opt["code"],
        }
        for opt in item.single_options
    ]
    return ok(rows or empty(ctx, False))


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


def _refused_stock_row(ctx, params):
    """The fault refuse_stock_codes: Qoo10 refuses this row, the others go through."""
    refused = set(ctx.faults.get("refuse_stock_codes") or ())
    codes = {
        params.get(name).strip() for name in ("ItemCode", "SellerCode", "OptionCode")
    }
    if refused & (codes - {""}):
        raise QErr(-10010, "This item cannot be edited now (sandbox fault).")


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
            _refused_stock_row(ctx, params)
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
