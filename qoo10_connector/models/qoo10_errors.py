# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Words a shop owner understands for each kind of Qoo10 client error."""

from ..qapi import (
    Qoo10AuthError,
    Qoo10BusinessError,
    Qoo10PermissionError,
    Qoo10ResponseError,
    Qoo10TransientError,
    const,
)


def _detail(error):
    """Qoo10's own message and code, kept beside ours."""
    if getattr(error, "code", None):
        return f"{error.message} ({error.code})"
    return str(error)


def qoo10_error_message(env, error, backend=None, retried=False):
    """One sentence saying what went wrong and which menu fixes it. Never holds a secret.

    ``retried``: a cron will make the same call again by itself (order and claim
    sync); only then does a transient error say "the connector will try again".
    """
    shop = backend.name if backend else ""
    detail = _detail(error)
    if isinstance(error, Qoo10AuthError):
        if error.expired:
            text = env._(
                "Qoo10 says the seller authorization key of %(shop)s has expired. "
                'Open the shop and click "Renew key". Qoo10: %(detail)s',
                shop=shop,
                detail=detail,
            )
        else:
            text = env._(
                "Qoo10 rejected the seller authorization key of %(shop)s: the key is wrong, or the "
                'QSM password was changed. Open the shop and click "Get Auth" again. Qoo10: %(detail)s',
                shop=shop,
                detail=detail,
            )
    elif isinstance(error, Qoo10PermissionError):
        text = env._(
            "Qoo10 does not permit this API for %(shop)s. Ask Qoo10 (QSM > Inquiry > System > "
            "API/FTP/QSM permissions) to enable it. Qoo10: %(detail)s",
            shop=shop,
            detail=detail,
        )
    elif isinstance(error, Qoo10TransientError) and retried:
        text = env._(
            "Qoo10 could not be reached or did not answer in time; nothing was lost and the "
            "connector will try again. Detail: %(detail)s",
            detail=detail,
        )
    elif isinstance(error, Qoo10TransientError):
        text = env._(
            "Qoo10 could not be reached or did not answer in time; nothing was lost. "
            "Try again in a few minutes. Detail: %(detail)s",
            detail=detail,
        )
    elif isinstance(error, Qoo10BusinessError):
        text = env._("Qoo10 refused the request: %(detail)s", detail=detail)
    elif isinstance(error, Qoo10ResponseError):
        text = env._(
            "Qoo10 sent an answer the connector cannot read. Check the shop's API URL (region). "
            "Detail: %(detail)s",
            detail=detail,
        )
    else:
        text = str(error)
    return text


def qoo10_key_request_message(env, error, known_api_key=False):
    """What the "Get Auth" / "Renew key" screen says when Qoo10 issues no key.

    ``known_api_key``: the API key typed is the one that issued the shop's current key,
    so a refusal points at the QSM ID or password (Qoo10's code cannot tell them apart:
    ``const.KEY_REQUEST_REFUSED_CODES``).
    """
    detail = _detail(error)
    code = getattr(error, "code", None)
    if isinstance(error, Qoo10TransientError):
        return env._(
            "Qoo10 could not be reached or did not answer in time; no key was issued. "
            'Try again in a few minutes with "Issue Key". Detail: %(detail)s',
            detail=detail,
        )
    if code in const.KEY_REQUEST_NOT_PERMITTED_CODES:
        return env._(
            "Qoo10 has not issued this API Key, or not yet permitted the API for this "
            "account. Qoo10 issues it on business days after the request in QSM (Inquiry > "
            'System > API/FTP/QSM permissions); once it is issued, click "Issue Key" again. '
            "Qoo10: %(detail)s",
            detail=detail,
        )
    if code in const.KEY_REQUEST_EXPIRED_CODES:
        return env._(
            "Qoo10 says this API Key is no longer valid. Request a new API key in QSM "
            "(Inquiry > System > API/FTP/QSM permissions) and enter it here. Qoo10: %(detail)s",
            detail=detail,
        )
    if code in const.KEY_REQUEST_REFUSED_CODES and known_api_key:
        return env._(
            "Qoo10 refused the QSM ID or the QSM Password. The API Key is the one that "
            "issued this shop's current key, so check the QSM ID and the password you log in "
            "to QSM with (changing the QSM password also invalidates the key). "
            "Qoo10: %(detail)s",
            detail=detail,
        )
    if code in const.KEY_REQUEST_REFUSED_CODES:
        return env._(
            "Qoo10 refused the QSM ID, the QSM Password or the API Key (it gives the same "
            "answer for each). Check the QSM ID and password you log in to QSM with, and the "
            "API Key exactly as Qoo10 issued it (QSM > Inquiry > System > API/FTP/QSM "
            "permissions). Qoo10: %(detail)s",
            detail=detail,
        )
    return qoo10_error_message(env, error)
