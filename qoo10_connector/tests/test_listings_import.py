# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Import Qoo10 listings from the sandbox over HTTP: every status and page, options of both
kinds, re-runs that update and never duplicate, listings gone, a broken item isolated."""

from odoo.tests import tagged

from .common import SELLER, Qoo10Case, sandbox

OPTIONS = [
    {
        "names": ["カラー", "サイズ"],
        "values": ["黒", "M"],
        "code": "TS-BK-M",
        "qty": 3,
        "price": 0,
    },
    {
        "names": ["カラー", "サイズ"],
        "values": ["黒", "L"],
        "code": "TS-BK-L",
        "qty": 4,
        "price": 100,
    },
]


def put_items(*items):
    answer = sandbox(
        "/_sandbox/items", {"user_id": SELLER["user_id"], "items": list(items)}
    )
    return [row["item_code"] for row in answer["items"]]


class ListingCase(Qoo10Case):
    def import_listings(self, backend=None):
        """The button, then the cron's steps until it reports no work left."""
        backend = backend or self.backend
        backend.action_import_listings()
        self.assertTrue(backend.listing_phase)
        for _step in range(500):
            if not self.env["qoo10.backend"]._cron_import_listings():
                break
        self.assertFalse(backend.listing_phase)
        return self.env["qoo10.listing"].search([("backend_id", "=", backend.id)])


@tagged("post_install", "-at_install")
class TestListingImport(ListingCase):
    def test_statuses_pages_options_and_rerun(self):
        put_items(
            *({"seller_code": "P-%03d" % n, "price": 900 + n} for n in range(501))
        )
        shirt, hold, stopped = put_items(
            {
                "seller_code": "TS-1",
                "title": "Tシャツ",
                "price": 1980,
                "options": OPTIONS,
                "single_options": [
                    {
                        "name": "ラッピング",
                        "value": "あり",
                        "price": 200,
                        "code": "WRAP",
                    }
                ],
            },
            {"seller_code": "HOLD-1", "status": "S1", "qty": 7},
            {"seller_code": "STOP-1", "status": "S3"},
        )
        listings = self.import_listings()
        self.assertEqual(len(listings), 504)
        self.assertEqual(set(listings.mapped("status")), {"S1", "S2", "S3"})
        asked = {
            c["params"]["ItemStatus"] for c in self.calls("ItemsLookup.GetAllGoodsInfo")
        }
        self.assertEqual(asked, {"S0", "S1", "S2", "S3", "S4", "S5", "S8"})
        pages = [
            c["params"]["Page"]
            for c in self.calls("ItemsLookup.GetAllGoodsInfo")
            if c["params"]["ItemStatus"] == "S2"
        ]
        self.assertEqual(pages, ["1", "2"])
        by_code = {x.item_code: x for x in listings}
        tshirt = by_code[shirt]
        self.assertEqual(
            (tshirt.title, tshirt.price, tshirt.has_options), ("Tシャツ", 1980, True)
        )
        rows = tshirt.option_ids.sorted("sequence")
        self.assertEqual(
            [
                (r.kind, r.option_name, r.option_value, r.option_code, r.qty)
                for r in rows
            ],
            [
                ("combination", "カラー||*サイズ", "黒||*M", "TS-BK-M", 3),
                ("combination", "カラー||*サイズ", "黒||*L", "TS-BK-L", 4),
                ("single", "ラッピング", "あり", "WRAP", 0),
            ],
        )
        self.assertEqual(rows[0].raw["ItemTypeCode"], "TS-BK-M")
        held = by_code[hold]
        self.assertEqual(
            (held.has_options, held.qty, held.option_ids.kind), (False, 7, "item")
        )
        self.assertEqual(held.option_ids.code, "HOLD-1")
        self.assertEqual(by_code[stopped].raw_list["ItemStatus"], "S3")
        # Qoo10 changes: a price, an option gone, a listing deleted; the re-run updates
        put_items(
            {"item_code": shirt, "price": 2100, "options": OPTIONS[:1]},
            {"item_code": hold, "remove": True},
        )
        count = self.env["qoo10.listing.option"].search_count(
            [("backend_id", "=", self.backend.id)]
        )
        again = self.import_listings()
        self.assertEqual(again, listings, "nothing duplicated")
        self.assertEqual(
            self.env["qoo10.listing.option"].search_count(
                [("backend_id", "=", self.backend.id)]
            ),
            count,
        )
        self.assertEqual(tshirt.price, 2100)
        self.assertEqual(rows.filtered("gone").option_code, "TS-BK-L")
        self.assertTrue(held.gone)
        self.assertTrue(held.option_ids.gone)
        self.assertEqual(len(again.filtered("gone")), 1)

    def test_broken_item_is_isolated(self):
        good, bad = put_items(
            {"seller_code": "OK-1", "title": "良品"},
            {"seller_code": "BAD-1", "detail_error": "item data broken"},
        )
        listings = self.import_listings()
        by_code = {x.item_code: x for x in listings}
        self.assertEqual(by_code[good].read_state, "done")
        self.assertEqual(by_code[good].title, "良品")
        self.assertEqual(by_code[bad].read_state, "error")
        self.assertIn("item data broken", by_code[bad].read_error)
        self.assertIn("1 could not be read", self.backend.message_ids[0].body)
        # fixed on Qoo10: the next run reads it
        put_items({"item_code": bad, "detail_error": ""})
        self.import_listings()
        self.assertEqual(by_code[bad].read_state, "done")

    def test_shop_error_stops_the_step_and_resumes(self):
        put_items({"seller_code": "A-1"})
        self.backend.action_import_listings()
        sandbox(
            "/_sandbox/faults", {"bad_gateway_next": 10, "methods": ["GetAllGoodsInfo"]}
        )
        self.env["qoo10.backend"]._cron_import_listings()
        self.assertEqual(self.backend.listing_phase, "pages")
        self.assertTrue(self.backend.last_error)
        sandbox("/_sandbox/faults", {"reset": True})
        for _step in range(50):
            if not self.env["qoo10.backend"]._cron_import_listings():
                break
        self.assertEqual(len(self.backend.listing_ids), 1)

    def test_list_not_json_stops_the_run_and_writes_nothing(self):
        (first,) = put_items({"seller_code": "J-1", "price": 500})
        listing = self.import_listings()
        run = self.backend.listing_run
        put_items({"item_code": first, "remove": True}, {"seller_code": "J-2"})
        self.backend.action_import_listings()
        sandbox(
            "/_sandbox/faults", {"html_error_next": 1, "methods": ["GetAllGoodsInfo"]}
        )
        self.assertFalse(self.env["qoo10.backend"]._cron_import_listings())
        self.assertFalse(self.backend.listing_phase, "the run is stopped")
        self.assertIn("import of the Qoo10 listings stopped", self.backend.last_error)
        self.assertIn("Nothing was changed", self.backend.message_ids[0].body)
        # nothing half-written: the listing is as the last run left it, none created
        self.assertEqual(self.backend.listing_ids, listing)
        self.assertEqual(
            (listing.import_run, listing.read_state, listing.gone),
            (run, "done", False),
        )
        sandbox("/_sandbox/faults", {"reset": True})
        self.assertEqual(len(self.import_listings()), 2, "the next run reads it all")
        self.assertTrue(listing.gone)

    def test_chunk_with_a_bad_item_is_written_item_by_item(self):
        codes = put_items(*({"seller_code": "C-%02d" % n} for n in range(5)))
        self.env["ir.config_parameter"].set_param("qoo10_connector.listing_readers", 1)
        self.backend.action_import_listings()
        cron = self.env["qoo10.backend"]
        cron._cron_import_listings()  # the pages
        # a title the database refuses (NUL) breaks the chunk's one savepoint
        put_items({"item_code": codes[2], "title": "bad\x00title"})
        for _step in range(10):
            if not cron._cron_import_listings():
                break
        by_code = {x.item_code: x for x in self.backend.listing_ids}
        self.assertEqual(
            [by_code[c].read_state for c in codes],
            ["done", "done", "error", "done", "done"],
        )
        self.assertTrue(by_code[codes[2]].read_error)
        self.assertEqual(by_code[codes[4]].title, "テスト商品 C-04")

    def test_shop_error_in_a_later_chunk_keeps_the_chunks_written(self):
        """A step reads the next chunk while it writes one: when Qoo10 fails on a later
        chunk, the chunks already written are kept and the next step resumes there."""
        codes = put_items(*({"seller_code": "K-%02d" % n} for n in range(7)))
        params = self.env["ir.config_parameter"]
        params.set_param("qoo10_connector.listing_readers", 1)
        params.set_param("qoo10_connector.listing_chunk", 2)
        params.set_param("qoo10_connector.retries", 0)
        self.backend.action_import_listings()
        cron = self.env["qoo10.backend"]
        cron._cron_import_listings()  # the pages
        # two chunks (2 items x 3 calls) go through, then Qoo10 fails once
        sandbox("/_sandbox/faults", {"pass_next": 12, "bad_gateway_next": 1})
        self.assertTrue(cron._cron_import_listings())
        by_code = {x.item_code: x for x in self.backend.listing_ids}
        self.assertEqual(
            [by_code[c].read_state for c in codes],
            ["done"] * 4 + ["pending"] * 3,
        )
        self.assertFalse(self.backend.last_error)
        for _step in range(10):
            if not cron._cron_import_listings():
                break
        self.assertEqual(set(self.backend.listing_ids.mapped("read_state")), {"done"})
        self.assertEqual(by_code[codes[6]].title, "テスト商品 K-06")

    def calls(self, method):
        logged = sandbox("/_sandbox/calls")["calls"]
        return [c for c in logged if c["method"] == method]
