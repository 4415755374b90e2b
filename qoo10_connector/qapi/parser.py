"""One parser for every Qoo10 answer (QAPI.md §2.2, §3.1).

Order of checks: HTTP 5xx (transient) → HTTP 404 (routing) → empty body (transient) →
plain-text routing errors →
JSON (gateway ``ErrorCode`` envelope first, then ``ResultCode``) → XML envelope →
anything else is unreadable. Truncated JSON is transient (the connection broke).
"""

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from . import const
from .errors import error_for_code, excerpt, response_error, transient_error

_BOM = "\ufeff"


@dataclass(frozen=True)
class Envelope:
    """A successful (or inspected) Qoo10 answer."""

    code: int
    message: str
    result: Any = None
    raw_text: str = field(default="", repr=False)


def decode_body(body):
    """Text of a response body: UTF-8, without BOM and surrounding whitespace."""
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    body = body or ""
    return body.strip().lstrip(_BOM).strip()


def _to_int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _lookup(data, key):
    """``data[key]`` with a case-insensitive fallback; (found, value)."""
    if key in data:
        return True, data[key]
    lowered = key.lower()
    for candidate, value in data.items():
        if isinstance(candidate, str) and candidate.lower() == lowered:
            return True, value
    return False, None


def _is_truncated(text, exc):
    """True when JSON decoding failed because the text stops early."""
    if exc.pos >= len(text) - 1:
        return True
    return not text.endswith(("}", "]")) or "Unterminated string" in exc.msg


def _parse_json(text, method, secrets):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if _is_truncated(text, exc):
            raise transient_error(
                "truncated answer (%s)" % excerpt(text, secrets, 60), method
            ) from None
        raise response_error("invalid JSON", method, excerpt(text, secrets)) from None


def _envelope_from_dict(data, text, method, secrets):
    found, error_code = _lookup(data, "ErrorCode")
    if found and _to_int(error_code) not in (None, 0):
        message = excerpt(str(_lookup(data, "ErrorMsg")[1] or ""), secrets)
        raise error_for_code(_to_int(error_code), message, method)
    found, code = _lookup(data, "ResultCode")
    if not found or _to_int(code) is None:
        raise response_error("no ResultCode", method, excerpt(text, secrets))
    message = str(_lookup(data, "ResultMsg")[1] or "")
    result = _lookup(data, "ResultObject")[1]
    return Envelope(_to_int(code), message, result, text)


def _xml_value(element):
    """A plain Python value for an XML element (text, dict or list of dicts)."""
    children = list(element)
    if not children:
        return (element.text or "").strip()
    tags = [child.tag for child in children]
    if len(set(tags)) < len(tags) or all(len(child) for child in children):
        return [_xml_value(child) for child in children]
    return {child.tag: _xml_value(child) for child in children}


def _envelope_from_xml(text, method, secrets):
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        raise response_error(
            "unreadable XML/HTML", method, excerpt(text, secrets)
        ) from None
    data = {child.tag: child for child in root}
    if "ResultCode" not in data:
        raise response_error("no ResultCode", method, excerpt(text, secrets))
    result = _xml_value(data["ResultObject"]) if "ResultObject" in data else None
    values = {"ResultCode": data["ResultCode"].text, "ResultObject": result}
    values["ResultMsg"] = data["ResultMsg"].text if "ResultMsg" in data else ""
    return _envelope_from_dict(values, text, method, secrets)


def parse_response(status, body, method=None, secrets=(), retry_after=None):
    """Envelope of a Qoo10 answer, or the matching ``Qoo10Error`` raised.

    Non-zero ``ResultCode``s are *not* raised here: see :func:`check`.
    """
    text = decode_body(body)
    if status is not None and (status >= 500 or status == 429):
        detail = "HTTP %s (%s)" % (status, excerpt(text, secrets, 80))
        raise transient_error(detail, method, retry_after=retry_after, code=status)
    if (
        status == 404
    ):  # wrong host or base path (e.g. www. instead of api., QAPI.md §1.1)
        raise response_error("HTTP 404", method, excerpt(text, secrets), routing=True)
    if not text:
        raise transient_error("empty answer (HTTP %s)" % status, method)
    if text.startswith(const.ROUTING_ERROR_PREFIXES):
        raise response_error("routing", method, excerpt(text, secrets), routing=True)
    if text[0] in "{[":
        data = _parse_json(text, method, secrets)
        if not isinstance(data, dict):
            raise response_error("not an envelope", method, excerpt(text, secrets))
        return _envelope_from_dict(data, text, method, secrets)
    if text.startswith("<") and "<html" not in text[:300].lower():
        return _envelope_from_xml(text, method, secrets)
    raise response_error("not JSON (HTTP %s)" % status, method, excerpt(text, secrets))


def check(envelope, method=None, secrets=()):
    """``envelope`` when its ResultCode is 0, else raise the matching error."""
    if envelope.code == const.RESULT_OK:
        return envelope
    message = excerpt(envelope.message, secrets)
    raise error_for_code(envelope.code, message, method, envelope=envelope)


def result_rows(result, keep_invalid=False):
    """``ResultObject`` as a list of rows: null and [] → [], a single dict → [dict].

    Entries of the list that are not objects (a string, a number) are left out, or with
    ``keep_invalid`` kept as they are, for the caller to report."""
    if result is None or result == "":
        return []
    if isinstance(result, dict):
        return [result]
    if isinstance(result, list):
        return [row for row in result if keep_invalid or isinstance(row, dict)]
    return []
