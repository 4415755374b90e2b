# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_queue_enqueue, test_queue_jobs_run, test_queue_reliability_faults
