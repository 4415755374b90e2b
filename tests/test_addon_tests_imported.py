"""Every addon's tests/__init__.py imports all its test_*.py modules.

Odoo's own runner (``odoo --test-enable``, as OCA CI and runbot run it) only runs the
test modules that the addon's ``tests`` package imports; pytest-odoo finds the files by
name. A module missing from ``__init__.py`` would run under one runner and silently not
under the other. Read with ``ast``: no Odoo needed.
"""

import ast
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def addons_with_tests(root=REPO_ROOT):
    return sorted(
        path.parent.name
        for path in root.glob("*/__manifest__.py")
        if (path.parent / "tests").is_dir()
    )


def imported_modules(init_file):
    """Names of the sibling modules that a package's __init__.py imports."""
    names = set()
    for node in ast.walk(ast.parse(init_file.read_text(), str(init_file))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:  # from .test_x import ...
                names.add(node.module.split(".")[0])
            else:  # from . import test_x, test_y
                names.update(alias.name for alias in node.names)
    return names


def import_problems(tests_dir):
    """What is wrong with the imports of tests_dir/__init__.py, as sentences."""
    init_file = tests_dir / "__init__.py"
    if not init_file.is_file():
        return [f"{init_file} is missing: Odoo's runner finds no test"]
    imported = imported_modules(init_file)
    modules = {path.stem for path in tests_dir.glob("test_*.py")}
    problems = [
        f"{init_file} does not import {name}: Odoo's runner skips its tests"
        for name in sorted(modules - imported)
    ]
    problems += [
        f"{init_file} imports {name}, which is not a module of {tests_dir}"
        for name in sorted(imported)
        if not (tests_dir / f"{name}.py").is_file()
        and not (tests_dir / name / "__init__.py").is_file()
    ]
    return problems


def test_the_addons_have_tests():
    assert {"qoo10_connector", "qoo10_connector_stock"} <= set(addons_with_tests())


@pytest.mark.parametrize("addon", addons_with_tests())
def test_tests_package_imports_every_test_module(addon):
    assert import_problems(REPO_ROOT / addon / "tests") == []


def test_a_forgotten_or_stale_module_is_reported(tmp_path):
    tests_dir = tmp_path / "tests"
    tests_dir.mkdir()
    for name in ("common", "test_a", "test_b"):
        (tests_dir / f"{name}.py").write_text("")
    (tests_dir / "__init__.py").write_text("from . import test_a, test_gone\n")
    assert import_problems(tests_dir) == [
        f"{tests_dir / '__init__.py'} does not import test_b: Odoo's runner skips its tests",
        f"{tests_dir / '__init__.py'} imports test_gone, which is not a module of {tests_dir}",
    ]
    (tests_dir / "__init__.py").write_text(
        "from . import test_a\nfrom .test_b import TestB\n"
    )
    assert import_problems(tests_dir) == []
