"""Bulk writes: chunks of ≤ 500 rows, one JSON string in one form field (QAPI.md §4, §7, §9.2).

A failing chunk becomes failed ``RowResult``s for its rows; the other chunks still go.
Results come back in the order of the input rows.
"""

import json

from . import const, convert
from .errors import Qoo10BusinessError, Qoo10Error, Qoo10ResponseError
from .parser import result_rows
from .records import RowResult

_SUCCESS_WORDS = {"success", "成功", "ok", "0", ""}
NO_ROW_RESULT = "Qoo10 returned no result for this row"


def chunked(rows, size=const.BULK_MAX_ROWS):
    """Consecutive slices of at most ``size`` rows."""
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def run_bulk(client, method, field, payloads, keys, read_results):
    """Send ``payloads`` in chunks; ``read_results(envelope, payloads, keys)`` → RowResults."""
    results = []
    for chunk_payloads, chunk_keys in zip(
        chunked(payloads), chunked(keys), strict=False
    ):
        form = {field: json.dumps(chunk_payloads, ensure_ascii=False)}
        try:
            envelope = client.call(method, form, write=True)
        except Qoo10BusinessError as exc:
            if exc.code == const.BULK_PARTIAL_FAILURE and exc.envelope is not None:
                results += read_results(exc.envelope, chunk_payloads, chunk_keys)
            else:
                results += failed_rows(chunk_keys, exc)
        except Qoo10Error as exc:
            results += failed_rows(chunk_keys, exc)
        else:
            results += read_results(envelope, chunk_payloads, chunk_keys)
    return results


def failed_rows(keys, exc):
    """One failed RowResult per key, carrying the whole-call error.

    ``message`` is Qoo10's own message, as for per-row results (``str(error)`` when there
    is none); ``error`` is the exception, e.g. to tell an expired key from a bad row.
    """
    code = exc.code if isinstance(exc.code, int) else -1
    message = exc.message or str(exc)
    return [
        RowResult(key=key, ok=False, code=code, message=message, raw={}, error=exc)
        for key in keys
    ]


def _row_code(row):
    """First non-zero of ``result_cd`` / ``ResultCode`` (0 when both are 0 or absent)."""
    codes = [
        convert.integer(row.get(name), default=0)
        for name in ("result_cd", "ResultCode", "result_code")
    ]
    return next((code for code in codes if code), 0)


def _row_message(row):
    return convert.text(
        row.get("ResultMsg") or row.get("result_msg") or row.get("Message")
    )


# --- order bulks: ResultObject rows keyed by cont_no / contr_no (QAPI.md §7.1, §7.2) -------------
def read_order_results(envelope, payloads, keys):
    """RowResults of SetSellerCheckYNBulk / SetSendingInfoBulk."""
    by_key = {}
    for row in result_rows(envelope.result):
        key = convert.text(
            row.get("cont_no")
            or row.get("contr_no")
            or row.get("OrderNo")
            or row.get("orderNo")
        )
        by_key[key] = row
    if not by_key and envelope.code == const.RESULT_OK:
        return [
            RowResult(key=key, ok=True, code=0, message=envelope.message, raw={})
            for key in keys
        ]
    return [_order_row(key, by_key.get(key)) for key in keys]


def _order_row(key, row):
    if row is None:
        # said nothing of this row: its outcome is unknown, as for a dropped connection
        error = Qoo10ResponseError(NO_ROW_RESULT, message=NO_ROW_RESULT)
        return RowResult(
            key=key, ok=False, code=-1, message=NO_ROW_RESULT, raw={}, error=error
        )
    code = _row_code(row)
    return RowResult(
        key=key, ok=code == 0, code=code, message=_row_message(row), raw=row
    )


# --- item bulks: ResultCode 0 / -1 with a .NET-dictionary-like ResultObject (QAPI.md §9.2) --------
_ID_FIELDS = ("ItemCode", "SellerCode", "OptionCode", "OptionName", "OptionValue")
_META_KEYS = {"Count", "Keys", "Values", "Comparer"}
_NOT_NAMED = object()


def _entries(result):
    """(key, value) pairs of a partial-failure ResultObject.

    Accepted shapes: a list of row dicts; ``{Keys: [...], Values: [...]}``; a dict holding a
    list of row dicts under any key (e.g. ``Details``); a plain ``{key: outcome}`` mapping.
    """
    if isinstance(result, list):
        return [(None, row) for row in result if isinstance(row, dict)]
    if not isinstance(result, dict):
        return []
    keys, values = result.get("Keys"), result.get("Values")
    if isinstance(keys, list) and isinstance(values, list):
        return list(zip(keys, values, strict=False))
    entries = []
    for key, value in result.items():
        if isinstance(value, list):
            entries += [(None, row) for row in value if isinstance(row, dict)]
        elif key not in _META_KEYS and not isinstance(value, dict):
            entries.append((key, value))
    return entries


def _matches(key, value, payloads):
    """Indexes of the payload rows an entry speaks about."""
    if isinstance(value, dict):
        index = value.get("Index", value.get("index"))
        if isinstance(index, int) and 0 <= index < len(payloads):
            return [index]
        wanted = {n: convert.text(value.get(n)) for n in _ID_FIELDS}
        wanted = {n: v for n, v in wanted.items() if v}
        if wanted:
            return [
                i
                for i, payload in enumerate(payloads)
                if all(convert.text(payload.get(n)) == v for n, v in wanted.items())
            ]
    key = convert.text(key)
    if not key:
        return []
    return [
        i
        for i, payload in enumerate(payloads)
        if key in (convert.text(payload.get(n)) for n in _ID_FIELDS[:3])
    ]


def _entry_outcome(value):
    """(code, message) of one entry value (a row dict, a code or a message)."""
    if isinstance(value, dict):
        return _row_code(value), _row_message(value)
    code = convert.code_from_label(value)
    if code is not None:
        return code, convert.text(value)
    message = convert.text(value)
    failed = message.lower() not in _SUCCESS_WORDS
    return (const.BULK_PARTIAL_FAILURE if failed else 0), message


def read_item_results(envelope, payloads, keys):
    """RowResults of SetGoodsPriceQtyBulk / UpdateInventoryDataBulk.

    ResultCode 0: every row succeeded. -1: rows named in ``ResultObject`` take their own
    outcome (a failure wins over a success), unnamed rows succeeded; when no row can be
    identified at all, every row is failed: stock writes are absolute, resending is safe.
    """
    if envelope.code == const.RESULT_OK:
        return [
            RowResult(key=key, ok=True, code=0, message=envelope.message, raw={})
            for key in keys
        ]
    outcome = {}
    for key, value in _entries(envelope.result):
        for index in _matches(key, value, payloads):
            if index not in outcome or _entry_outcome(value)[0] != 0:
                outcome[index] = value
    if not outcome:
        message = envelope.message or "at least one row failed"
        return [
            RowResult(key=key, ok=False, code=envelope.code, message=message, raw={})
            for key in keys
        ]
    return [_item_row(key, outcome.get(i, _NOT_NAMED)) for i, key in enumerate(keys)]


def _item_row(key, value):
    if value is _NOT_NAMED:
        return RowResult(key=key, ok=True, code=0, message="", raw={})
    code, message = _entry_outcome(value)
    raw = value if isinstance(value, dict) else {"value": value}
    return RowResult(key=key, ok=code == 0, code=code, message=message, raw=raw)
