#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Screenshots of the demo for the README, taken in headless Chromium.

Start the demo first (setup/demo.sh), then:
  pip install selenium
  python3 setup/screenshots.py --url http://127.0.0.1:8069 --out readme/
It logs in as admin, imports the waiting orders with the shop's button, and saves the shop,
the orders, an order, the unmapped orders and a sale order as PNG files.
"""

import argparse
import time
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
    def __init__(self, driver, url, out):
        self.driver, self.url, self.out = driver, url.rstrip("/"), Path(out)
        self.wait = WebDriverWait(driver, 60)

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
        self.go("/odoo/action-qoo10_connector.action_qoo10_backend", ".o_data_row")
        self.click(".o_data_row td[name='name']")
        self.css(".o_form_view .o_statusbar_status")
        self.click("button[name='action_import_orders']")
        self.css(".o_notification")
        self.shot("shop-form")
        self.click("button[name='action_view_orders']")
        self.css(".o_data_row")
        self.shot("orders")
        self.click(".o_data_row td[name='pack_no']")
        self.css(".o_form_view .o_field_widget[name='pack_no']")
        self.shot("order-form")
        self.go(
            "/odoo/action-qoo10_connector.action_qoo10_order_unmapped", ".o_list_view"
        )
        self.shot("unmapped")
        self.click(".o_data_row td[name='pack_no']")
        self.css(".o_form_view .alert-danger")
        self.shot("unmapped-order")
        self.go("/odoo/action-sale.action_orders", ".o_data_row")
        self.click(".o_data_row td[name='name']")
        self.css(".o_form_view .o_field_widget[name='qoo10_order_id']")
        self.shot("sale-order")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--out", default="readme")
    args = parser.parse_args()
    driver = browser(1400, 900)
    try:
        Shots(driver, args.url, args.out).run()
    except Exception:
        driver.save_screenshot(str(Path(args.out) / "failed.png"))
        print("failed at", driver.current_url, "- see failed.png")
        raise
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
