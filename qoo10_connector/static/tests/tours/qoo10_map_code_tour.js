/** @odoo-module **/
// From a cart waiting for a mapping: "Map this code" opens the mapping, prefilled with
// the shop and the code; the user picks the product and saves.
import { registry } from "@web/core/registry";

// Each step may wait this long (ms): the test machines are shared and slow at times.
const STEP_TIMEOUT = 60000; // the most Odoo allows

registry.category("web_tour.tours").add("qoo10_map_code_tour", {
    url: "/odoo/action-qoo10_connector.action_qoo10_order_unmapped",
    steps: () =>
        [
            {
                content: "Open the cart waiting for a mapping",
                trigger: ".o_data_row:contains('Unmapped product') td[name='pack_no']",
                run: "click",
            },
            {
                content: "It says which code is missing",
                trigger: ".o_form_view .o_field_widget[name='missing_codes']:contains('NEW-GADGET')",
            },
            {
                content: "Map this code",
                trigger: ".o_form_view .o_form_statusbar button[name='action_map_code']",
                run: "click",
            },
            {
                content: "The mapping knows the shop",
                trigger: ".modal .o_field_widget[name='backend_id'] input:value('Qoo10 JP')",
            },
            {
                content: "and the code",
                trigger: ".modal .o_field_widget[name='seller_item_code'] input:value('NEW-GADGET')",
            },
            {
                content: "Pick the product",
                trigger: ".modal .o_field_widget[name='product_id'] input",
                run: "edit Gadget",
            },
            {
                content: "The product found",
                trigger: ".o-autocomplete--dropdown-item a:contains('Gadget pro')",
                run: "click",
            },
            {
                content: "Save the mapping",
                trigger: ".modal .o_form_button_save",
                run: "click",
            },
            {
                content: "Back on the cart: the import completes it",
                trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name='retry_requested']",
            },
        ].map((step) => ({ timeout: STEP_TIMEOUT, ...step })),
});
