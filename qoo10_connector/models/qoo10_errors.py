# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Words a shop owner understands for each kind of Qoo10 client error."""

from ..qapi import (
    Qoo10AuthError,
    Qoo10BusinessError,
    Qoo10PermissionError,
    Qoo10ResponseError,
    Qoo10TransientError,
)


def qoo10_error_message(env, error, backend=None):
    """One sentence saying what went wrong and which menu fixes it. Never holds a secret."""
    shop = backend.name if backend else ""
    detail = (
        f"{error.message} ({error.code})"
        if getattr(error, "code", None)
        else str(error)
    )
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
    elif isinstance(error, Qoo10TransientError):
        text = env._(
            "Qoo10 could not be reached or did not answer in time; nothing was lost and the "
            "connector will try again. Detail: %(detail)s",
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
