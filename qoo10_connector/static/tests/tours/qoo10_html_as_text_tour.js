/** @odoo-module **/
// Buyer data Qoo10 sends with HTML or a script shows as text: nothing of it runs or renders.
import { registry } from "@web/core/registry";

function assertInert() {
    if (window.qoo10_xss) {
        throw new Error("a script or handler sent by Qoo10 ran: " + window.qoo10_xss);
    }
    for (const el of document.querySelectorAll(".o_form_view b, .o_form_view img")) {
        if (el.textContent.includes("太字") || el.getAttribute("onerror")) {
            throw new Error("HTML sent by Qoo10 was rendered: " + el.outerHTML);
        }
    }
}

registry.category("web_tour.tours").add("qoo10_html_as_text_tour", {
    steps: () => [
        {
            content: "The buyer's name shows its tags as text",
            trigger: ".o_form_view .o_field_widget:contains('<b>太字</b>')",
            run: assertInert,
        },
    ],
});
