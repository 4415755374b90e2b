# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a concurrent run of the same work causes (another process busy with the same
shop): a lock refused, a serialization failure, a deadlock. Such work is rolled back and
done by the next run: it is never a cart's, a line's or a shop's error."""

from psycopg2.errors import DeadlockDetected, LockNotAvailable, SerializationFailure

CONCURRENCY_ERRORS = (SerializationFailure, DeadlockDetected, LockNotAvailable)


class Qoo10Busy(Exception):
    """Another process runs this shop's work of this kind right now."""


def is_concurrent(error):
    """True when ``error`` (or what caused it) comes from a concurrent run."""
    while error is not None:
        if isinstance(error, (Qoo10Busy, *CONCURRENCY_ERRORS)):
            return True
        error = error.__cause__ or error.__context__
    return False


def reraise(error):
    """Raise ``error`` again when it comes from a concurrent run: per-record isolation
    must not record it as that record's error (the whole work steps aside instead)."""
    if is_concurrent(error):
        raise error
