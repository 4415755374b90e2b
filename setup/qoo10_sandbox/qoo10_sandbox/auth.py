"""Authentication: seller auth keys, permissions and CertificationAPI.CreateCertificationKey."""

from .core import GatewayErr, QErr, ok, qapi

MSG_NO_API = "存在しないAPIです。"
MSG_NOT_PERMITTED = "このAPIを使用する権限がありません。"
MSG_EXPIRED = "Seller authorization key is expired. Use a new key."


def authenticate(state, key, canonical):
    """The seller id behind a seller auth key, or the gateway/expiry error QAPI gives."""
    info = state.keys.get((key or "").strip())
    if info is None or info["user_id"] not in state.sellers:
        raise GatewayErr(-90001, MSG_NO_API)
    if info["expired"] or state.now() >= info["expires_at"]:
        raise QErr(-90004, MSG_EXPIRED)
    check_permitted(state.sellers[info["user_id"]], canonical)
    return info["user_id"]


def check_permitted(seller, canonical):
    """Refuse sellers without API permission, or with this method denied (-90002)."""
    if not seller.get("permitted", True) or canonical.lower() in seller.get(
        "denied_methods", ()
    ):
        raise GatewayErr(-90002, MSG_NOT_PERMITTED)


@qapi("CertificationAPI.CreateCertificationKey", auth=False)
def create_certification_key(ctx):
    """Issue a new key; the API key is the credential, so no seller key is needed."""
    api_key = (ctx.key or "").strip()
    seller = ctx.state.seller_by_api_key(api_key)
    if seller is None:
        raise GatewayErr(-90001, MSG_NO_API)
    ctx.info["user_id"] = seller["user_id"]
    if (
        ctx.p.get("user_id") != seller["user_id"]
        or ctx.p.get("pwd") != seller["password"]
    ):
        # Wrong QSM login or password: same gateway answer as an unknown API key.
        raise GatewayErr(-90001, MSG_NO_API)
    check_permitted(seller, "CertificationAPI.CreateCertificationKey")
    key, _info = ctx.state.issue_key(seller["user_id"])
    return ok(key, "成功")
