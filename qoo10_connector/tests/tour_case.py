# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Browser tours in headless Chromium, as Odoo's HttpCase runs them, made strict and
patient for a shared machine.

Odoo skips a browser test when Chromium does not start in time ("Failed to detect
chrome devtools port"), and a skipped test passes both test runners. Here Chromium
gets a minute to start, three times, and a tour that still cannot start FAILS; each
tour gets TOUR_TIMEOUT seconds."""

import logging
import unittest
from unittest.mock import patch

from odoo.http import root
from odoo.tests import HttpCase
from odoo.tests import common as odoo_common

from .common import Qoo10Case

_logger = logging.getLogger(__name__)

TOUR_TIMEOUT = 600  # seconds per tour: the machine is shared, steps may wait long
BROWSER_TRIES = 3
BROWSER_START_CHECKS = 600  # Odoo checks every 0.1 s for Chromium's port: 60 s


class Qoo10TourCase(HttpCase, Qoo10Case):
    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        # The browser's first requests would read every addon manifest at once, in
        # several server threads; Python 3.11 before 3.11.8 can then fail a compile()
        # with "AST constructor recursion depth mismatch" (CPython gh-106905). Read them
        # once here, in this thread.
        self.assertTrue(root.statics)
        kwargs.setdefault("timeout", TOUR_TIMEOUT)
        reason = None
        for attempt in range(1, BROWSER_TRIES + 1):
            try:
                with patch.object(
                    odoo_common, "CHECK_BROWSER_ITERATIONS", BROWSER_START_CHECKS
                ):
                    return super().start_tour(url_path, tour_name, step_delay, **kwargs)
            except unittest.SkipTest as error:  # Chromium did not start: try again
                reason = error
                _logger.info("tour %s, try %s: %s", tour_name, attempt, error)
        self.fail(
            f"The tour {tour_name} could not run: Chromium did not start "
            f"({BROWSER_TRIES} tries): {reason}"
        )
