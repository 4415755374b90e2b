# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One product with variants for a Qoo10 item with combination options.

The axes of the option names (``カラー||*サイズ``) become attributes (found by name, or
created), the values of each option (``黒||*M``) their values. Odoo makes every
combination of the values; the combinations Qoo10 does not sell are removed again, so no
variant stands for nothing. Each variant takes its option code as internal reference and is
mapped to it. The item's price is the sale price; an option's price becomes its value's
extra price when one axis carries every option price (the only case Odoo's per-value
extras can express), otherwise the option prices are not carried over.
"""

from ..qapi import const


def axes(row):
    """(names, values) of a combination row, or None when they do not pair up."""
    names = (row.option_name or "").split(const.OPTION_SEPARATOR)
    values = (row.option_value or "").split(const.OPTION_SEPARATOR)
    if len(names) != len(values) or not all(names) or not all(values):
        return None
    return tuple(names), tuple(values)


def variant_groups(rows):
    """{listing: rows} for the combination rows that can make one product with variants:
    every row of the listing has the same axes, distinct values, and at least two rows."""
    groups = {}
    for listing in rows.listing_id:
        mine = rows.filtered(
            lambda r, x=listing: (
                r.listing_id == x and r.kind == const.OPTION_COMBINATION
            )
        )
        parsed = [axes(r) for r in mine]
        if (
            len(mine) > 1
            and all(parsed)
            and len({names for names, _values in parsed}) == 1
            and len({values for _names, values in parsed}) == len(parsed)
        ):
            groups[listing] = mine
    return groups


class VariantBuilder:
    def __init__(self, env):
        self.env = env

    def build(self, listing, rows):
        """The template for ``listing`` and {row: variant}."""
        names = axes(rows[0])[0]
        combos = {axes(row)[1]: row for row in rows}
        attributes = [self._attribute(name) for name in names]
        lines = []
        for position, attribute in enumerate(attributes):
            values = list(dict.fromkeys(combo[position] for combo in combos))
            lines.append(
                {
                    "attribute_id": attribute.id,
                    "value_ids": [(6, 0, self._values(attribute, values).ids)],
                }
            )
        template = self.env["product.template"].create(
            {
                "name": listing.title or listing.seller_item_code or listing.item_code,
                "list_price": listing.price,
                "type": "consu",
                "is_storable": True,
                "company_id": listing.company_id.id,
                "attribute_line_ids": [(0, 0, line) for line in lines],
            }
        )
        by_combo, extra = {}, self.env["product.product"]
        for variant in template.product_variant_ids:
            combo = self._combo(variant, attributes)
            if combo in combos:
                by_combo[combo] = variant
            else:
                extra |= variant
        extra.unlink()  # combinations Qoo10 does not sell
        found = {}
        for combo, row in combos.items():
            variant = by_combo[combo]
            variant.default_code = row.code
            found[row] = variant
        self._price_extras(template, attributes, combos)
        return template, found

    def _attribute(self, name):
        Attribute = self.env["product.attribute"]
        attribute = Attribute.search(
            [("name", "=", name), ("create_variant", "=", "always")], limit=1
        )
        return attribute or Attribute.create({"name": name, "create_variant": "always"})

    def _values(self, attribute, names):
        Value = self.env["product.attribute.value"]
        existing = Value.search(
            [("attribute_id", "=", attribute.id), ("name", "in", names)]
        )
        have = {value.name: value for value in existing}
        missing = [name for name in names if name not in have]
        for value in Value.create(
            [{"attribute_id": attribute.id, "name": name} for name in missing]
        ):
            have[value.name] = value
        return Value.browse([have[name].id for name in names])

    @staticmethod
    def _combo(variant, attributes):
        by_attribute = {
            ptav.attribute_id: ptav.product_attribute_value_id.name
            for ptav in variant.product_template_attribute_value_ids
        }
        return tuple(by_attribute.get(attribute) for attribute in attributes)

    @staticmethod
    def _price_extras(template, attributes, combos):
        """The option prices as extras of one axis's values, when one axis explains them
        all (each of its values always comes with the same price)."""
        if not any(row.price for row in combos.values()):
            return
        for position, attribute in enumerate(attributes):
            prices = {}
            for combo, row in combos.items():
                prices.setdefault(combo[position], set()).add(row.price)
            if all(len(found) == 1 for found in prices.values()):
                for ptav in template.attribute_line_ids.filtered(
                    lambda line, a=attribute: line.attribute_id == a
                ).product_template_value_ids:
                    ptav.price_extra = next(iter(prices[ptav.name]))
                return
