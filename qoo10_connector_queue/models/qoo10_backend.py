# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The crons' work of each shop as queue_job jobs: one job per shop and kind.

The crons still pick the shops (connected, key not expired, switch on) and call
``_qoo10_cron_dispatch(kind)`` for each; here that enqueues a job instead of running
the work in the cron. The job runs the very same work (``_qoo10_cron_work(kind)``), so
the shop lock, exactly once, per-cart isolation and the outboxes hold as in a cron.
"""

import logging

from psycopg2.errors import LockNotAvailable

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import config

from odoo.addons.qoo10_connector import mappers
from odoo.addons.qoo10_connector.concurrency import Qoo10Busy
from odoo.addons.qoo10_connector.qapi import (
    Qoo10AuthError,
    Qoo10Error,
    Qoo10PermissionError,
    Qoo10ResponseError,
    Qoo10RoutingError,
    Qoo10TransientError,
)
from odoo.addons.queue_job.exception import RetryableJobError

_logger = logging.getLogger(__name__)

# The kinds of work, each its own job function and channel root.qoo10.<kind>
QUEUE_KINDS = ("import", "confirm", "tracking", "claims", "stock")
# Seconds before a job that found its shop's import running (shop lock) tries again
LOCK_RETRY_SECONDS = 30
# The shop's switch each kind re-checks when its job runs ("confirm" checks its own)
KIND_SWITCHES = {
    "import": "auto_import_orders",
    "claims": "auto_import_orders",
    "stock": "auto_export_stock",
}
# Context key: enqueue even under Odoo's test mode (see _qoo10_queue_enabled)
TEST_CONTEXT_KEY = "qoo10_queue_jobs"
# System parameter: "0" turns the jobs off (the crons work inline again)
ENABLED_PARAM = "qoo10_connector_queue.enabled"


def _cause(error, kinds):
    """``error`` or the error it was raised from, when it is one of ``kinds``."""
    while error is not None:
        if isinstance(error, kinds):
            return error
        error = error.__cause__
    return None


class Qoo10Backend(models.Model):
    _inherit = "qoo10.backend"

    qoo10_job_count = fields.Integer(
        string="Qoo10 Jobs",
        compute="_compute_qoo10_job_count",
        help="The shop's jobs waiting, running or failed.",
    )

    # ------------------------------------------------------------------
    # Enqueue: the crons' seam
    # ------------------------------------------------------------------
    def _qoo10_cron_dispatch(self, kind):
        """Enqueue this shop's work of ``kind``; nothing runs in the cron (False)."""
        if kind not in QUEUE_KINDS or not self._qoo10_queue_enabled():
            return super()._qoo10_cron_dispatch(kind)
        self.ensure_one()
        self._qoo10_enqueue(kind)
        return False

    def _qoo10_queue_enabled(self):
        """Jobs instead of work in the crons, unless the system parameter
        ``qoo10_connector_queue.enabled`` is "0" (the crons then work inline, as
        without this addon). Under Odoo's test mode only when the test asks for it
        (context ``qoo10_queue_jobs``): the other addons' tests run the crons inline,
        as they would without this addon."""
        if config["test_enable"] and not self.env.context.get(TEST_CONTEXT_KEY):
            return False
        # sudo: a switch read by the crons on behalf of any user
        param = self.env["ir.config_parameter"].sudo().get_param(ENABLED_PARAM, "1")
        return param.strip() not in ("0", "false", "False")

    def _qoo10_enqueue(self, kind):
        """The job of ``kind`` for this shop, unless one is already waiting (identity
        key): returns the queue.job created or found."""
        self.ensure_one()
        # the job belongs to the shop's company: its managers see it, and it runs there
        delayable = self.with_company(self.company_id).with_delay(
            description=self._qoo10_job_description(kind),
            identity_key=self._qoo10_job_identity(kind),
        )
        job = getattr(delayable, f"_qoo10_job_{kind}")()
        # the job just stored, or the queue.job found waiting by its identity key
        return job if isinstance(job, models.BaseModel) else job.db_record()

    def _qoo10_job_identity(self, kind):
        """One waiting job per shop and kind."""
        self.ensure_one()
        return f"qoo10.backend({self.id}).{kind}"

    def _qoo10_job_description(self, kind):
        labels = {
            "import": self.env._("Qoo10 %s: import orders (one window)", self.name),
            "confirm": self.env._("Qoo10 %s: send order confirmations", self.name),
            "tracking": self.env._("Qoo10 %s: send tracking numbers", self.name),
            "claims": self.env._("Qoo10 %s: apply claims", self.name),
            "stock": self.env._("Qoo10 %s: send stock quantities", self.name),
        }
        return labels[kind]

    # ------------------------------------------------------------------
    # The jobs (one job function, hence one channel, per kind)
    # ------------------------------------------------------------------
    def _qoo10_job_import(self):
        """One import window; the next window is a new job while the shop is behind."""
        ran, behind = self._qoo10_job_run("import")
        if ran and behind:
            self._qoo10_enqueue("import")
        return self._qoo10_job_result(ran)

    def _qoo10_job_confirm(self):
        return self._qoo10_job_result(self._qoo10_job_run("confirm")[0])

    def _qoo10_job_tracking(self):
        return self._qoo10_job_result(self._qoo10_job_run("tracking")[0])

    def _qoo10_job_claims(self):
        return self._qoo10_job_result(self._qoo10_job_run("claims")[0])

    def _qoo10_job_stock(self):
        return self._qoo10_job_result(self._qoo10_job_run("stock")[0])

    def _qoo10_job_result(self, ran):
        if ran:
            return self.env._("Done for the Qoo10 shop %s.", self.name)
        return self.env._(
            "Nothing done: the Qoo10 shop %s is not connected (see its problem "
            "message), its key has expired, or the automatic switch of this work is "
            "off.",
            self.name,
        )

    def _qoo10_job_run(self, kind):
        """The body of every job: (ran, what the work returned).

        A shop in its problem state (or whose key expired), or whose switch of this
        work was turned off since, does nothing, as its crons do. Qoo10's transient errors and a shop lock held by another run (or the
        same work running in another process: Qoo10Busy) are retried
        later (RetryableJobError, backoff from the job function's retry pattern or
        Qoo10's Retry-After); other errors fail the job with their message and are
        kept on the shop (last error, problem state on a rejected key)."""
        self.ensure_one()
        switch = KIND_SWITCHES.get(kind)
        if not self._qoo10_active_backends() or (switch and not self[switch]):
            return False, None
        try:
            with self.env.cr.savepoint():
                value = self._qoo10_cron_work(kind)
        except Exception as error:
            retry = self._qoo10_job_retryable(error)
            if retry:
                raise retry from error
            if isinstance(error, (UserError, Qoo10Error)):
                self._qoo10_job_keep_error(error)
            raise
        if self.last_error:
            self.last_error = False
        return True, value

    def _qoo10_job_retryable(self, error):
        """The RetryableJobError for a transient ``error``, else None.

        An answer that could not be read (an HTML error page with HTTP 200, which
        Qoo10's servers send when they fail) is retried too, as the next cron run
        would: when it lasts, the job fails after queue_job's retries with the
        message. Only an answer saying Qoo10 does not know the service (a wrong API
        URL, Qoo10RoutingError) fails at once."""
        transient = _cause(error, Qoo10TransientError)
        if transient:
            return RetryableJobError(str(error), seconds=transient.retry_after)
        unreadable = _cause(error, Qoo10ResponseError)
        if unreadable and not isinstance(unreadable, Qoo10RoutingError):
            return RetryableJobError(str(error))
        if _cause(error, (LockNotAvailable, Qoo10Busy)):
            return RetryableJobError(str(error), seconds=LOCK_RETRY_SECONDS)
        return None

    def _qoo10_job_keep_error(self, error):
        """Keep a failed job's error on the shop, as a cron does (_qoo10_isolated).

        The job's transaction is rolled back when it fails, so this is written and
        committed on a cursor of its own."""
        auth = _cause(error, (Qoo10AuthError, Qoo10PermissionError))
        message = mappers.storable(str(error))
        try:
            with self.env.registry.cursor() as cr:
                backend = self.with_env(self.env(cr=cr))
                if auth:
                    backend._qoo10_note_auth_problem(auth)
                backend.last_error = message
        except Exception:  # noqa: BLE001 - the job still fails with its own error
            _logger.exception("Qoo10 shop %s: error not kept on the shop", self.id)

    # ------------------------------------------------------------------
    # The shop's jobs, for its managers
    # ------------------------------------------------------------------
    def _qoo10_jobs_domain(self):
        self.ensure_one()
        return [
            ("model_name", "=", self._name),
            ("func_string", "=like", f"{self._name}({self.id},).%"),
        ]

    def _compute_qoo10_job_count(self):
        # sudo: a count only, shown to the shop's managers beside the button that
        # opens the jobs under their own rights
        jobs = self.env["queue.job"].sudo()
        for backend in self:
            domain = backend._qoo10_jobs_domain() if backend.id else [(0, "=", 1)]
            backend.qoo10_job_count = jobs.search_count(
                domain + [("state", "not in", ("done", "cancelled"))]
            )

    def action_view_qoo10_jobs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Qoo10 jobs of %s", self.name),
            "res_model": "queue.job",
            "view_mode": "list,form",
            "domain": self._qoo10_jobs_domain(),
        }
