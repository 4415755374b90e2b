"""Packages the Odoo addon beside this file as ``odoo.addons.<addon>`` (OCA's classic
``setup/<addon>/odoo/addons/<addon>`` symlink layout). Name, version, summary, license,
dependencies and data files all come from the addon's ``__manifest__.py``, so this file is
the same for every addon of the repository:

    pip install ./setup/qoo10_connector        # or: pip wheel --no-deps ./setup/<addon>
"""

import ast
import os

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
ADDON = os.path.basename(HERE)
ADDON_DIR = os.path.join(HERE, "odoo", "addons", ADDON)
PACKAGE = "odoo.addons." + ADDON
ODOO_SERIES = "18.0"
ODOO_REQUIREMENT = "odoo>=18.0a,<18.1dev"
# Addons that are not part of Odoo itself and so must come from their own distribution.
OWN_ADDONS = {"qoo10_connector", "qoo10_connector_stock"}


def read_manifest():
    with open(os.path.join(ADDON_DIR, "__manifest__.py"), encoding="utf-8") as f:
        return ast.literal_eval(f.read())


def install_requires(manifest):
    requires = [ODOO_REQUIREMENT]
    for dep in manifest.get("depends", []):
        if dep in OWN_ADDONS:
            requires.append(f"odoo-addon-{dep}>={ODOO_SERIES}dev,<18.1dev")
    requires.extend(manifest.get("external_dependencies", {}).get("python", []))
    return requires


def packages_and_data():
    """Every directory with an ``__init__.py`` is a package; every other file (XML, CSV,
    images, .po, and anything in non-package folders such as static/) is package data
    of the closest enclosing package."""
    packages, package_data = [], {}
    for dirpath, dirnames, filenames in os.walk(ADDON_DIR, followlinks=True):
        dirnames[:] = sorted(
            d for d in dirnames if d != "__pycache__" and not d.startswith(".")
        )
        rel = os.path.relpath(dirpath, ADDON_DIR)
        parts = [] if rel == "." else rel.split(os.sep)
        if "__init__.py" in filenames:
            pkg_parts = parts
            packages.append(".".join([PACKAGE, *parts]) if parts else PACKAGE)
        else:
            # walk up to the closest package
            pkg_parts = parts[:]
            while pkg_parts and not os.path.isfile(
                os.path.join(ADDON_DIR, *pkg_parts, "__init__.py")
            ):
                pkg_parts.pop()
        pkg = ".".join([PACKAGE, *pkg_parts]) if pkg_parts else PACKAGE
        sub = parts[len(pkg_parts) :]
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")) or name.startswith("."):
                continue
            if name.endswith(".py") and not sub:
                continue  # a module of the package itself
            package_data.setdefault(pkg, []).append("/".join([*sub, name]))
    return packages, package_data


MANIFEST = read_manifest()
PACKAGES, PACKAGE_DATA = packages_and_data()

setup(
    name="odoo-addon-" + ADDON,
    version=MANIFEST["version"],
    description=MANIFEST.get("summary", MANIFEST["name"]).strip(),
    author=MANIFEST.get("author"),
    url=MANIFEST.get("website"),
    license=MANIFEST.get("license"),
    python_requires=">=3.10",
    packages=PACKAGES,
    package_dir={PACKAGE: os.path.join("odoo", "addons", ADDON)},
    package_data=PACKAGE_DATA,
    include_package_data=False,
    install_requires=install_requires(MANIFEST),
    classifiers=[
        "Programming Language :: Python",
        "Framework :: Odoo",
        f"Framework :: Odoo :: {ODOO_SERIES}",
    ],
    zip_safe=False,
)
