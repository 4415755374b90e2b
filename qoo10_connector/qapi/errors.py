"""The connector's own exception classes, and secret masking.

Errors are sorted at the client boundary (STYLE.md §7):

* ``Qoo10AuthError``        the seller key is wrong or expired: a configuration problem
* ``Qoo10PermissionError``  the account may not call this method
* ``Qoo10TransientError``   network, timeout, 5xx, truncated body: try again later
* ``Qoo10BusinessError``    Qoo10 refused the request; carries its code and message
* ``Qoo10ResponseError``    an answer we cannot read (``Qoo10RoutingError``: unknown method/URL)

``str(error)`` is a sentence a shop owner can read; it never contains a key or password.
"""

from . import const

_EXCERPT_LEN = 200


def mask(value):
    """A printable stand-in for a secret: first 4 characters, then ``***``."""
    if value is None:
        return ""
    value = str(value)
    if len(value) <= 8:
        return "***"
    return value[:4] + "***"


def redact(text, secrets):
    """``text`` with every secret in ``secrets`` replaced by its mask."""
    if not text:
        return text or ""
    text = str(text)
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        secret = str(secret)
        if len(secret) >= 3 and secret in text:
            text = text.replace(secret, mask(secret))
    return text


def excerpt(text, secrets=(), limit=_EXCERPT_LEN):
    """A short, single-line, masked excerpt of a response body."""
    text = redact(text or "", secrets)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


class Qoo10Error(Exception):
    """Base class. ``code``: Qoo10's result code (or None); ``message``: Qoo10's message."""

    def __init__(self, text, code=None, message="", method=None):
        super().__init__(text)
        self.code = code
        self.message = message or ""
        self.method = method


class Qoo10AuthError(Qoo10Error):
    """Seller authorization key missing, invalid (-90001/-10000/-90000) or expired (-90004/-90005)."""

    @property
    def expired(self):
        return self.code in const.EXPIRED_KEY_CODES


class Qoo10PermissionError(Qoo10Error):
    """The key is valid but this API is not permitted for the account (-90002/-90003)."""


class Qoo10TransientError(Qoo10Error):
    """Temporary failure: connection, timeout, HTTP 5xx, empty or truncated body.

    ``retry_after``: seconds to wait (hint; may be None). ``outcome_unknown``: True when a
    write may or may not have been applied by Qoo10: re-read the record, do not resend blindly.
    """

    def __init__(
        self,
        text,
        code=None,
        message="",
        method=None,
        retry_after=None,
        outcome_unknown=False,
    ):
        super().__init__(text, code=code, message=message, method=method)
        self.retry_after = retry_after
        self.outcome_unknown = outcome_unknown


class Qoo10BusinessError(Qoo10Error):
    """Qoo10 answered with a non-zero ResultCode other than auth/permission codes.

    ``envelope``: the parsed answer when there was one (bulk partial failures carry details).
    """

    def __init__(self, text, code=None, message="", method=None, envelope=None):
        super().__init__(text, code=code, message=message, method=method)
        self.envelope = envelope


class Qoo10ResponseError(Qoo10Error):
    """An answer that could not be read. ``excerpt``: up to 200 masked characters of it."""

    def __init__(self, text, code=None, message="", method=None, excerpt=""):
        super().__init__(text, code=code, message=message, method=method)
        self.excerpt = excerpt


class Qoo10RoutingError(Qoo10ResponseError):
    """Qoo10 does not know the service or method: wrong API URL or method name (configuration)."""


def _method_text(method):
    return method or "the Qoo10 API"


def auth_error(code, message, method):
    """The readable auth error for ``code``."""
    if code in const.EXPIRED_KEY_CODES:
        text = (
            "The Qoo10 seller authorization key has expired (%s): %s. "
            "Issue a new key with 'Renew key' on the Qoo10 shop." % (code, message)
        )
    elif method == const.M_CREATE_KEY:
        text = (
            "Qoo10 rejected the API key, QSM login ID or password (%s): %s. "
            "Check them and try 'Get Auth' again." % (code, message)
        )
    else:
        text = (
            "Qoo10 rejected the seller authorization key (%s): %s. "
            "Issue a new key with 'Get Auth' on the Qoo10 shop." % (code, message)
        )
    return Qoo10AuthError(text, code=code, message=message, method=method)


def error_for_code(code, message, method, envelope=None):
    """The exception for a non-zero Qoo10 ``code`` (ErrorCode or ResultCode)."""
    if code in const.AUTH_ERROR_CODES:
        return auth_error(code, message, method)
    if code in const.PERMISSION_ERROR_CODES:
        text = "This Qoo10 account is not permitted to use %s (%s): %s" % (
            _method_text(method),
            code,
            message,
        )
        return Qoo10PermissionError(text, code=code, message=message, method=method)
    text = "Qoo10 refused %s (%s): %s" % (_method_text(method), code, message)
    return Qoo10BusinessError(
        text, code=code, message=message, method=method, envelope=envelope
    )


def transient_error(detail, method, retry_after=None, code=None):
    """A readable transient error; ``detail`` must already be masked."""
    text = (
        "Qoo10 is unreachable or answered with a temporary error while calling %s: %s"
        % (
            _method_text(method),
            detail,
        )
    )
    return Qoo10TransientError(
        text, code=code, message=detail, method=method, retry_after=retry_after
    )


def response_error(detail, method, body_excerpt, routing=False):
    """A readable error for an answer we could not read; ``body_excerpt`` must be masked."""
    if routing:
        text = (
            "Qoo10 does not know the service or method %s: check the API URL of the shop (%s)"
            % (_method_text(method), body_excerpt)
        )
        return Qoo10RoutingError(
            text, message=body_excerpt, method=method, excerpt=body_excerpt
        )
    text = "Qoo10 returned an answer that could not be read for %s (%s): %s" % (
        _method_text(method),
        detail,
        body_excerpt,
    )
    return Qoo10ResponseError(text, message=detail, method=method, excerpt=body_excerpt)
