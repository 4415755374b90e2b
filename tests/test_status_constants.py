"""The Odoo-side Qoo10 status "cancel" is spelled once: QOO10_STATUS_CANCEL, beside the
selection QOO10_STATUS (qoo10_connector/models/qoo10_order.py). Every other "cancel" in
the addons' code is one of Odoo's own states (sale order, move, picking) or a claim
family (const.CLAIM_CANCEL). The accounting addon's settlement events ("cancel",
"return", "refund") are Qoo10's settlement file words: there only lines about
``qoo10_status`` are checked."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADDONS = ("qoo10_connector", "qoo10_connector_stock", "qoo10_connector_queue")
STATUS_ONLY = ("qoo10_connector_account",)
CANCEL = re.compile(r"""["']cancel["']""")
# a line about one of Odoo's own states, not the Qoo10 status
ODOO_STATE = re.compile(r"""\bstate\b|["']state["']""")
DEFINITIONS = re.compile(r"^\s*(QOO10_STATUS_CANCEL|CLAIM_CANCEL)\s*=")


def _code_lines():
    for addon in ADDONS + STATUS_ONLY:
        for path in sorted((ROOT / addon).rglob("*.py")):
            if "tests" in path.relative_to(ROOT).parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if addon in ADDONS or "qoo10_status" in line:
                    yield path.relative_to(ROOT), number, line


def test_the_cancelled_status_is_one_constant():
    strays = [
        f"{path}:{number}: {line.strip()}"
        for path, number, line in _code_lines()
        if CANCEL.search(line)
        and not ODOO_STATE.search(line.replace("qoo10_status", ""))
        and not DEFINITIONS.match(line)
    ]
    assert strays == [], "use QOO10_STATUS_CANCEL:\n" + "\n".join(strays)


def test_the_constant_stands_beside_the_selection():
    source = (ROOT / "qoo10_connector/models/qoo10_order.py").read_text()
    assert re.search(r'^QOO10_STATUS_CANCEL = "cancel"$', source, re.M)
    assert "(QOO10_STATUS_CANCEL, " in source
