"""The sandbox's HTTP layer: routing to QAPI or the control API, fault injection, XML.

``ThreadingHTTPServer`` from the standard library, so the sandbox also runs in a plain
``python:3.12-slim`` container.
"""

import json
import sys
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from . import control, dispatch
from .core import Params
from .state import RATE_KINDS, State
from .util import fmt_dt

QAPI_BASES = (
    "/gmkt.inc.front.qapiservice/ebayjapan.qapi",
    "/gmkt.inc.front.qapiservice/giosis.qapi",
)
SECRET_PARAMS = {"key", "pwd", "password", "giosiscertificationkey"}
BAD_GATEWAY_HTML = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
ERROR_HTML = (
    "<!DOCTYPE html>\r\n<html>\r\n<head><title>Runtime Error</title></head>\r\n<body>\r\n"
    "<h1>Server Error in '/GMKT.INC.Front.QAPIService' Application.</h1>\r\n"
    "<h2><i>Runtime Error</i></h2>\r\n<p>An application error occurred on the server.</p>\r\n"
    "</body>\r\n</html>\r\n"
)


# faults whose request is not executed unless faults_apply (only the answer is lost then)
LOST = ("drop", "bad_gateway", "unavailable", "html_error", "empty")
UNAVAILABLE_TEXT = "The service is unavailable."


class SandboxServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, state=None, verbose=False):
        super().__init__(address, Handler)
        self.state = state or State()
        self.verbose = verbose

    @property
    def url(self):
        host, port = self.server_address[:2]
        return "http://%s:%d" % (host, port)


def _method_matches(name, wanted):
    if not wanted:
        return True
    name = (name or "").lower()
    short = name.split(".", 1)[-1]
    return any(w.lower() in (name, short) for w in wanted)


def _take_fault(state, method_name):
    """Pick (and consume) the next counter fault for this QAPI request, if any."""
    faults = state.faults
    if not _method_matches(method_name, faults.get("methods")):
        return None, 0
    latency = faults.get("latency_ms", 0)
    if faults.get("slow_next", 0) > 0:
        faults["slow_next"] -= 1
        latency += faults.get("slow_ms", 0)
    if faults.get("pass_next", 0) > 0:
        faults["pass_next"] -= 1
    else:
        for kind in (
            "drop_next",
            "bad_gateway_next",
            "html_error_next",
            "truncate_next",
        ):
            if faults.get(kind, 0) > 0:
                faults[kind] -= 1
                return kind[:-5], latency
    if (
        faults.get("rate_percent")
        and state.fault_rng.random() * 100 < faults["rate_percent"]
    ):
        kind = state.fault_rng.choice(faults.get("rate_kinds") or RATE_KINDS)
        if kind == "slow":
            return kind, latency + faults.get("slow_ms", 0)
        return kind, latency
    return None, latency


def _take_hold(state, method_name):
    """Milliseconds to hold this call's answer after running it (``hold_next``)."""
    faults = state.faults
    if faults.get("hold_next", 0) <= 0:
        return 0
    if not _method_matches(method_name, faults.get("methods")):
        return 0
    faults["hold_next"] -= 1
    return faults.get("hold_ms", 0)


def _keys_fail(state):
    """Expire or revoke every key when the countdown of keys_expire_in /
    keys_revoke_in reaches this call (a key that dies in the middle of a run)."""
    faults = state.faults
    for name in ("keys_expire_in", "keys_revoke_in"):
        if faults.get(name, 0) > 0:
            faults[name] -= 1
            if faults[name] == 0 and name == "keys_expire_in":
                state.expire_keys()
            elif faults[name] == 0:
                for user_id in list(state.sellers):
                    state.revoke_keys(user_id)


def _mask(params):
    return {k: ("***" if k.lower() in SECRET_PARAMS else v) for k, v in params.items()}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body go out as two writes: without this, Nagle + delayed ACK add ~40 ms
    # to every keep-alive request on loopback
    disable_nagle_algorithm = True
    server_version = "Qoo10Sandbox/1.0"

    # -- plumbing --------------------------------------------------------------
    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0] or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, status, body, content_type):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "private")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_json(self, status, obj):
        self._send(
            status,
            json.dumps(obj, ensure_ascii=False),
            "application/json; charset=utf-8",
        )

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def _dispatch(self):
        try:
            url = urlsplit(self.path)
            body = self._read_body()
            path = unquote(url.path)
            if path.startswith("/_sandbox/"):
                self._control(path, url.query, body)
            elif any(
                path.lower().rstrip("/") == b or path.lower().startswith(b + "/")
                for b in QAPI_BASES
            ):
                self._qapi(path, url.query, body)
            else:
                self._send(404, "Not Found", "text/plain; charset=utf-8")
        except (ConnectionError, BrokenPipeError):
            self.close_connection = True
        except Exception:  # a sandbox bug: answer 500 instead of a silent drop
            traceback.print_exc()
            self.close_connection = True
            try:
                self._send(500, "sandbox internal error", "text/plain; charset=utf-8")
            except OSError:
                pass

    # -- control API -----------------------------------------------------------
    def _control(self, path, query, body):
        payload = None
        if self.command == "POST":
            try:
                payload = json.loads(body.decode("utf-8")) if body.strip() else {}
            except ValueError:
                self._send_json(400, {"error": "body must be JSON"})
                return
            if not isinstance(payload, dict):
                self._send_json(400, {"error": "body must be a JSON object"})
                return
        status, result = control.handle(
            self.server.state,
            self.command,
            path,
            control.parse_query(query),
            payload,
        )
        self._send_json(status, result)

    # -- QAPI --------------------------------------------------------------------
    def _qapi(self, path, query, body):
        state = self.server.state
        pairs = parse_qsl(query, keep_blank_values=True, encoding="utf-8")
        ctype = (self.headers.get("Content-Type") or "").lower()
        if body and "json" not in ctype:
            pairs += parse_qsl(
                body.decode("utf-8", "replace"),
                keep_blank_values=True,
                encoding="utf-8",
            )
        params = Params(pairs)
        base_len = next(len(b) for b in QAPI_BASES if path.lower().startswith(b))
        method_name = path[base_len:].strip("/") or params.get("method")
        key = self.headers.get("GiosisCertificationKey") or params.get("key")
        version = self.headers.get("QAPIVersion") or params.get("v") or "1.0"
        form = "A" if path[base_len:].strip("/") else "B"

        with state.lock:
            _keys_fail(state)
            fault, latency = _take_fault(state, method_name)
            hold = _take_hold(state, method_name)
            bom = state.faults.get("bom", False)
            apply_anyway = state.faults.get("faults_apply", False)
        if latency:
            time.sleep(latency / 1000.0)
        skip = fault in LOST and not apply_anyway
        with state.lock:
            if skip:
                result, info = None, {"method": method_name, "user_id": None}
                resolved = dispatch.resolve(method_name)
                if not isinstance(resolved, str):
                    info["method"] = resolved[0]
            else:
                result, info = dispatch.call(state, method_name, params, key, version)
            entry = {
                "method": info["method"],
                "params": _mask(params.raw),
                "ts": fmt_dt(state.now()),
                "wall": round(time.time(), 3),
                "http": self.command,
                "form": form,
                "version": version,
                "user_id": info.get("user_id"),
                "fault": fault or ("hold" if hold else None),
            }
            if isinstance(result, dict):
                entry["result_code"] = result.get("ResultCode", result.get("ErrorCode"))
            state.log_call(entry)
        if hold:
            time.sleep(hold / 1000.0)

        if fault == "drop":
            self.close_connection = True
            return
        if fault == "bad_gateway":
            self._send(502, BAD_GATEWAY_HTML, "text/html")
            self.close_connection = True
            return
        if fault == "html_error":
            self._send(200, ERROR_HTML, "text/html; charset=utf-8")
            return
        if fault == "unavailable":
            self._send(503, UNAVAILABLE_TEXT, "text/html")
            return
        if fault == "empty":
            self._send(200, b"", "application/json; charset=utf-8")
            return
        if isinstance(result, str):  # routing error: plain text, HTTP 200
            self._send(200, result, "text/plain; charset=utf-8")
            return
        return_type = (params.get("returnType") or "").lower()
        if "xml" in return_type:
            text, ctype_out = to_xml(result, info["method"]), "text/xml; charset=utf-8"
        else:
            text = json.dumps(result, ensure_ascii=False)
            ctype_out = "application/json; charset=utf-8"
        if bom or fault == "bom":
            text = "\ufeff\r\n  " + text
        data = text.encode("utf-8")
        if fault == "truncate":
            data = data[: len(data) // 2]
        self._send(200, data, ctype_out)


def _xml_escape(value):
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_value(value, row_tag):
    if value is None:
        return ""
    if isinstance(value, dict):
        return "".join(
            "<%s>%s</%s>" % (k, _xml_value(v, row_tag), k) for k, v in value.items()
        )
    if isinstance(value, list):
        return "".join(
            "<%s>%s</%s>" % (row_tag, _xml_value(v, row_tag), row_tag) for v in value
        )
    if isinstance(value, bool):
        return "true" if value else "false"
    return _xml_escape(value)


def to_xml(envelope, method):
    row_tag = "ShippingInfo" if "ShippingInfo" in (method or "") else "Item"
    root = "StdCustomResultOfObject"
    return '<?xml version="1.0" encoding="utf-8"?>\r\n<%s>%s</%s>' % (
        root,
        _xml_value(envelope, row_tag),
        root,
    )


def make_server(host="127.0.0.1", port=0, verbose=False):
    """Create (not start) a sandbox server; use ``.url`` and ``.serve_forever()``."""
    return SandboxServer((host, port), verbose=verbose)
