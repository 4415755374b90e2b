# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the reliability tests share: the size of a run, the sandbox's random faults,
counting the calls per order number, and the figures printed at the end of the run."""

import json
import logging
import os
import time
from collections import Counter

from .common import sandbox

_logger = logging.getLogger(__name__)

# the carts of a fault run: QOO10_SOAK_CARTS=1000 for the soak (see README, Reliability)
CARTS = int(os.environ.get("QOO10_SOAK_CARTS") or 200)
FAULT_PERCENT = int(os.environ.get("QOO10_SOAK_FAULT_PERCENT") or 20)
# answers the connector read: every other fault loses the answer (the call may have run)
READ = (None, "bom")


def faults_on(seed=1, percent=FAULT_PERCENT, methods=(), slow_ms=1500):
    """Every kind of random fault on ``percent`` of the calls of ``methods`` (all when
    empty), with the call run anyway (only its answer is lost): the worst case."""
    sandbox(
        "/_sandbox/faults",
        {
            "rate_percent": percent,
            "rate_seed": seed,
            "rate_kinds": [],
            "methods": list(methods),
            "faults_apply": True,
            "slow_ms": slow_ms,
        },
    )


def faults_off():
    sandbox("/_sandbox/faults", {"reset": True})


def all_calls():
    calls, since = [], 0
    while True:
        page = sandbox("/_sandbox/calls?since=%d&limit=20000" % since)
        calls += page["calls"]
        if not page["calls"]:
            return calls
        since = page["next"]


def order_numbers(call):
    """The Qoo10 order numbers a write call names, single or bulk."""
    params = call["params"]
    for name in ("OrderNo", "ContrNo"):
        if params.get(name):
            return [str(params[name])]
    for name in ("SendPlanDtInfoJson", "ShippingInfoJson"):
        if params.get(name):
            return [str(row.get("OrderNo")) for row in json.loads(params[name])]
    return []


def per_order(calls, methods):
    """(Counter of answers read, Counter of answers lost) per order number."""
    read, lost = Counter(), Counter()
    for call in calls:
        if call["method"].split(".")[-1] not in methods:
            continue
        target = read if call["fault"] in READ else lost
        target.update(order_numbers(call))
    return read, lost


class Figures:
    """Figures of one reliability run, printed at the end of the pytest run (see the
    harness plugin) and kept in the README."""

    def __init__(self, name):
        self.name = name
        self.started = time.monotonic()
        self.values = {}

    def add(self, **values):
        self.values.update(values)

    def record(self):
        self.values["seconds"] = round(time.monotonic() - self.started, 1)
        path = os.environ.get("QOO10_RELIABILITY_FIGURES")
        line = "%s: %s" % (
            self.name,
            ", ".join("%s %s" % item for item in self.values.items()),
        )
        if path:
            with open(path, "a", encoding="utf-8") as out:
                out.write(line + "\n")
        _logger.info("Reliability figures: %s", line)
        return line
