# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The reliability suite's fault run once more with the glue installed: the crons
enqueue queue_job jobs (one per shop and kind) and the jobs are performed for real, as
queue_job's runner would (``Job.load`` / ``perform``, then done, postponed on queue_job's
``RetryableJobError`` with its retry count, failed otherwise), while the sandbox fails
20% of every call in every way.

The test is qoo10_connector's own (``test_reliability_faults``): the same carts, the
same checks (every cart imported exactly once, each confirmation and tracking number
read once, nothing left in error once the faults stop); only the rounds differ. Fewer
carts by default (``QOO10_QUEUE_SOAK_CARTS``, 80) to keep it short: the jobs add no
other work, and the base run covers the 200."""

import os
from collections import Counter
from unittest.mock import patch

from odoo.tests import tagged

# the module, not its class: the base test is not collected a second time here
from odoo.addons.qoo10_connector.tests import reliability
from odoo.addons.qoo10_connector.tests import test_reliability_faults as base_faults
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import DONE, FAILED, PENDING, Job

from ..models.qoo10_backend import TEST_CONTEXT_KEY

RETRIES_SPENT = "odoo.addons.queue_job.exception.FailedJobError"
CARTS = int(os.environ.get("QOO10_QUEUE_SOAK_CARTS") or 80)


class JobFigures(reliability.Figures):
    """The base run's figures under their own name, with the jobs' figures added."""

    jobs = None

    def __init__(self, name):
        super().__init__(name + " (queue_job)")

    def record(self):
        self.add(**JobFigures.jobs)
        return super().record()


@tagged("post_install", "-at_install")
class TestQueueReliabilityFaults(base_faults.TestReliabilityFaults):
    def setUp(self):
        super().setUp()
        # a cursor asked of the registry (a failed job keeps its error on the shop on
        # a cursor of its own) is the test's, as in a request of an HttpCase
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        self.performed = Counter()

    def test_exactly_once_under_faults(self):  # pylint: disable=missing-return
        JobFigures.jobs = self.performed
        with (
            patch.object(base_faults, "CARTS", CARTS),
            patch.object(base_faults, "Figures", JobFigures),
        ):
            super().test_exactly_once_under_faults()
        self.assertFalse(self._jobs([PENDING]), "no job left waiting")
        self.assertGreater(self.performed["import"], 0)
        self.assertGreater(self.performed["tracking"], 0)
        failed = self._jobs([FAILED])
        # a job fails only after queue_job's retries, on Qoo10's transient errors:
        # anything else is an error of the glue or of the work under faults
        self.assertEqual(
            set(failed.mapped("exc_name")) - {RETRIES_SPENT},
            set(),
            failed.mapped("exc_info"),
        )

    def _run(self):
        """One round: each cron enqueues its jobs, then the queue is drained (every
        job performed once; an import window still behind chains its next one)."""
        backends = self.env["qoo10.backend"].with_context(**{TEST_CONTEXT_KEY: True})
        backends._cron_import_orders()
        self._perform_jobs()
        self._ship_ready()
        backends._cron_send_tracking()
        self._perform_jobs()
        backends._cron_sync_claims()
        self._perform_jobs()

    # ------------------------------------------------------------------
    # queue_job's runner, in the test's transaction
    # ------------------------------------------------------------------
    def _jobs(self, states):
        return self.env["queue.job"].search(
            [("model_name", "=", "qoo10.backend"), ("state", "in", states)],
            order="id",
        )

    def _perform_jobs(self):
        seen = set()
        while True:
            self.env.flush_all()
            uuids = [u for u in self._jobs([PENDING]).mapped("uuid") if u not in seen]
            if not uuids:
                return
            for uuid in uuids:
                seen.add(uuid)
                self._perform(uuid)
            self.env.invalidate_all()

    def _perform(self, uuid):
        """What queue_job's controller does for one job (RunJobController._runjob),
        without its commits: started, performed, then done, postponed with its retry
        count on RetryableJobError (the eta is ignored: the next round comes later),
        or failed (FailedJobError once the retries are spent)."""
        job = Job.load(self.env, uuid)
        job.set_started()
        job.store()
        self.performed[job.method_name.removeprefix("_qoo10_job_")] += 1
        try:
            job.perform()
        except RetryableJobError as error:
            self.performed["postponed"] += 1
            job.postpone(result=str(error), seconds=error.seconds)
            job.set_pending(reset_retry=False)
        except Exception as error:  # noqa: BLE001 - stored on the job, checked after
            self.performed["failed"] += 1
            job.set_failed(
                exc_name=f"{type(error).__module__}.{type(error).__name__}",
                exc_message=str(error),
                exc_info=repr(error),
            )
        else:
            self.performed["done"] += 1
            job.set_done()
        job.store()
        self.assertIn(job.state, (DONE, PENDING, FAILED))
