# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Mappings in Excel: export, then import with a preview that writes nothing, every row
problem in words, apply, and a second import that changes nothing."""

import base64
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from .. import mapping_sheet
from .test_listings_import import OPTIONS, ListingCase, put_items

HEADER = (
    "Shop",
    "Item No.",
    "Seller Item Code",
    "Option Name",
    "Option Value",
    "Option Code",
    "Product (internal reference or barcode)",
)


def workbook(rows, header=HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return base64.b64encode(buffer.getvalue())


def read_back(data):
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(data)))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


@tagged("post_install", "-at_install")
class TestMappingExcel(ListingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cap = cls.make_product("XL-CAP-P")
        cls.black = cls.make_product("XL-BLK-P", barcode="4901111111111")
        cls.other = cls.make_product("XL-OTHER-P")
        cls.make_product("XL-TWIN", name="Twin 1")
        cls.make_product("XL-TWIN-2", barcode="XL-TWIN")

    def wizard(self, data, **values):
        return (
            self.env["qoo10.mapping.import.wizard"]
            .with_user(self.manager)
            .create(dict({"file": data, "filename": "m.xlsx"}, **values))
        )

    def test_export_then_round_trip(self):
        put_items(
            {"seller_code": "XL-CAP"}, {"seller_code": "XL-TS", "options": OPTIONS}
        )
        self.import_listings()
        wizard = self.wizard(False, backend_id=self.backend.id)
        action = wizard.action_export()
        self.assertIn("export_file", action["url"])
        lines = read_back(wizard.export_file)
        self.assertEqual(tuple(lines[0][:7]), HEADER)
        by_code = {(line[2], line[5]): line for line in lines[1:]}
        self.assertEqual(
            by_code[("XL-TS", "TS-BK-M")][3:5], ["カラー||*サイズ", "黒||*M"]
        )
        # the user fills products in the exported sheet and imports it back
        filled = [list(line[:7]) for line in lines[1:]]
        for line in filled:
            line[6] = {"XL-CAP": "XL-CAP-P", "TS-BK-M": "4901111111111"}.get(
                line[5] or line[2]
            )
        importer = self.wizard(workbook(filled))
        importer.action_preview()
        self.assertEqual((importer.create_count, importer.error_count), (2, 0))
        self.assertFalse(
            self.env["qoo10.product.mapping"].search_count(
                [("backend_id", "=", self.backend.id)]
            )
        )
        importer.action_apply()
        mappings = self.env["qoo10.product.mapping"].search(
            [("backend_id", "=", self.backend.id)]
        )
        self.assertEqual(mappings.product_id, self.cap | self.black)
        self.assertEqual(mappings.filtered("option_code").option_value, "黒||*M")
        again = self.wizard(workbook(filled))
        again.action_apply()
        self.assertEqual((again.create_count, again.update_count), (0, 0))
        self.assertEqual(
            self.env["qoo10.product.mapping"].search(
                [("backend_id", "=", self.backend.id)]
            ),
            mappings,
        )

    def test_every_preview_problem(self):
        self.env["qoo10.product.mapping"].create(
            {
                "backend_id": self.backend.id,
                "option_code": "XL-TAKEN",
                "product_id": self.other.id,
            }
        )
        rows = [
            ["Qoo10 JP", "", "XL-CAP", "", "", "", "XL-CAP-P"],  # 2: good
            ["Nowhere", "", "XL-A", "", "", "", "XL-CAP-P"],  # 3: unknown shop
            ["Qoo10 JP", "", "", "", "", "", "XL-CAP-P"],  # 4: empty code
            ["Qoo10 JP", "", "XL-B", "", "", "", "NO-SUCH"],  # 5: unknown product
            ["Qoo10 JP", "", "XL-C", "", "", "", "XL-TWIN"],  # 6: two products
            [
                "Qoo10 JP",
                "",
                "",
                "",
                "",
                "XL-TAKEN",
                "XL-CAP-P",
            ],  # 7: mapped to another
            ["Qoo10 JP", "", "XL-CAP", "", "", "", "XL-CAP-P"],  # 8: duplicate of 2
            ["", "", "XL-D", "", "", "", ""],  # 9: no product: skipped
        ]
        wizard = self.wizard(workbook(rows), backend_id=self.backend.id)
        wizard.action_preview()
        problems = {p.row: p.problem for p in wizard.problem_ids}
        self.assertIn("Nowhere", problems[3])
        self.assertIn("Empty code", problems[4])
        self.assertIn("NO-SUCH", problems[5])
        self.assertIn("Several products", problems[6])
        self.assertIn("already mapped", problems[7])
        self.assertIn("row 2", problems[8])
        self.assertIn("skipped", problems[9])
        self.assertNotIn(2, problems)
        self.assertEqual(
            (wizard.create_count, wizard.error_count, wizard.skip_count), (1, 6, 1)
        )
        self.assertFalse(wizard.report_file, "written when asked")
        self.assertIn("report_file", wizard.action_download_report()["url"])
        report = read_back(wizard.report_file)
        self.assertEqual(report[0][0], "Row")
        self.assertEqual(report[3][0], 4)
        self.assertIn("Empty code", report[3][-1])
        wizard.action_apply()
        self.assertIn("1 mappings created", wizard.summary)
        mapping = self.env["qoo10.product.mapping"].search(
            [("seller_item_code", "=", "XL-CAP")]
        )
        self.assertEqual(mapping.product_id, self.cap)
        # the same row with "Change existing mappings" moves the taken code
        moved = self.wizard(workbook(rows[5:6]), replace_existing=True)
        moved.action_apply()
        taken = self.env["qoo10.product.mapping"].search(
            [("option_code", "=", "XL-TAKEN")]
        )
        self.assertEqual(taken.product_id, self.cap)

    def test_missing_column_and_template(self):
        wizard = self.wizard(workbook([["x", "1"]], header=["Shop", "Item No."]))
        wizard.action_preview()
        self.assertIn("Missing column", wizard.problem_ids.problem)
        self.assertIn("Seller Item Code", wizard.summary)
        template = self.wizard(False)
        template.action_template()
        self.assertEqual(read_back(template.export_file), [list(HEADER)])

    def test_product_of_another_company_refused_among_many(self):
        """The company check of a batch of mappings (one per company, not per mapping)
        still refuses the one product of another company, with Odoo's message."""
        other_company = self.env["res.company"].create({"name": "Other KK"})
        foreign = self.make_product("XL-FOREIGN", company_id=other_company.id)
        Mapping = self.env["qoo10.product.mapping"]
        values = [
            {
                "backend_id": self.backend.id,
                "option_code": f"XL-MANY-{n}",
                "product_id": self.cap.id,
            }
            for n in range(300)
        ]
        values[150]["product_id"] = foreign.id
        with self.assertRaises(UserError) as caught:  # Odoo's: in a savepoint
            Mapping.create(values)
        self.assertIn("Incompatible companies", str(caught.exception))
        self.assertIn("XL-FOREIGN", str(caught.exception))
        del values[150]
        self.assertEqual(len(Mapping.create(values)), 299)

    def test_apply_decides_again_on_the_rows_kept(self):
        """The apply does not read the file again, but decides again: a code mapped
        since the preview is reported, and another file in the wizard is read."""
        rows = [["Qoo10 JP", "", "XL-KEEP", "", "", "", "XL-CAP-P"]]
        wizard = self.wizard(workbook(rows), backend_id=self.backend.id)
        wizard.action_preview()
        self.assertEqual((wizard.create_count, wizard.error_count), (1, 0))
        self.env["qoo10.product.mapping"].create(
            {
                "backend_id": self.backend.id,
                "seller_item_code": "XL-KEEP",
                "product_id": self.other.id,
            }
        )
        # the file read by the preview is not read again
        with patch.object(mapping_sheet, "read_rows", side_effect=AssertionError):
            wizard.action_apply()
        self.assertEqual((wizard.create_count, wizard.error_count), (0, 1))
        self.assertIn("already mapped", wizard.problem_ids.problem)
        wizard.file = workbook([["Qoo10 JP", "", "XL-NEW", "", "", "", "XL-CAP-P"]])
        wizard.action_apply()
        self.assertEqual((wizard.create_count, wizard.error_count), (1, 0))
        wizard.action_download_report()
        self.assertEqual(read_back(wizard.report_file)[1][3], "XL-NEW")
