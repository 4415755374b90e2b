#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Screenshots of the demo for the README, taken in headless Chromium.

Start the demo first (setup/demo.sh or docker compose up), then:
  pip install selenium
  python3 setup/screenshots.py --url http://127.0.0.1:8069 --out readme/
It logs in as admin and, as a seller would: imports a week of orders with the shop's
button (shop-form.png), opens the Qoo10 orders (orders.png) and one waiting for a mapping
(order-waiting.png), validates the delivery of a paid cart with a tracking number and waits
for the tracking cron to bring it to the sandbox (shipped-order.png, its sale order
sale-order.png), then the dashboard (dashboard.png) and the shop form in Japanese
(shop-form-ja.png: admin's language is switched to Japanese for that shot and back; the
language is installed first when the demo lacks it). Japanese text needs a CJK font
(Debian: fonts-ipafont-gothic or fonts-noto-cjk).
"""

import argparse
import json
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait


def browser(width, height):
    options = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--window-size={width},{height}",
        "--lang=en-US",
    ):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Shots:
    def __init__(self, driver, url, out, db="qoo10_demo"):
        self.driver, self.url, self.out = driver, url.rstrip("/"), Path(out)
        self.wait = WebDriverWait(driver, 120)
        self.rpc = Rpc(url, db)

    def css(self, selector):
        return self.wait.until(
            ready.presence_of_element_located((By.CSS_SELECTOR, selector))
        )

    def click(self, selector):
        self.wait.until(
            ready.element_to_be_clickable((By.CSS_SELECTOR, selector))
        ).click()

    def go(self, path, selector):
        self.driver.get(self.url + path)
        self.css(selector)
        time.sleep(1.5)

    def shot(self, name):
        time.sleep(1)
        self.driver.save_screenshot(str(self.out / f"{name}.png"))
        print("saved", self.out / f"{name}.png")

    def login(self):
        self.driver.get(self.url + "/web/login")
        for name in ("login", "password"):
            field = self.wait.until(
                ready.visibility_of_element_located(
                    (By.CSS_SELECTOR, f"input[name='{name}']")
                )
            )
            field.clear()
            field.send_keys("admin")
        self.click("button[type='submit']")
        self.css(".o_main_navbar")

    def run(self):
        self.out.mkdir(parents=True, exist_ok=True)
        self.login()
        self.import_orders()
        self.orders()
        self.shipped_order()
        self.go(
            "/odoo/action-qoo10_connector.action_qoo10_dashboard", ".o_kanban_record"
        )
        self.shot("dashboard")
        self.japanese_shop_form()

    def import_orders(self):
        """Import Orders Now, from a week back (the demo's crons may have imported
        everything already: a manager may move the import point back, as here)."""
        shop = self.rpc.search_read("qoo10.backend", [], ["id"], limit=1)[0]
        week_ago = datetime.now(timezone.utc) - timedelta(days=7)
        self.rpc.write(
            "qoo10.backend",
            shop["id"],
            {"import_from": week_ago.strftime("%Y-%m-%d %H:%M:%S")},
        )
        self.go("/odoo/action-qoo10_connector.action_qoo10_backend", ".o_data_row")
        self.click(".o_data_row td[name='name']")
        self.css(".o_form_view .o_statusbar_status")
        self.click("button[name='action_import_orders']")
        self.css(".o_notification")
        self.shot("shop-form")

    def orders(self):
        self.go("/odoo/action-qoo10_connector.action_qoo10_order", ".o_data_row")
        self.shot("orders")
        self.go(
            "/odoo/action-qoo10_connector.action_qoo10_order_unmapped", ".o_list_view"
        )
        self.click(".o_data_row td[name='pack_no']")
        self.css(".o_form_view .alert-danger")
        self.shot("order-waiting")

    def shipped_order(self):
        """Validate the delivery of a confirmed cart with a carrier and a tracking number,
        as the warehouse does; the tracking cron (triggered at once) sends it."""
        order = self.rpc.search_read(
            "qoo10.order",
            [
                ("sync_state", "=", "done"),
                ("qoo10_status", "=", "3"),
                ("sale_order_id.picking_ids.state", "=", "assigned"),
            ],
            ["sale_order_id"],
            limit=1,
        )[0]
        picking = self.rpc.search_read(
            "stock.picking",
            [("sale_id", "=", order["sale_order_id"][0]), ("state", "=", "assigned")],
            ["id"],
            limit=1,
        )[0]
        self.go(
            f"/odoo/action-stock.action_picking_tree_all/{picking['id']}",
            ".o_form_view",
        )
        self.click(".o_notebook .nav-link[name='extra']")
        self.pick(".o_field_widget[name='carrier_id'] input", "ヤマト宅急便")
        self.type(".o_field_widget[name='carrier_tracking_ref'] input", "YMT-2026-1203")
        self.click(".o_form_statusbar button[name='button_validate']")
        self.css(".o_statusbar_status button.o_arrow_button_current[data-value='done']")
        self.wait_for(
            lambda: (
                not self.rpc.search_read(
                    "qoo10.order.line",
                    [("order_id", "=", order["id"]), ("tracking_state", "!=", "sent")],
                    ["id"],
                )
            ),
            "the tracking cron to send the tracking number",
        )
        # wide enough for the line's tracking columns, scrolled to them
        self.driver.set_window_size(1920, 900)
        self.go(
            f"/odoo/action-qoo10_connector.action_qoo10_order/{order['id']}",
            ".o_form_view",
        )
        self.driver.execute_script(
            "const list = document.querySelector('.o_field_one2many .o_list_renderer');"
            "list.scrollLeft = list.scrollWidth;"
        )
        self.shot("shipped-order")
        self.driver.set_window_size(1400, 900)
        self.click("button[name='action_view_sale_order']")
        self.css(".o_form_view .o_field_widget[name='qoo10_order_id']")
        self.shot("sale-order")

    def japanese_shop_form(self):
        """The shop form as a Japanese user sees it: admin in Japanese for one shot."""
        self.rpc.ensure_language("ja_JP")
        self.rpc.write("res.users", self.rpc.uid, {"lang": "ja_JP"})
        try:
            self.go("/odoo/action-qoo10_connector.action_qoo10_backend", ".o_data_row")
            self.click(".o_data_row td[name='name']")
            self.css(".o_form_view .o_statusbar_status")
            self.shot("shop-form-ja")
        finally:
            self.rpc.write("res.users", self.rpc.uid, {"lang": "en_US"})

    def type(self, selector, text):
        field = self.wait.until(
            ready.element_to_be_clickable((By.CSS_SELECTOR, selector))
        )
        field.clear()
        field.send_keys(text)

    def pick(self, selector, text):
        """Choose ``text`` in a many2one field's autocomplete."""
        self.type(selector, text)
        self.click(
            f".o-autocomplete--dropdown-item a[title*='{text}'], .o-autocomplete--dropdown-item:first-child a"
        )
        time.sleep(1)

    @staticmethod
    def wait_for(condition, what, seconds=300):
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {seconds} s for {what}")
            time.sleep(3)


class Rpc:
    """Odoo's JSON-RPC, as admin: to find records and set a user's language."""

    def __init__(self, url, db, login="admin", password="admin"):
        self.url, self.db, self.password = url.rstrip("/") + "/jsonrpc", db, password
        self.uid = self.call("common", "login", db, login, password)

    def call(self, service, method, *args):
        payload = {"jsonrpc": "2.0", "method": "call", "params": {}}
        payload["params"] = {"service": service, "method": method, "args": args}
        request = urllib.request.Request(
            self.url, json.dumps(payload).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=600) as response:
            answer = json.loads(response.read())
        if answer.get("error"):
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer["result"]

    def execute(self, model, method, *args, **kwargs):
        return self.call(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )

    def search_read(self, model, domain, fields, **kwargs):
        return self.execute(model, "search_read", domain, fields, **kwargs)

    def write(self, model, ids, values):
        return self.execute(
            model, "write", [ids] if isinstance(ids, int) else ids, values
        )

    def ensure_language(self, code):
        """Install ``code`` with its translations if the demo does not have it yet."""
        if self.search_read("res.lang", [("code", "=", code)], ["id"]):
            return
        lang = self.execute(
            "res.lang",
            "search_read",
            [("code", "=", code), ("active", "=", False)],
            ["id"],
            context={"active_test": False},
        )
        wizard = self.execute(
            "base.language.install", "create", {"lang_ids": [[6, 0, [lang[0]["id"]]]]}
        )
        self.execute("base.language.install", "lang_install", [wizard])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--out", default="readme")
    parser.add_argument("--db", default="qoo10_demo")
    args = parser.parse_args()
    driver = browser(1400, 900)
    try:
        Shots(driver, args.url, args.out, args.db).run()
    except Exception:
        driver.save_screenshot(str(Path(args.out) / "failed.png"))
        print("failed at", driver.current_url, "- see failed.png")
        raise
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
