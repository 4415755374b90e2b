# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order mapping: from a shop's Qoo10 rows to sale order values.

Lookups (products, customers, taxes, currency) are resolved once per batch, not once per
cart, which keeps the import close to the cost of creating the sale orders themselves;
validation says, in words, what keeps a cart from becoming a sale order; values are
built from the small pure functions of ``mappers``.
"""

from odoo import Command, _

from .. import mappers
from ..qapi.const import REGION_COUNTRY, SHIPPING_STATUS
from .order_lines import OrderLines
from .order_taxes import OrderTaxes


def product_key(row):
    return (row.option_code, row.seller_item_code, row.item_code)


def resolve_products(backend, rows):
    """{product_key(row): product or None} for Qoo10 rows of one shop, in two queries.

    Tried in order: the mapping of the option's Seller SKU Code, the mapping of the
    Seller Item Code, the mapping of Qoo10's own Item No. (listings without seller codes),
    then a product whose internal reference is the option's or the item's seller code.
    """
    env = backend.env
    codes = list({code for row in rows for code in mappers.product_codes(row)})
    item_nos = list({row.item_code for row in rows if row.item_code})
    if not (codes or item_nos):
        return {}
    mappings = env["qoo10.product.mapping"].search(
        [
            ("backend_id", "=", backend.id),
            "|",
            "|",
            ("option_code", "in", codes),
            ("seller_item_code", "in", codes),
            ("item_code", "in", item_nos),
        ]
    )
    by_option, by_item, by_item_no = {}, {}, {}
    for mapping in mappings:
        if mapping.option_code:
            by_option[mapping.option_code] = mapping.product_id
            continue
        if mapping.seller_item_code:
            by_item[mapping.seller_item_code] = mapping.product_id
        if mapping.item_code:
            by_item_no[mapping.item_code] = mapping.product_id
    by_reference = {}
    if codes:
        products = env["product.product"].search(
            [
                ("default_code", "in", codes),
                ("company_id", "in", (False, backend.company_id.id)),
            ]
        )
        for product in products:
            by_reference.setdefault(product.default_code, product)
    resolved = {}
    for row in rows:
        resolved[product_key(row)] = (
            (row.option_code and by_option.get(row.option_code))
            or (row.seller_item_code and by_item.get(row.seller_item_code))
            or (row.item_code and by_item_no.get(row.item_code))
            or (row.option_code and by_reference.get(row.option_code))
            or (row.seller_item_code and by_reference.get(row.seller_item_code))
            or None
        )
    return resolved


class OrderMapper(OrderLines):
    """The lookups and values of one batch of Qoo10 rows of one shop."""

    def __init__(self, backend, rows):
        self.backend = backend
        self.env = backend.env
        self.company = backend.company_id
        self.country = self._country(REGION_COUNTRY.get(backend.region))
        self.states = (
            {state.code: state for state in self.country.state_ids}
            if self.country
            else {}
        )
        self.products = resolve_products(backend, rows)
        self.taxes = OrderTaxes(
            backend,
            self.env["product.product"].union(*filter(None, self.products.values())),
        )
        self.buyers = self._find_buyers(rows)
        self.delivery_cache = {}
        self.pricelist = self._pricelist()
        self.currency = self.pricelist.currency_id or self.company.currency_id

    def _country(self, code):
        return (
            self.env["res.country"].search([("code", "=", code)], limit=1)
            if code
            else None
        )

    # ------------------------------------------------------------------
    # Products: see resolve_products()
    # ------------------------------------------------------------------
    def product_for(self, row):
        return self.products.get(product_key(row))

    # ------------------------------------------------------------------
    # Customers: repeat buyers are found again by e-mail, else by name and phone
    # ------------------------------------------------------------------
    def _find_buyers(self, rows):
        emails = {(row.buyer_email or "").lower() for row in rows if row.buyer_email}
        partners = (
            self.env["res.partner"].search(
                [
                    ("email", "in", list(emails)),
                    ("parent_id", "=", False),
                    ("company_id", "in", (False, self.company.id)),
                ]
            )
            if emails
            else self.env["res.partner"]
        )
        return {partner.email.lower(): partner for partner in partners}

    def buyer_for(self, row):
        email = (row.buyer_email or "").lower()
        partner = self.buyers.get(email) if email else None
        if not partner and not email:
            partner = self.env["res.partner"].search(
                [
                    ("name", "=", row.buyer_name),
                    ("phone", "=", row.buyer_phone or False),
                    ("parent_id", "=", False),
                    ("company_id", "in", (False, self.company.id)),
                ],
                limit=1,
            )
        if not partner:
            partner = self.env["res.partner"].create(
                mappers.buyer_values(row, self.country)
            )
            if email:
                self.buyers[email] = partner
        return partner

    def delivery_for(self, row, buyer):
        values = mappers.delivery_values(
            row, buyer, self._row_country(row), self.states
        )
        key = (buyer.id, *mappers.delivery_key(values))
        if key not in self.delivery_cache:
            existing = buyer.child_ids.filtered(
                lambda child: (
                    child.type == "delivery"
                    and mappers.delivery_key(
                        {
                            name: child[name] or False
                            for name in ("name", "zip", "street", "street2")
                        }
                    )
                    == key[1:]
                )
            )[:1]
            self.delivery_cache[key] = existing or self.env["res.partner"].create(
                values
            )
        return self.delivery_cache[key]

    def _row_country(self, row):
        if row.country and (not self.country or row.country != self.country.code):
            return self._country(row.country) or self.country
        return self.country

    # ------------------------------------------------------------------
    # Taxes and currency
    # ------------------------------------------------------------------
    def taxes_for(self, product):
        """The taxes of a product's lines, included in the price (see OrderTaxes)."""
        return self.taxes.for_product(product)

    def _pricelist(self):
        """The shop's pricelist, else one in the shop's currency: never the buyer's own
        pricelist, whose currency may not be Qoo10's."""
        if self.backend.pricelist_id:
            return self.backend.pricelist_id
        return self.env["product.pricelist"].search(
            [
                ("currency_id", "=", self.backend.currency_id.id),
                ("company_id", "in", (False, self.company.id)),
            ],
            limit=1,
        )

    # ------------------------------------------------------------------
    # Validation: each raises MappingError saying what keeps the cart waiting
    # ------------------------------------------------------------------
    def check_storable(self, rows):
        """Values the database would refuse (NUL characters, numbers out of range,
        over-long texts), checked before anything of the cart is written."""
        problems = {row.order_no: mappers.unstorable(row) for row in rows}
        self._raise_per_line(
            problems,
            _(
                "Qoo10 sent values the database cannot store (%s). What Qoo10 sent is kept "
                "on this order; Retry or Re-fetch once Qoo10's data is fixed."
            ),
        )

    def check_numbers(self, order, rows):
        """An order number given twice with different values, or already another cart's:
        the database keeps one line per order number and shop."""
        seen, twice = {}, set()
        for row in rows:
            if seen.setdefault(row.order_no, row.raw) != row.raw:
                twice.add(row.order_no)
        if twice:
            raise mappers.MappingError(
                _(
                    "Qoo10 sent order line(s) %s twice in one answer, with different "
                    "values. What Qoo10 sent is kept on this order; Re-fetch once Qoo10's "
                    "data is fixed.",
                    ", ".join(sorted(twice)),
                )
            )
        taken = self.backend.env["qoo10.order.line"].search(
            [
                ("backend_id", "=", self.backend.id),
                ("order_no", "in", list(seen)),
                ("order_id", "!=", order.id),
            ]
        )
        if taken:
            raise mappers.MappingError(
                _(
                    "Qoo10 order number(s) %(numbers)s of this cart already belong to "
                    "another Qoo10 cart (%(carts)s). What Qoo10 sent is kept on this order; "
                    "Re-fetch once Qoo10's data is fixed.",
                    numbers=", ".join(sorted(taken.mapped("order_no"))),
                    carts=", ".join(sorted(set(taken.order_id.mapped("pack_no")))),
                )
            )

    def check(self, order, rows):
        """What keeps a stored cart from becoming a sale order."""
        statuses = tuple(SHIPPING_STATUS)
        problems = {row.order_no: mappers.unreadable(row, statuses) for row in rows}
        self._raise_per_line(
            problems,
            _(
                "Qoo10 sent order lines the connector cannot read (%s). The raw answer is "
                "kept on this order; Retry once the shop's API version or Qoo10's data is fixed."
            ),
        )
        self._raise_per_line(
            {order.pack_no: mappers.disagreeing(rows)},
            _(
                "The lines of a Qoo10 cart give different cart amounts (%s); Qoo10 sends "
                "each once per cart. What Qoo10 sent is kept on this order; Re-fetch once "
                "Qoo10's data is fixed."
            ),
        )
        self._check_currency(order, rows)
        if not rows[0].receiver_name or not (
            rows[0].address or rows[0].address1 or rows[0].address2
        ):
            raise mappers.MappingError(
                _("Qoo10 cart %s has no delivery address.", order.pack_no)
            )
        self._check_products(rows)

    @staticmethod
    def _raise_per_line(problems, message):
        details = "; ".join(
            f"{no}: {', '.join(found)}" for no, found in problems.items() if found
        )
        if details:
            raise mappers.MappingError(message % details)

    def _check_currency(self, order, rows):
        currency = self.currency.name
        wrong = {
            row.currency
            for row in rows
            if row.currency and row.currency.upper() != currency
        }
        if wrong:
            raise mappers.MappingError(
                _(
                    "Qoo10 cart %(cart)s is in %(found)s but the shop sells in %(expected)s: set a "
                    "pricelist in %(found)s on the shop.",
                    cart=order.pack_no,
                    found=", ".join(sorted(wrong)),
                    expected=currency,
                )
            )

    def _check_products(self, rows):
        unresolved = [row for row in rows if not self.product_for(row)]
        if not unresolved:
            return
        missing = sorted(
            {
                row.option_code or row.seller_item_code or row.item_code
                for row in unresolved
            }
        )
        raise mappers.MappingError(
            _(
                "No product for Qoo10 code(s) %(codes)s: add a product mapping (Qoo10 > Product "
                "Mappings) or set the product's internal reference. The order is imported as soon "
                "as the mapping exists.",
                codes=", ".join(missing),
            ),
            kind="unmapped",
            # every code that could give these lines a product: a new mapping or
            # internal reference with one of them wakes the cart up
            codes=sorted(
                {code for row in unresolved for code in product_key(row) if code}
            ),
        )

    # ------------------------------------------------------------------
    # The sale order
    # ------------------------------------------------------------------
    def sale_order_values(self, order, rows):
        """Values of the sale order of a cart that passed `check()`."""
        first = rows[0]
        buyer = self.buyer_for(first)
        delivery = self.delivery_for(first, buyer)
        backend = self.backend
        values = {
            "partner_id": buyer.id,
            "partner_invoice_id": buyer.id,
            "partner_shipping_id": delivery.id,
            "company_id": self.company.id,
            "warehouse_id": backend.warehouse_id.id,
            "client_order_ref": order.pack_no,
            "origin": _("Qoo10 %s", order.pack_no),
            "date_order": mappers.to_utc_naive(first.order_date) or False,
            "qoo10_order_id": order.id,
            "order_line": [
                Command.create(values) for values in self.sale_line_values(rows)
            ],
        }
        if backend.order_prefix:
            values["name"] = f"{backend.order_prefix}{order.pack_no}"
        if backend.team_id:
            values["team_id"] = backend.team_id.id
        if backend.user_id:
            values["user_id"] = backend.user_id.id
        values["pricelist_id"] = self.pricelist.id
        if first.shipping_message:
            values["note"] = first.shipping_message
        return values
