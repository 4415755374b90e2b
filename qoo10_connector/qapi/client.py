"""The Qoo10 QAPI client: the one place that speaks HTTP (STYLE.md §4).

Request form A (QAPI.md §2.1): ``POST {base}/{Service.Method}`` with the seller key in the
``GiosisCertificationKey`` header, ``QAPIVersion`` per method and a form body that always
carries ``returnType=application/json``. Reads are retried on transient errors with
exponential back-off; writes never are (their outcome is then unknown: re-read instead).
"""

import json
import logging
import os
import threading
import time

import requests

from . import const
from .convert import text
from .errors import (
    Qoo10AuthError,
    Qoo10TransientError,
    redact,
    response_error,
    transient_error,
)
from .items import ItemsMixin
from .listings import ListingsMixin
from .orders import OrdersMixin
from .parser import check, parse_response, result_rows
from .throttle import throttle_for

_logger = logging.getLogger(__name__)

MAX_BACKOFF = 30.0


def new_session(base_url):
    """A session that reads the proxy and CA-bundle variables of the environment once, for
    the shop's URL, where requests reads them again at every call (a fifth of a call's CPU
    time, which counts when a listing import makes thousands of calls)."""
    session = requests.Session()
    session.proxies.update(requests.utils.get_environ_proxies(base_url))
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if bundle:
        session.verify = bundle
    session.trust_env = False
    return session


def form_value(value):
    """A form field value: None → ``""`` (Qoo10 may answer -90001 to a null), bools Y/N."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, (list, dict)):  # bulk methods take a JSON string in one field
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _retry_after(response):
    value = response.headers.get("Retry-After") if response is not None else None
    try:
        return float(value) if value else None
    except ValueError:
        return None


class Qoo10Client(OrdersMixin, ItemsMixin, ListingsMixin):
    """Client of one Qoo10 shop (one base URL + one seller authorization key)."""

    def __init__(
        self,
        base_url,
        seller_key=None,
        tz="Asia/Tokyo",
        timeout=30.0,
        min_interval=0.3,
        retries=3,
        backoff=0.5,
        session=None,
        logger=None,
    ):
        self.base_url = (base_url or "").rstrip("/")
        self.seller_key = seller_key
        self.tz = tz
        self.timeout = timeout
        self.min_interval = min_interval
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = MAX_BACKOFF
        self.session = session or new_session(self.base_url)
        self.logger = logger or _logger
        self.stats = {"calls": 0, "retries": 0}
        self._stats_lock = threading.Lock()  # read_listings calls from several threads
        self.shipping_version = None  # set to "v2" once "auto" had to fall back

    def __repr__(self):
        return "<Qoo10Client %s key=%s>" % (
            self.base_url,
            "set" if self.seller_key else "none",
        )

    # --- public low-level call ---------------------------------------------------------
    def call(self, method, params, version=None, write=False):
        """Call ``Service.Method`` with form ``params``; the ``Envelope`` of a ResultCode 0.

        Raises a ``Qoo10Error`` subclass for anything else.
        """
        return self._call(
            method, params or {}, version=version, write=write, key=self.seller_key
        )

    # --- auth and connection test ---------------------------------------------------------
    def create_certification_key(self, api_key, user_id, password):
        """Issue a seller authorization key (SAK) from the API key and the QSM login."""
        method = const.M_CREATE_KEY
        params = {"user_id": user_id, "pwd": password}
        secrets = (api_key, password)
        envelope = self._call(method, params, write=True, key=api_key, secrets=secrets)
        sak = text(envelope.result)
        if not sak:
            raise response_error("no key in the answer", method, "")
        return sak

    def search_brand(self, keyword="test"):
        """Brand search: a cheap read that proves the seller key works."""
        return result_rows(self.call(const.M_SEARCH_BRAND, {"keyword": keyword}).result)

    # --- transport ---------------------------------------------------------------------------
    def _call(self, method, params, version=None, write=False, key=None, secrets=()):
        if not key:
            raise Qoo10AuthError(
                "No Qoo10 seller authorization key is configured: use 'Get Auth' on the Qoo10 shop.",
                method=method,
            )
        write = write or const.is_write_method(method)
        secrets = tuple(s for s in (key, self.seller_key, *secrets) if s)
        attempt = 0
        while True:
            try:
                return self._attempt(
                    method,
                    params,
                    version or const.method_version(method),
                    key,
                    secrets,
                )
            except Qoo10TransientError as exc:
                if write:
                    exc.outcome_unknown = True
                    raise
                if attempt >= self.retries:
                    raise
                delay = self._retry_delay(attempt, exc)
                attempt += 1
                with self._stats_lock:
                    self.stats["retries"] += 1
                self.logger.info(
                    "Qoo10 %s: retry %d in %.1fs (%s)",
                    method,
                    attempt,
                    delay,
                    exc.message,
                )
                time.sleep(delay)

    def _retry_delay(self, attempt, exc):
        delay = min(self.backoff * (2**attempt), self.max_backoff)
        if exc.retry_after:
            delay = max(delay, min(exc.retry_after, self.max_backoff))
        return delay

    def _timeouts(self):
        # One number (connect and read alike) unless a (connect, read) pair was given:
        # Odoo's test harness wraps requests and only understands a number.
        if isinstance(self.timeout, (tuple, list)):
            return tuple(self.timeout)
        return float(self.timeout)

    def _attempt(self, method, params, version, key, secrets):
        form = {"returnType": const.RETURN_TYPE}
        form.update({name: form_value(value) for name, value in params.items()})
        headers = {
            const.HEADER_KEY: key,
            const.HEADER_VERSION: version,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        throttle_for(key).wait(self.min_interval)
        with self._stats_lock:
            self.stats["calls"] += 1
        started = time.monotonic()
        try:
            response = self._post(method, form, headers, secrets)
            envelope = parse_response(
                response.status_code,
                response.content,
                method,
                secrets,
                retry_after=_retry_after(response),
            )
            envelope = check(envelope, method, secrets)
        except Exception as exc:
            self._log_failure(method, started, exc)
            raise
        self.logger.debug(
            "Qoo10 %s: ResultCode %s in %.0f ms", method, envelope.code, _ms(started)
        )
        return envelope

    def _post(self, method, form, headers, secrets):
        url = "%s/%s" % (self.base_url, method)
        try:
            return self.session.post(
                url, data=form, headers=headers, timeout=self._timeouts()
            )
        except requests.Timeout:
            raise transient_error(
                "no answer within %ss" % (self.timeout,), method
            ) from None
        except requests.RequestException as exc:
            detail = redact("%s: %s" % (type(exc).__name__, exc), secrets)[:200]
            raise transient_error(detail, method) from None

    def _log_failure(self, method, started, exc):
        code = getattr(exc, "code", None)
        self.logger.debug(
            "Qoo10 %s: failed (%s, code %s) in %.0f ms",
            method,
            type(exc).__name__,
            code,
            _ms(started),
        )


def _ms(started):
    return (time.monotonic() - started) * 1000.0
