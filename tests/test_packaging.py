"""Each addon folder is a Python project built by whool (OCA's 18.0 packaging): one
identical ``pyproject.toml`` beside each ``__manifest__.py``. Each builds into a wheel
that installs as ``odoo.addons.<addon>`` with all its files and the requirements of its
manifest (no database needed).

Every addon folder of the repository is checked, so a new addon only needs a copy of the
same ``pyproject.toml``. Each one is copied to a temporary directory outside any git
checkout and built there with ``pip wheel --no-build-isolation`` (whool and wheel come
from requirements-test.txt), so nothing is downloaded and no build output is left in the
repository. Outside git, whool packages every file of the folder and uses the manifest's
version as is.
"""

import ast
import email.parser
import fnmatch
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: whool's own dependency
    import tomli as tomllib
try:  # whool's own dependency; when missing, _require_build_tools says what to install
    from manifestoo_core.core_addons import is_core_addon
    from manifestoo_core.odoo_series import OdooSeries
except ModuleNotFoundError:
    is_core_addon = OdooSeries = None

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
ODOO_SERIES = "18.0"
PYPROJECT = {
    "build-system": {"requires": ["whool"], "build-backend": "whool.buildapi"},
}
# Not shipped: whool drops pyproject.toml; the copy leaves out compiled files.
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", "build", "dist")


def _manifest(addon):
    return ast.literal_eval(
        (ROOT / addon / "__manifest__.py").read_text(encoding="utf-8")
    )


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _addon_files(addon_dir):
    """Paths (relative, posix) of the files whool must ship from a plain copy."""
    return {
        p.relative_to(addon_dir).as_posix()
        for p in addon_dir.rglob("*")
        if p.is_file() and p.name != "pyproject.toml"
    }


def _require_build_tools():
    missing = [
        m
        for m in ("whool", "wheel", "manifestoo_core")
        if importlib.util.find_spec(m) is None
    ]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not importable by {sys.executable}: the packaging "
            "tests build without isolation, run `pip install -r requirements-test.txt`"
        )


def test_addons_found():
    assert {"qoo10_connector", "qoo10_connector_stock"} <= set(ADDONS), ADDONS


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_has_the_common_pyproject(addon):
    path = ROOT / addon / "pyproject.toml"
    assert path.is_file(), (
        f"{addon} has no pyproject.toml: copy the one of qoo10_connector"
    )
    assert tomllib.loads(path.read_text(encoding="utf-8")) == PYPROJECT
    assert path.read_bytes() == (ROOT / ADDONS[0] / "pyproject.toml").read_bytes()


def test_no_setup_py_layout_left():
    leftovers = [
        p.relative_to(ROOT).as_posix()
        for p in [ROOT / "setup.py", *(ROOT / "setup").glob("*/setup.py")]
        if p.exists()
    ]
    leftovers += [a for a in ADDONS if (ROOT / "setup" / a).exists()]
    assert not leftovers, f"old setuptools-odoo layout left over: {leftovers}"


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
    _require_build_tools()
    tmp = tmp_path_factory.mktemp(addon)
    src = tmp / addon  # whool takes the addon name from the folder name
    shutil.copytree(ROOT / addon, src, ignore=IGNORED)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    # git must not find a repository above the copy (a TMPDIR inside a checkout): whool
    # would then ship only git-tracked files (none) and count commits for the version.
    env["GIT_CEILING_DIRECTORIES"] = str(tmp)
    env.pop("WHOOL_POST_VERSION_STRATEGY_OVERRIDE", None)
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
            "--no-index",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp,
        env=env,
    )
    assert proc.returncode == 0, f"pip wheel failed:\n{proc.stdout}\n{proc.stderr}"
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1, wheels
    with zipfile.ZipFile(wheels[0]) as zf:
        names = set(zf.namelist())
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(zf.read(meta_name).decode())
    return addon, wheels[0], names, metadata, _addon_files(src)


def test_wheel_name_and_version(wheel):
    addon, path, _names, metadata, _files = wheel
    version = _manifest(addon)["version"]
    assert version.startswith(ODOO_SERIES + ".")
    assert metadata["Name"] == f"odoo-addon-{addon}"
    assert metadata["Version"] == version
    assert path.name == f"odoo_addon_{addon}-{version}-py3-none-any.whl"


def test_wheel_contains_every_file_of_the_addon(wheel):
    addon, _path, names, _metadata, files = wheel
    prefix = f"odoo/addons/{addon}/"
    assert {"__manifest__.py", "__init__.py"} <= files
    missing = sorted(f for f in files if prefix + f not in names)
    assert not missing, f"missing from the {addon} wheel: {missing}"
    assert prefix + "pyproject.toml" not in names
    # nothing outside the addon's folder and its dist-info; in particular no
    # odoo/__init__.py nor odoo/addons/__init__.py, which would hide Odoo itself
    outside = [n for n in names if not n.startswith((prefix, f"odoo_addon_{addon}-"))]
    assert not outside, outside


def test_wheel_contains_data_files(wheel):
    """Data, views, security CSV, static files, assets and translations."""
    addon, _path, names, _metadata, files = wheel
    prefix = f"odoo/addons/{addon}/"
    manifest = _manifest(addon)
    data = manifest.get("data", []) + manifest.get("demo", [])
    assert data, "the manifest lists no data files"
    for rel in data:
        assert prefix + rel in names, f"{rel} missing from the wheel"
    assert any(n.startswith(prefix + "views/") and n.endswith(".xml") for n in names)
    assert prefix + "static/description/icon.png" in names
    for globs in manifest.get("assets", {}).values():
        for pattern in globs:
            assert fnmatch.filter(names, f"odoo/addons/{pattern}"), pattern
    kinds = (".xml", ".csv", ".po", ".pot", ".js", ".scss", ".png", ".svg")
    data_files = {f for f in files if f.endswith(kinds) or f.startswith("static/")}
    assert {f for f in data_files if f.endswith(".csv")}, "no access CSV"
    missing = sorted(f for f in data_files if prefix + f not in names)
    assert not missing, missing


def test_connector_wheel_ships_qapi(build_wheel):
    _addon, _path, names, _metadata, _files = build_wheel("qoo10_connector")
    assert "odoo/addons/qoo10_connector/qapi/__init__.py" in names
    assert "odoo/addons/qoo10_connector/qapi/client.py" in names


def test_wheel_requirements(wheel):
    addon, _path, _names, metadata, _files = wheel
    manifest = _manifest(addon)
    expected = {f"odoo=={ODOO_SERIES}.*"}
    for dep in manifest.get("depends", []):
        if dep in ADDONS or not is_core_addon(dep, OdooSeries(ODOO_SERIES)):
            expected.add(f"odoo-addon-{dep}=={ODOO_SERIES}.*")
    expected.update(manifest.get("external_dependencies", {}).get("python", []))
    assert set(metadata.get_all("Requires-Dist") or []) == expected
    if addon == "qoo10_connector":
        assert {"requests", "openpyxl"} <= expected
    if addon == "qoo10_connector_stock":
        assert f"odoo-addon-qoo10_connector=={ODOO_SERIES}.*" in expected


def test_wheels_install_as_odoo_addons(build_wheel, tmp_path):
    """All wheels pip-install together into one target as odoo/addons/<addon>."""
    wheels = [build_wheel(addon)[1] for addon in ADDONS]
    target = tmp_path / "site"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "--target",
            str(target),
            *map(str, wheels),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PIP_ROOT_USER_ACTION": "ignore"},
    )
    assert proc.returncode == 0, f"pip install failed:\n{proc.stdout}\n{proc.stderr}"
    for addon in ADDONS:
        installed = target / "odoo" / "addons" / addon / "__manifest__.py"
        assert installed.is_file(), f"{installed} not installed"
        assert installed.read_bytes() == (ROOT / addon / "__manifest__.py").read_bytes()
        assert list(target.glob(f"odoo_addon_{addon}-*.dist-info/METADATA"))
    assert not (target / "odoo" / "__init__.py").exists()
    assert not (target / "odoo" / "addons" / "__init__.py").exists()


def test_harness_installs_editable_odoo_in_compat_mode(tmp_path):
    """setup/harness_lib.sh installs an Odoo git clone editable in compat mode (a path in
    a .pth file), not with PEP 660's import hook, which comes after site-packages: the
    odoo/addons folder of any addon installed as a wheel would then hide Odoo ("cannot
    import name 'SUPERUSER_ID'"). pip is replaced by a stub that prints its calls."""
    src = tmp_path / "odoo-src"
    src.mkdir()
    (src / "requirements.txt").write_text("")
    script = r"""
        . "$1/setup/harness_lib.sh"
        pip_quiet() { echo "SETUPTOOLS_ENABLE_FEATURES=${SETUPTOOLS_ENABLE_FEATURES:-} $*"; }
        _pip_install_odoo_tree "$2" -e
        echo ---
        _pip_install_odoo_tree "$2"
    """
    proc = subprocess.run(
        ["bash", "-c", script, "bash", str(ROOT), str(src)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    editable, plain = proc.stdout.split("---\n")
    install = editable.strip().splitlines()[-1]
    assert f"-e {src}" in install, install
    assert "--config-settings editable_mode=compat" in install, install
    assert "--use-pep517" in install, install
    assert install.startswith("SETUPTOOLS_ENABLE_FEATURES=legacy-editable "), install
    install = plain.strip().splitlines()[-1]
    assert install.endswith(f"--no-deps {src}"), install
    assert "-e" not in install.split() and "compat" not in install, install
