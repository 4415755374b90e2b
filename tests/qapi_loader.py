"""Load ``qoo10_connector/qapi`` as a standalone package, without Odoo.

``qoo10_connector/__init__.py`` imports Odoo, so tests must not import the client through
it; this loads ``qoo10_connector/qapi/__init__.py`` under the name ``qoo10_qapi``.
"""

import importlib.util
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
QAPI_DIR = REPO_ROOT / "qoo10_connector" / "qapi"
PACKAGE = "qoo10_qapi"


def load_qapi():
    """The ``qapi`` package (loaded once, cached in ``sys.modules``)."""
    if PACKAGE in sys.modules:
        return sys.modules[PACKAGE]
    spec = importlib.util.spec_from_file_location(
        PACKAGE, QAPI_DIR / "__init__.py", submodule_search_locations=[str(QAPI_DIR)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[PACKAGE] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[PACKAGE]
        raise
    return module


def load_submodule(name):
    """``qoo10_qapi.<name>`` (e.g. ``parser``, ``convert``)."""
    load_qapi()
    return importlib.import_module("%s.%s" % (PACKAGE, name))


FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures_qapi"
SHARED_SAMPLES_DIR = REPO_ROOT.parent / "shared" / "qoo10" / "samples"


def load_fixture(name):
    """A sample payload copied into ``tests/fixtures_qapi`` (``name`` without ``.json``)."""
    with open(FIXTURES_DIR / ("%s.json" % name), encoding="utf-8") as handle:
        return json.load(handle)
