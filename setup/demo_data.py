# Run inside `odoo shell` (setup/demo.sh and setup/docker/odoo-init.sh do it):
#     python3 -m odoo shell -c odoo.conf -d qoo10_demo < setup/demo_data.py
# `env` is the shell's environment. Creates (or updates) the demo shop connected to the
# Qoo10 sandbox at $QOO10_SANDBOX_URL and issues its seller key through the same wizard as
# the "Get Auth" button. Idempotent: run it as often as you like.
import os

QAPI_PATH = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi"
SHOP_NAME = "Qoo10 Japan (sandbox)"
SELLER = {"login": "demo_shop", "password": "demo-pass", "api_key": "DEMO-API-KEY"}


def demo_shop(env, sandbox_url):
    values = {
        "name": SHOP_NAME,
        "region": "jp",
        "api_url": sandbox_url.rstrip("/") + QAPI_PATH,
        "shop_login": SELLER["login"],
    }
    Backend = env["qoo10.backend"].with_context(active_test=False)
    backend = Backend.search([("name", "=", SHOP_NAME)], limit=1)
    if backend:
        backend.write(values)
    else:
        backend = Backend.create(values)  # company_id / warehouse_id: their defaults
    wizard = env["qoo10.auth.wizard"].create(
        {
            "backend_id": backend.id,
            "login": SELLER["login"],
            "password": SELLER["password"],
            "api_key": SELLER["api_key"],
        }
    )
    # The secrets are not stored fields: hand them over in the context as well, as the
    # wizard's button does.
    wizard.with_context(
        qoo10_password=SELLER["password"], qoo10_api_key=SELLER["api_key"]
    ).action_issue_key()
    return backend


_url = os.environ.get("QOO10_SANDBOX_URL")
if not _url:
    raise SystemExit("QOO10_SANDBOX_URL is not set: start the sandbox first")
_backend = demo_shop(env, _url)  # noqa: F821 (env is provided by odoo shell)
env.cr.commit()  # noqa: F821
print(f"demo shop {_backend.name!r} (id {_backend.id}) -> {_backend.api_url}")
