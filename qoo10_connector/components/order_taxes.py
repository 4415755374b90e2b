# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The taxes of a batch of Qoo10 lines, resolved once per batch.

Qoo10's amounts include consumption tax (QAPI.md 6.7). A tax excluded from the price
(``l10n_jp``'s 8% and 10%) would be added on top of them, so each line carries the
price-included twin of its taxes instead: a copy of the tax (same rate, tax group,
accounts and tax-report tags) included in the price, created once per company and
tax. Odoo then takes the tax out of the amount the buyer paid, once per rate and
document with the company's global rounding, as Japan's qualified-invoice rules ask.
"""


class OrderTaxes:
    """{product: taxes} of one shop's batch, each an included tax (or no tax)."""

    # Taxes Odoo can carry as price-included twins; a group's children are not twinned
    # (a cart with one is flagged by qoo10.order._qoo10_check_totals).
    TWINNED_TYPES = ("percent", "fixed", "division")

    def __init__(self, backend, products):
        self.backend = backend
        self.env = backend.env
        self.company = backend.company_id
        own = {product: self._own_taxes(product) for product in products}
        taxes = self.env["account.tax"].union(*own.values())
        self.twins = self._twins(taxes.filtered(self._needs_twin))
        self.by_product = {
            product.id: self.included(product_taxes)
            for product, product_taxes in own.items()
        }

    def for_product(self, product):
        return self.by_product.get(product.id, self.env["account.tax"])

    def included(self, taxes):
        """The taxes to put on a line whose amount includes ``taxes``."""
        return self.env["account.tax"].union(
            *(self.twins.get(tax.id, tax) for tax in taxes)
        )

    def _own_taxes(self, product):
        """The shop's tax setting: the product's taxes, one tax, or none."""
        mode = self.backend.tax_mode
        if mode == "fixed":
            return self.backend.tax_id
        if mode == "product":
            return product.taxes_id._filter_taxes_by_company(self.company)
        return self.env["account.tax"]

    def _needs_twin(self, tax):
        return not tax.price_include and tax.amount_type in self.TWINNED_TYPES

    def _twins(self, taxes):
        """{tax id: its price-included twin}, created the first time it is needed."""
        if not taxes:
            return {}
        # sudo: the import may run as a user who cannot manage taxes; the twin is a
        # copy of a tax the company already has, differing only by price inclusion
        Tax = self.env["account.tax"].sudo().with_context(active_test=False)
        found = Tax.search([("qoo10_source_tax_id", "in", taxes.ids)])
        twins = {twin.qoo10_source_tax_id.id: twin for twin in found}
        for tax in taxes.sudo():
            if tax.id not in twins:
                twins[tax.id] = tax.copy(self._twin_values(tax))
        Taxes = self.env["account.tax"]
        return {source: Taxes.browse(twin.id) for source, twin in twins.items()}

    @staticmethod
    def _twin_values(tax):
        return {
            "name": tax.env._("%s (tax included)", tax.name),
            "price_include_override": "tax_included",
            "qoo10_source_tax_id": tax.id,
            "sequence": tax.sequence,
        }
