# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""qoo10.order.line.claim_status was an integer (0 = none) and is now a selection of
Qoo10's claim codes as text: "no claim" becomes empty before Odoo converts the column."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT data_type FROM information_schema.columns
         WHERE table_name = 'qoo10_order_line' AND column_name = 'claim_status'
        """
    )
    row = cr.fetchone()
    if row and row[0] == "integer":
        cr.execute(
            "ALTER TABLE qoo10_order_line ALTER COLUMN claim_status TYPE varchar "
            "USING NULLIF(claim_status, 0)::varchar"
        )
