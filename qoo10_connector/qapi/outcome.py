"""What Qoo10's answer to one write means for the outbox row that asked for it.

Every outbox (order confirmations, tracking, stock) reads answers the same way, and
matches them to its rows by key, never by position (QAPI.md §3.2, §14):

* SENT: Qoo10 accepted the row, or answered with a code that says it is already done
  (for example -10012 "already confirmed");
* PENDING: the outcome is unknown (connection dropped, timeout, an unreadable answer, no
  answer for the row): the row stays in the outbox and is sent again later, which the
  "already done" codes make safe;
* REFUSED: Qoo10 refused the row; its message is kept for a person.

An error about the shop itself (key rejected or expired, API not permitted) is not a
row's outcome: it is raised, and the rows stay pending.
"""

from dataclasses import dataclass

from .bulk import failed_rows
from .errors import Qoo10AuthError, Qoo10BusinessError, Qoo10Error, Qoo10PermissionError
from .records import RowResult

SENT, PENDING, REFUSED = "sent", "pending", "refused"


@dataclass(frozen=True)
class Outcome:
    state: str
    message: str = ""


def outcome(result, done_codes=()):
    """The Outcome of one RowResult (None: Qoo10 said nothing about the row)."""
    if result is None:
        return Outcome(PENDING)
    if result.ok or result.code in done_codes:
        return Outcome(SENT)
    error = result.error
    if isinstance(error, (Qoo10AuthError, Qoo10PermissionError)):
        raise error
    if error is not None and not isinstance(error, Qoo10BusinessError):
        return Outcome(PENDING, result.message)
    message = f"{result.message} ({result.code})" if result.code else result.message
    return Outcome(REFUSED, message)


def outcomes(results, keys, done_codes=()):
    """{key: Outcome} for the rows sent under ``keys``, each matched by its key."""
    by_key = {result.key: result for result in results}
    return {key: outcome(by_key.get(key), done_codes) for key in keys}


def call_result(key, call, *args, **kwargs):
    """The RowResult of a single write, so that single and bulk writes read the same."""
    try:
        call(*args, **kwargs)
    except Qoo10Error as error:
        return failed_rows([key], error)[0]
    return RowResult(key=key, ok=True)


def send_each(call, rows, key="order_no"):
    """One ``call(**row)`` per row, as RowResults under ``row[key]``; stops at the first
    failure the next rows would meet too (they stay without a result: pending)."""
    results = []
    for row in rows:
        results.append(call_result(row[key], call, **row))
        if stops_batch(results[-1]):
            break
    return results


def stops_batch(result):
    """True when a single write failed for a reason the next rows would meet too."""
    return result.error is not None and not isinstance(result.error, Qoo10BusinessError)
