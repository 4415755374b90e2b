"""Each addon builds into a wheel that installs as ``odoo.addons.<addon>`` with all its
data files (no database needed).

The ``setup/<addon>`` folder is copied to a temporary directory, following the
``odoo/addons/<addon>`` symlink, and built there, so the check leaves no build output in
the repository and fails when the symlink is broken.
"""

import ast
import email.parser
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ["qoo10_connector", "qoo10_connector_stock"]


def _manifest(addon):
    return ast.literal_eval(
        (ROOT / addon / "__manifest__.py").read_text(encoding="utf-8")
    )


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.fixture(scope="module")
def build_wheel(tmp_path_factory):
    """Builds each addon's wheel once per module: ``build_wheel(addon)``."""
    cache = {}

    def build(addon):
        if addon not in cache:
            cache[addon] = _build(addon, tmp_path_factory)
        return cache[addon]

    return build


@pytest.fixture(params=ADDONS)
def wheel(request, build_wheel):
    return build_wheel(request.param)


def _build(addon, tmp_path_factory):
    setup_dir = ROOT / "setup" / addon
    link = setup_dir / "odoo" / "addons" / addon
    assert link.is_symlink(), f"{link} must be a symlink to the addon"
    assert (link / "__manifest__.py").is_file(), f"{link} does not lead to the addon"
    tmp = tmp_path_factory.mktemp(addon)
    src = tmp / addon  # setup.py takes the addon name from its folder name
    shutil.copytree(
        setup_dir,
        src,
        symlinks=False,
        ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", "*.pyc"),
    )
    out = tmp / "dist"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, f"pip wheel failed:\n{proc.stdout}\n{proc.stderr}"
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1, wheels
    with zipfile.ZipFile(wheels[0]) as zf:
        names = set(zf.namelist())
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(zf.read(meta_name).decode())
    return addon, wheels[0].name, names, metadata


def test_wheel_name_and_version(wheel):
    addon, filename, _names, metadata = wheel
    version = _manifest(addon)["version"]
    assert version.startswith("18.0.")
    assert metadata["Name"].replace("_", "-") == f"odoo-addon-{addon}".replace("_", "-")
    assert metadata["Version"] == version
    assert filename.startswith(f"odoo_addon_{addon}-{version}-")


def test_wheel_contains_manifest_and_python(wheel):
    addon, _filename, names, _metadata = wheel
    prefix = f"odoo/addons/{addon}/"
    assert prefix + "__manifest__.py" in names
    assert prefix + "__init__.py" in names
    for path in (ROOT / addon).rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        rel = path.relative_to(ROOT / addon).as_posix()
        assert prefix + rel in names, f"{rel} missing from the wheel"
    # nothing outside the addon's namespace
    assert all(n.startswith((prefix, f"odoo_addon_{addon}-")) for n in names), names


def test_wheel_contains_manifest_data_files(wheel):
    addon, _filename, names, _metadata = wheel
    manifest = _manifest(addon)
    data = manifest.get("data", []) + manifest.get("demo", [])
    assert data, "the manifest lists no data files"
    for rel in data:
        assert f"odoo/addons/{addon}/{rel}" in names, f"{rel} missing from the wheel"
    xml = [n for n in names if n.endswith(".xml")]
    assert any("/views/" in n for n in xml), "no views XML in the wheel"
    icon = f"odoo/addons/{addon}/static/description/icon.png"
    if (ROOT / addon / "static" / "description" / "icon.png").is_file():
        assert icon in names


def test_connector_wheel_ships_qapi(build_wheel):
    _addon, _filename, names, _metadata = build_wheel("qoo10_connector")
    assert "odoo/addons/qoo10_connector/qapi/__init__.py" in names
    assert "odoo/addons/qoo10_connector/qapi/client.py" in names


def test_wheel_requirements(wheel):
    addon, _filename, _names, metadata = wheel
    requires = metadata.get_all("Requires-Dist") or []
    names = {_norm(re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0]): r for r in requires}
    assert "odoo" in names and "18.0" in names["odoo"], requires
    manifest = _manifest(addon)
    for pkg in manifest.get("external_dependencies", {}).get("python", []):
        assert _norm(pkg) in names, (pkg, requires)
    for dep in manifest.get("depends", []):
        if dep in ADDONS:
            assert _norm(f"odoo-addon-{dep}") in names, (dep, requires)
