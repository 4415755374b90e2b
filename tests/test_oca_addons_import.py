"""Odoo and OCA's addons installed as wheels import together (README: the PEP 660 trap).

An Odoo installed editable the PEP 660 way is found after site-packages, where the
``odoo/addons`` folder of any addon wheel then makes ``odoo`` a namespace package without
Odoo in it. Checked in a fresh interpreter, as a user's ``odoo`` command would start."""

import subprocess
import sys
import textwrap

OCA_ADDONS = ("account_reconcile_oca", "account_statement_import_sheet_file")


def test_odoo_and_oca_wheels_import_together():
    code = textwrap.dedent(
        f"""
        import importlib.metadata, importlib.util, os
        import odoo
        from odoo import SUPERUSER_ID  # fails when odoo is only a namespace
        assert SUPERUSER_ID == 1
        assert odoo.release.version_info[0] == 18, odoo.release.version
        for name in {OCA_ADDONS!r}:
            importlib.metadata.version("odoo-addon-" + name)
            spec = importlib.util.find_spec("odoo.addons." + name)
            assert spec, name  # Odoo finds its addons in odoo.addons
            folder = spec.submodule_search_locations[0]
            assert os.path.isfile(os.path.join(folder, "__manifest__.py")), folder
        print("ok")
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd="/",
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().endswith("ok")
