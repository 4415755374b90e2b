# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The sale order lines of a Qoo10 cart, totalling what the buyer paid.

Qoo10's amounts include consumption tax: every line keeps Qoo10's tax-included amount
as its price, on taxes included in the price (``OrderTaxes``), so that Odoo takes the
tax out once per rate and document. Discounts, shipping fee and coupons take the taxes
of the goods they belong to. Only the seller's discounts reduce the sale: what Qoo10
funds (its coupons, its share of a discount) Qoo10 pays to the seller, so the sale order
totals what the buyer paid plus that (``qoo10.order.amount_qoo10_funded``). Mixed into
``OrderMapper``, whose lookups it uses.
"""

from decimal import Decimal

from odoo import Command, _

from .. import mappers


class OrderLines:
    """Sale order line values of a cart (needs ``product_for``, ``taxes_for``,
    ``backend``, ``currency`` and ``env`` from ``OrderMapper``)."""

    def sale_line_values(self, rows):
        """Product lines (each followed by its discounts), then the cart's own lines."""
        return self._product_lines(rows) + self._cart_lines(rows)

    def _product_lines(self, rows):
        """Each product line, then its seller-funded discount, on its product's taxes."""
        # The sequence ties each product line to its Qoo10 line (see qoo10.order.line).
        lines = []
        for index, row in enumerate(rows, start=1):
            product = self.product_for(row)
            taxes = self.taxes_for(product)
            values = mappers.product_line_values(row, product, taxes)
            lines.append(dict(values, sequence=index * 10))
            for funded_by, amount, title in mappers.discount_lines(row):
                if funded_by == "seller":
                    lines.append(self._discount(amount, title, taxes, index * 10 + 1))
        return lines

    def _discount(self, amount, title, taxes, sequence):
        product, label = self.backend.discount_product_id, _("Discount: %s", title)
        return self._fixed(product, -amount, label, taxes, sequence)

    def _goods_by_taxes(self, rows):
        """({tax ids: what the goods on these taxes come to}, {tax ids: taxes})."""
        weights, taxes = {}, {}
        for row in rows:
            line_taxes = self.taxes_for(self.product_for(row))
            key = tuple(line_taxes.ids)
            taxes[key] = line_taxes
            weights[key] = weights.get(key, Decimal(0)) + (row.total or Decimal(0))
        return weights, taxes

    def _cart_lines(self, rows):
        """Shipping fee and the seller's cart coupon, once per cart, after the product
        lines, on the taxes of the cart's goods: one line per rate when they mix rates.
        Qoo10's cart coupon is Qoo10's to pay, not a sale line."""
        backend = self.backend
        amounts = mappers.cart_amounts(rows)
        weights, taxes = self._goods_by_taxes(rows)
        cart_lines = (
            (
                backend.shipping_product_id,
                amounts["shipping_rate"],
                _("Qoo10 shipping fee"),
            ),
            (
                backend.discount_product_id,
                -amounts["cart_discount_seller"],
                _("Cart discount"),
            ),
        )
        lines, sequence = [], (len(rows) + 1) * 10
        for product, amount, label in cart_lines:
            parts = mappers.split_by_weight(
                amount, weights, self.currency.decimal_places
            )
            for key, part in parts:
                name = (
                    label if len(parts) == 1 else f"{label} ({self._rate(taxes[key])})"
                )
                lines.append(self._fixed(product, part, name, taxes[key], sequence))
                sequence += 1
        return lines

    @staticmethod
    def _rate(taxes):
        return ", ".join(taxes.mapped("name")) or "-"

    def _fixed(self, product, amount, name, taxes, sequence=None):
        values = mappers.fixed_line_values(product, amount, name, taxes)
        if sequence:
            values["sequence"] = sequence
        return values

    # ------------------------------------------------------------------
    # Rounding: the sale order totals what the buyer paid
    # ------------------------------------------------------------------
    def round_to_paid(self, sale, paid):
        """Add a rounding line when Odoo's rounding leaves ``sale`` off ``paid`` (what
        the buyer paid plus what Qoo10 funded).

        With taxes included in the price and global rounding, Odoo rounds the untaxed
        total of a document across its rates at once but each rate's tax on its own: a
        cart mixing 8% and 10% can end one yen off. Such a difference (at most one
        currency unit per tax) becomes an untaxed line; anything larger is no rounding
        and is left for qoo10.order._qoo10_check_totals to note."""
        currency = sale.currency_id
        delta = currency.round(paid - sale.amount_total)
        tolerance = currency.rounding * (len(sale.order_line.tax_id) + 0.5)
        if currency.is_zero(delta) or abs(delta) > tolerance:
            return
        product = (
            self.env.ref(
                "qoo10_connector.product_qoo10_rounding", raise_if_not_found=False
            )
            or self.backend.discount_product_id
        )
        values = mappers.fixed_line_values(
            product,
            delta,
            _("Rounding to the amount paid on Qoo10"),
            self.env["account.tax"],
        )
        values["sequence"] = max(sale.order_line.mapped("sequence")) + 1
        sale.order_line = [Command.create(values)]
