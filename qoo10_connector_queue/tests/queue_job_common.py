# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""queue_job's test helpers (``trap_jobs``) on this Odoo build.

queue_job 18.0.4.x's ``tests/common.py`` starts with
``from odoo.tests.common import SETATTR_SOURCES``, a registry of the files allowed to
patch model methods that a later Odoo 18.0 added to its test framework. The Odoo 18.0
build the project runs on predates it, so the import fails with ``ImportError: cannot
import name 'SETATTR_SOURCES' from 'odoo.tests.common'``. Nothing in this Odoo reads
that registry: give queue_job the empty one it expects (only when missing, so a newer
Odoo keeps its own), then import its helpers."""

from odoo.tests import common as odoo_test_common

if not hasattr(odoo_test_common, "SETATTR_SOURCES"):
    odoo_test_common.SETATTR_SOURCES = {}

# pylint: disable=wrong-import-position
from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: E402

__all__ = ["trap_jobs"]
