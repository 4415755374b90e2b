/** @odoo-module **/
// A Japanese-speaking manager opens the shop form: labels, tabs and buttons in Japanese.
import { registry } from "@web/core/registry";

// Each step may wait this long (ms): the test machines are shared and slow at times.
const STEP_TIMEOUT = 60000; // the most Odoo allows

registry.category("web_tour.tours").add("qoo10_shop_ja_tour", {
    url: "/odoo/action-qoo10_connector.action_qoo10_backend",
    steps: () =>
        [
            {
                content: "The shops list, in Japanese",
                trigger: ".o_breadcrumb:contains('Qoo10ショップ')",
            },
            {
                content: "Open the shop",
                trigger: ".o_data_row td.o_data_cell:contains('Qoo10 JP')",
                run: "click",
            },
            {
                content: "Status: connected",
                trigger: ".o_statusbar_status button.o_arrow_button_current:contains('接続済み')",
            },
            {
                content: "Buttons",
                trigger: "button[name='action_test_connection']:contains('接続テスト')",
            },
            {
                content: "Import button",
                trigger: "button[name='action_import_orders']:contains('今すぐ注文取込')",
            },
            {
                content: "Group titles",
                trigger: ".o_form_view .o_horizontal_separator:contains('販売サイト')",
            },
            {
                content: "Tabs",
                trigger: ".o_notebook .nav-link:contains('注文処理')",
            },
            {
                content: "Field labels",
                trigger: ".o_form_view label:contains('自動注文連携')",
            },
        ].map((step) => ({ timeout: STEP_TIMEOUT, ...step })),
});
