# Run inside `odoo shell` (setup/demo.sh and setup/docker/odoo-init.sh do it):
#     python3 -m odoo shell -c odoo.conf -d qoo10_demo < setup/demo_data.py
# `env` is the shell's environment. Creates (or updates) the demo shop connected to the
# Qoo10 sandbox at $QOO10_SANDBOX_URL and issues its seller key through the same wizard as
# the "Get Auth" button. Idempotent: run it as often as you like.
import json
import os
import sys
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

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


def sandbox_items(sandbox_url):
    url = sandbox_url.rstrip("/") + "/_sandbox/state?user_id=demo_shop&orders=0"
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.loads(response.read())["items"]


def japanese_company(env):
    """The demo sells in yen on the Japanese chart of accounts (l10n_jp, installed with the
    addons): its 10% and 8% sale taxes are the products' taxes, excluded from the price as
    a new Japanese company has them, and the shop keeps its default tax setting ("Taxes of
    the product"). Only a company with nothing booked yet is switched."""
    company = env.company
    jpy = env.ref("base.JPY")
    jpy.active = True
    if env["account.move.line"].search_count(
        [("company_id", "=", company.id)], limit=1
    ):
        return
    if company.currency_id != jpy:
        company.write({"currency_id": jpy.id, "country_id": env.ref("base.jp").id})
    if company.chart_template != "jp":
        env["account.chart.template"].try_loading("jp", company, install_demo=False)


def demo_catalogue(env, backend, items):
    """Products and mappings for the sandbox's listings, all but the last one, so that the
    orders of that one wait in Qoo10 > Orders > Unmapped until someone maps it."""
    Product = env["product.product"]
    Mapping = env["qoo10.product.mapping"]
    stock = backend.warehouse_id.lot_stock_id
    for item_code, item in sorted(items.items())[:-1]:
        # options by their code; the item's own code for lines whose option has none
        item_row = {
            "code": item["seller_code"],
            "name": "",
            "value": "",
            "qty": 0 if item["options"] else item["qty"],
        }
        rows = [row for row in item["options"] if row["code"]] + [item_row]
        for row in rows:
            code = row["code"]
            if not code or Product.search_count([("default_code", "=", code)]):
                continue
            label = " / ".join(row["value"].split("||*")) if row["value"] else ""
            product = Product.create(
                {
                    "name": f"{item['title']} {label}".strip(),
                    "default_code": code,
                    "is_storable": True,
                    "list_price": item["price"],
                }
            )
            if row["qty"]:
                env["stock.quant"]._update_available_quantity(
                    product, stock, row["qty"]
                )
            Mapping.create(
                {
                    "backend_id": backend.id,
                    "item_code": item_code,
                    "seller_item_code": item["seller_code"],
                    "option_code": code if row is not item_row else False,
                    "option_name": row["name"] or False,
                    "option_value": row["value"] or False,
                    "product_id": product.id,
                    # an item with options has its stock per option on Qoo10
                    "export_stock": not (item["options"] and row is item_row),
                }
            )


def demo_settlement(env, backend, sandbox_url):
    """qoo10_connector_account (when installed): the shop's Q account configured from
    the chart, invoices at import paid by Qoo10, and a 販売詳細内訳 file of the sandbox's
    paid orders (setup/demo_settlement.py) attached to the shop, ready to import with
    *Import Settlement File*; also written to $QOO10_DEMO_SETTLEMENT_FILE when set."""
    if "qoo10_settle_mapping_id" not in backend._fields:
        return None
    sys.path.insert(0, os.environ.get("QOO10_SETUP_DIR", "/mnt/qoo10"))
    import demo_settlement  # noqa: PLC0415 (found through QOO10_SETUP_DIR)

    backend.action_qoo10_configure_accounting()
    if backend.invoice_policy == "manual":
        backend.write({"invoice_policy": "import", "qxmoney_payment_trigger": "paid"})
    data = demo_settlement.settlement_file(demo_settlement.sandbox_orders(sandbox_url))
    name = "qoo10_settlement_demo.csv"
    domain = [
        ("res_model", "=", "qoo10.backend"),
        ("res_id", "=", backend.id),
        ("name", "=", name),
    ]
    env["ir.attachment"].search(domain).unlink()
    env["ir.attachment"].create(
        {
            "name": name,
            "raw": data,
            "res_model": "qoo10.backend",
            "res_id": backend.id,
            "mimetype": "text/csv",
        }
    )
    if path := os.environ.get("QOO10_DEMO_SETTLEMENT_FILE"):
        Path(path).write_bytes(data)
    return name


_url = os.environ.get("QOO10_SANDBOX_URL")
if not _url:
    raise SystemExit("QOO10_SANDBOX_URL is not set: start the sandbox first")
japanese_company(env)  # noqa: F821 (env is provided by odoo shell)
_backend = demo_shop(env, _url)  # noqa: F821
_backend.write(
    {
        "auto_import_orders": True,
        "auto_confirm_orders": True,
        "auto_fulfillment": True,
        "auto_export_stock": True,  # qoo10_connector_stock
        "import_unpaid_orders": True,
        "tax_mode": "product",
    }
)
if not _backend.order_ids:
    _backend.import_from = datetime.now() - timedelta(days=8)
demo_catalogue(env, _backend, sandbox_items(_url))  # noqa: F821
_settlement = demo_settlement(env, _backend, _url)  # noqa: F821
env.cr.commit()  # noqa: F821
print(f"demo shop {_backend.name!r} (id {_backend.id}) -> {_backend.api_url}")
if _settlement:
    print(f"settlement file {_settlement!r} attached to the shop")
