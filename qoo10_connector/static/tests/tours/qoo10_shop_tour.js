/** @odoo-module **/
// A Qoo10 manager opens the shop, imports the waiting orders, finds them in Odoo and
// opens the sale order of one.
import { registry } from "@web/core/registry";

// Each step may wait this long (ms): the test machines are shared and slow at times.
const STEP_TIMEOUT = 60000; // the most Odoo allows

registry.category("web_tour.tours").add("qoo10_shop_tour", {
    url: "/odoo/action-qoo10_connector.action_qoo10_backend",
    steps: () =>
        [
            {
                content: "Open the shop",
                trigger: ".o_data_row td.o_data_cell:contains('Qoo10 JP')",
                run: "click",
            },
            {
                content: "The shop is connected",
                trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Connected')",
            },
            {
                content: "Test the connection",
                trigger: "button[name='action_test_connection']",
                run: "click",
            },
            {
                content: "Qoo10 answered",
                trigger: ".o_notification:contains('the connection works')",
            },
            {
                content: "Import the waiting orders",
                trigger: "button[name='action_import_orders']",
                run: "click",
            },
            {
                content: "Orders imported",
                trigger: ".o_notification:contains('Qoo10 carts:'):contains('new')",
            },
            {
                content: "Open the shop's orders",
                trigger: "button[name='action_view_orders']",
                run: "click",
            },
            {
                content: "The order of the buyer is there, synced",
                trigger: ".o_data_row:contains('山田 太郎'):contains('Synced') td[name='pack_no']",
                run: "click",
            },
            {
                content: "The Qoo10 order form",
                trigger: ".o_form_view .o_field_widget[name='pack_no']",
            },
            {
                content: "Its sale order is linked",
                trigger: ".o_form_view .o_field_widget[name='sale_order_id']:contains('Q10-')",
            },
            {
                content: "Open the sale order",
                trigger: "button[name='action_view_sale_order']",
                run: "click",
            },
            {
                content: "The sale order of the cart, with its Qoo10 order",
                trigger: ".o_form_view .o_field_widget[name='qoo10_order_id']:contains('山田 太郎')",
            },
            {
                content: "Its line is the mug",
                trigger: ".o_form_view .o_field_widget[name='order_line'] .o_data_row:contains('Mug')",
            },
        ].map((step) => ({ timeout: STEP_TIMEOUT, ...step })),
});
