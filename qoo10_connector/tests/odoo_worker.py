# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A separate Odoo process for the crash and concurrency tests (run as a script, never
imported by the tests): it loads the test database's registry from the test command's
configuration file and runs Qoo10 crons, each run in its own transaction committed at
its end, as Odoo's cron worker does.

    python3 odoo_worker.py CONFIG DATABASE LOGFILE ROUNDS KIND[,KIND...]

KIND: import (the import cron: a window and its confirmations, or the confirmations
alone), tracking, claims, stock. It prints "ready" once the registry is loaded, then
"done <kind> <round>" after each committed run (with QOO10_WORKER_GO set, it waits for
that file to exist before its first run); the crash tests kill it (SIGKILL) while
the sandbox holds one of its calls, the concurrency test runs two at once.
"""

import os
import sys
import time

# this directory is sys.path[0]: the tests' modules must not shadow anything
sys.path.pop(0)

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402

CRONS = {
    "import": "_cron_import_orders",
    "tracking": "_cron_send_tracking",
    "claims": "_cron_sync_claims",
    "stock": "_cron_export_stock",
}


def main(config, database, logfile, rounds, kinds):
    odoo.tools.config.parse_config(
        ["-c", config, "-d", database, "--logfile", logfile, "--log-level", "info"]
    )
    registry = Registry(database)
    say("ready")
    go = os.environ.get("QOO10_WORKER_GO")
    while go and not os.path.exists(go):  # the concurrency test starts all at once
        time.sleep(0.05)
    for run in range(1, rounds + 1):
        for kind in kinds:
            # what ir.cron does for a job: one cursor, committed when the run ends
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                getattr(env["qoo10.backend"], CRONS[kind])()
            say("done %s %d" % (kind, run))


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main(
        sys.argv[1],
        sys.argv[2],
        sys.argv[3],
        int(sys.argv[4]),
        [kind for kind in sys.argv[5].split(",") if kind],
    )
    os._exit(0)  # no interpreter teardown of Odoo's threads
