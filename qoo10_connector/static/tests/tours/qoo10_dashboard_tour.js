/** @odoo-module **/
// The Qoo10 app opens on its dashboard: a card per shop; a count opens its list.
import { registry } from "@web/core/registry";

// Each step may wait this long (ms): the test machines are shared and slow at times.
const STEP_TIMEOUT = 60000; // the most Odoo allows

registry.category("web_tour.tours").add("qoo10_dashboard_tour", {
    url: "/odoo",
    steps: () =>
        [
            {
                content: "Open the apps menu",
                trigger: ".o_navbar_apps_menu button",
                run: "click",
            },
            {
                content: "Open the Qoo10 app",
                trigger: ".o-dropdown-item[data-menu-xmlid='qoo10_connector.menu_qoo10_root']",
                run: "click",
            },
            {
                content: "The app's first screen is the dashboard, a card per shop",
                trigger: ".o_qoo10_dashboard .o_kanban_record:contains('Second Shop')",
            },
            {
                content: "The shop's card counts the cart waiting for a mapping",
                trigger: ".o_kanban_record:contains('Qoo10 JP') .o_qoo10_count_unmapped:contains('1')",
            },
            {
                content: "and the new orders to confirm",
                trigger: ".o_kanban_record:contains('Qoo10 JP') .o_qoo10_count_to_confirm:contains('2')",
            },
            {
                content: "and when it last imported",
                trigger: ".o_kanban_record:contains('Qoo10 JP') .o_qoo10_last_import:contains('2 carts imported or updated, 1 waiting for a fix')",
            },
            {
                content: "Open the carts waiting for a mapping",
                trigger: ".o_kanban_record:contains('Qoo10 JP') .o_qoo10_count_unmapped",
                run: "click",
            },
            {
                content: "The list is filtered by the dashboard's filter",
                trigger: ".o_searchview .o_facet_value:contains('Unmapped')",
            },
            {
                content: "It lists the waiting cart, only it",
                trigger: ".o_list_view tbody:not(:has(.o_data_row ~ .o_data_row)) .o_data_row:contains('Unmapped product')",
            },
        ].map((step) => ({ timeout: STEP_TIMEOUT, ...step })),
});
