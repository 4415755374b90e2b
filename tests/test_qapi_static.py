"""Static checks: the qapi package never imports Odoo, and loads on its own."""

import ast
import subprocess
import sys
import textwrap

from qapi_loader import QAPI_DIR, REPO_ROOT, load_qapi

FORBIDDEN_ROOTS = {"odoo", "openerp"}


def _imports(path):
    """(line, module) of every import statement in ``path``; relative ones as ``.name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            yield node.lineno, "." * node.level + (node.module or "")
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", "") == "import_module"
        ):
            yield node.lineno, "<dynamic import_module>"


def test_qapi_files_exist():
    names = {path.name for path in QAPI_DIR.glob("*.py")}
    assert {"__init__.py", "const.py", "errors.py", "records.py", "parser.py"} <= names
    assert {"client.py", "throttle.py"} <= names


def test_no_file_under_qapi_imports_odoo():
    offenders = []
    for path in sorted(QAPI_DIR.rglob("*.py")):
        for line, module in _imports(path):
            root = module.split(".")[0]
            if root in FORBIDDEN_ROOTS or module.startswith("<dynamic"):
                offenders.append("%s:%s %s" % (path.name, line, module))
            # the addon package itself imports odoo: only relative imports inside qapi
            if root in {"qoo10_connector", "qoo10_connector_stock"}:
                offenders.append("%s:%s %s" % (path.name, line, module))
    assert not offenders, "qapi must not import odoo (or the addon): %s" % offenders


def test_no_dunder_import_in_qapi():
    for path in QAPI_DIR.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "__import__(" not in source, path.name


def test_loading_qapi_standalone_imports_no_odoo():
    """In a fresh interpreter: loading the package leaves no odoo module behind."""
    code = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, %r)
        from qapi_loader import load_qapi
        qapi = load_qapi()
        assert qapi.Qoo10Client and qapi.OrderLine
        bad = sorted(m for m in sys.modules if m.split(".")[0] in ("odoo", "openerp"))
        print("ODOO_MODULES=%%s" %% bad)
        """
        % str(REPO_ROOT / "tests")
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert "ODOO_MODULES=[]" in out.stdout


def test_public_names_are_exported():
    qapi = load_qapi()
    for name in (
        "Qoo10Client",
        "REGION_URLS",
        "REGION_TZ",
        "Qoo10Error",
        "Qoo10AuthError",
        "Qoo10PermissionError",
        "Qoo10TransientError",
        "Qoo10BusinessError",
        "Qoo10ResponseError",
        "Qoo10RoutingError",
        "OrderLine",
        "Claim",
        "Item",
        "ItemOption",
        "RowResult",
    ):
        assert hasattr(qapi, name), name
    assert issubclass(qapi.Qoo10RoutingError, qapi.Qoo10ResponseError)
    for cls in (
        qapi.Qoo10AuthError,
        qapi.Qoo10PermissionError,
        qapi.Qoo10TransientError,
        qapi.Qoo10BusinessError,
        qapi.Qoo10ResponseError,
    ):
        assert issubclass(cls, qapi.Qoo10Error)


def test_regions_and_time_zones():
    qapi = load_qapi()
    assert qapi.REGION_URLS == {
        "jp": "https://api.qoo10.jp/GMKT.INC.Front.QAPIService/ebayjapan.qapi",
        "sg": "https://api.qoo10.sg/GMKT.INC.Front.QAPIService/Giosis.qapi",
        "global": "https://api.qoo10.com/GMKT.INC.Front.QAPIService/Giosis.qapi",
    }
    assert qapi.REGION_TZ == {
        "jp": "Asia/Tokyo",
        "sg": "Asia/Singapore",
        "global": "Asia/Singapore",
    }
