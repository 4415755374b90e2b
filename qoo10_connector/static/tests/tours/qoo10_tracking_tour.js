/** @odoo-module **/
// The warehouse validates the delivery of a Qoo10 order with its tracking number; no
// SMS or e-mail is offered to the marketplace buyer.
import { registry } from "@web/core/registry";

// Each step may wait this long (ms): the test machines are shared and slow at times.
const STEP_TIMEOUT = 60000; // the most Odoo allows

registry.category("web_tour.tours").add("qoo10_tracking_tour", {
    url: "/odoo/action-stock.action_picking_tree_all",
    steps: () =>
        [
            {
                content: "Open the delivery of the Qoo10 order",
                trigger: ".o_data_row:contains('Q10-') td[name='name']",
                run: "click",
            },
            {
                content: "Open the shipping information",
                trigger: ".o_notebook .nav-link[name='extra']",
                run: "click",
            },
            {
                content: "The carrier is set",
                trigger: ".o_form_view .o_field_widget[name='carrier_id'] input:value('ヤマト宅急便')",
            },
            {
                content: "Enter the tracking number",
                trigger: ".o_form_view .o_field_widget[name='carrier_tracking_ref'] input",
                run: "edit YMT-TOUR-0001",
            },
            {
                content: "Validate",
                trigger: ".o_form_view .o_form_statusbar button[name='button_validate']",
                run: "click",
            },
            {
                content: "The delivery is done, without an SMS dialog",
                trigger: "body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current:contains('Done')",
            },
            {
                content: "Its tracking number is kept",
                trigger: ".o_form_view .o_field_widget[name='carrier_tracking_ref']:contains('YMT-TOUR-0001'), .o_form_view .o_field_widget[name='carrier_tracking_ref'] input:value('YMT-TOUR-0001')",
            },
        ].map((step) => ({ timeout: STEP_TIMEOUT, ...step })),
});
