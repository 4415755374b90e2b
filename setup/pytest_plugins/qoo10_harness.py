"""pytest plugin loaded by setup/run_tests.sh (``-p qoo10_harness``).

It makes the run fail when an Odoo suite silently vanished: every addon named in
``QOO10_REQUIRE_ADDON_TESTS`` (comma-separated directory names under the repository
root) must contribute at least one collected test, before ``-k``/``-m`` deselection,
so a run narrowed with ``-k`` still counts the suite as present.

It also drops one known false alarm: pytest-odoo imports ``odoo.tests`` while setting up
(before it turns Odoo's test mode on), and Odoo 18 logs that import as an ERROR
("Importing test framework, avoid importing from business modules...") with a stack.
"""

import logging
import os
import tempfile
from pathlib import Path

import pytest

_REQUIRED_KEY = pytest.StashKey[dict]()
_FIGURES_KEY = pytest.StashKey[str]()


class _DropTestFrameworkImportError(logging.Filter):
    def filter(self, record):
        return not str(record.msg).startswith("Importing test framework")


logging.getLogger("odoo.tests.common").addFilter(_DropTestFrameworkImportError())


def _required_addons():
    value = os.environ.get("QOO10_REQUIRE_ADDON_TESTS", "")
    return [name.strip() for name in value.split(",") if name.strip()]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    root = Path(config.rootpath)
    counts = dict.fromkeys(_required_addons(), 0)
    for item in items:
        try:
            top = Path(item.path).resolve().relative_to(root).parts[0]
        except ValueError:
            continue
        if top in counts:
            counts[top] += 1
    config.stash[_REQUIRED_KEY] = counts


def _missing(config):
    counts = config.stash.get(_REQUIRED_KEY, None)
    if counts is None:
        return []
    return [name for name, count in counts.items() if not count]


def pytest_configure(config):
    """The reliability tests append their figures to this file; printed at the end."""
    if not os.environ.get("QOO10_RELIABILITY_FIGURES"):
        handle, path = tempfile.mkstemp(prefix="qoo10-reliability-", suffix=".txt")
        os.close(handle)
        os.environ["QOO10_RELIABILITY_FIGURES"] = path
        config.stash[_FIGURES_KEY] = path


def _print_figures(terminalreporter, config):
    path = config.stash.get(_FIGURES_KEY, None)
    if not path or not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as figures:
        lines = [line.rstrip() for line in figures if line.strip()]
    os.unlink(path)
    for line in lines:
        terminalreporter.write_line(f"Reliability figures: {line}")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    _print_figures(terminalreporter, config)
    counts = config.stash.get(_REQUIRED_KEY, None)
    if not counts:
        return
    summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
    terminalreporter.write_line(f"Odoo suites collected: {summary}")
    for name in _missing(config):
        terminalreporter.write_line(
            f"ERROR: no test collected from {name}/tests: the Odoo suite did not load",
            red=True,
            bold=True,
        )


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if _missing(session.config) and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
