"""Static checks on the sandbox package: standard library only, no code shared with the
connector's client, small files."""

import ast
import sys
from pathlib import Path

SANDBOX_DIR = Path(__file__).resolve().parent.parent / "setup" / "qoo10_sandbox"
PACKAGE_DIR = SANDBOX_DIR / "qoo10_sandbox"
MAX_LINES = 400


def _sources():
    return [SANDBOX_DIR / "server.py", *sorted(PACKAGE_DIR.glob("*.py"))]


def _absolute_imports(path):
    """Root names of the absolute imports in ``path`` (relative ones stay inside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_the_package_has_one_module_per_domain():
    names = {path.stem for path in PACKAGE_DIR.glob("*.py")}
    assert {"auth", "orders", "items", "claims", "control", "launcher"} <= names


def test_only_the_standard_library_and_the_package_itself():
    """Also keeps the sandbox from importing the connector's client (qoo10_connector)."""
    allowed = set(sys.stdlib_module_names) | {"qoo10_sandbox"}
    for path in _sources():
        foreign = set(_absolute_imports(path)) - allowed
        assert not foreign, "%s imports %s" % (path.name, sorted(foreign))


def test_no_file_over_the_size_limit():
    for path in _sources():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_LINES, "%s has %d lines" % (path.name, lines)
