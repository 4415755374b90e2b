/** @odoo-module **/
// A Qoo10 manager registers a shop: Configuration > Shops > New, Get Auth, Test Connection.
import { registry } from "@web/core/registry";

// Each step may wait this long (ms): the test machines are shared and slow at times.
const STEP_TIMEOUT = 60000; // the most Odoo allows

registry.category("web_tour.tours").add("qoo10_register_tour", {
    url: "/odoo/action-qoo10_connector.action_qoo10_backend",
    steps: () =>
        [
            {
                content: "New shop",
                trigger: ".o_list_button_add",
                run: "click",
            },
            {
                content: "Its name",
                trigger: ".o_field_widget[name='name'] input",
                run: "edit Qoo10 Tour Shop",
            },
            {
                content: "Its QSM ID",
                trigger: ".o_field_widget[name='shop_login'] input",
                run: "edit tour_shop",
            },
            {
                content: "Save",
                trigger: ".o_form_button_save",
                run: "click",
            },
            {
                content: "Saved, not connected yet",
                trigger: ".o_form_saved .o_statusbar_status button.o_arrow_button_current:contains('Not connected')",
            },
            {
                content: "Get Auth",
                trigger: "button[name='action_open_auth_wizard']:contains('Get Auth')",
                run: "click",
            },
            {
                content: "The QSM password",
                trigger: ".modal .o_field_widget[name='password'] input",
                run: "edit tour-pass",
            },
            {
                content: "The API key",
                trigger: ".modal .o_field_widget[name='api_key'] input",
                run: "edit TOUR-API-KEY",
            },
            {
                content: "Ask Qoo10 for the seller key",
                trigger: ".modal button[name='action_issue_key']",
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
                content: "The button is now Renew key",
                trigger: "button[name='action_open_auth_wizard']:contains('Renew key')",
            },
        ].map((step) => ({ timeout: STEP_TIMEOUT, ...step })),
});
