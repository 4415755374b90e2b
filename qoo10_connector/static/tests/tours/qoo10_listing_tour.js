/** @odoo-module **/
// A Qoo10 user reads the imported listings: prices in the shop's currency, and the item's
// option codes with their extra prices.
import { registry } from "@web/core/registry";

const STEP_TIMEOUT = 60000; // the most Odoo allows: the test machines are shared

registry.category("web_tour.tours").add("qoo10_listing_tour", {
    url: "/odoo/action-qoo10_connector.action_qoo10_listing",
    steps: () =>
        [
            {
                content: "The listing's price reads as yen",
                trigger: ".o_data_row:contains('TOUR-TS') td[name='price']:contains('¥'):contains('1,980')",
            },
            {
                content: "Open the listing",
                trigger: ".o_data_row:contains('TOUR-TS') td[name='seller_item_code']",
                run: "click",
            },
            {
                content: "Its option codes, each extra price in yen",
                trigger: ".o_form_view .o_data_row:contains('TS-BK-L') td[name='price']:contains('¥'):contains('100')",
            },
        ].map((step) => ({ timeout: STEP_TIMEOUT, ...step })),
});
