#!/usr/bin/env bash
# The project's test command:  setup/run_tests.sh [extra pytest args, e.g. -k credential]
#
# 1. pip-installs requirements.txt and requirements-test.txt;
# 2. makes sure Odoo 18 is importable (installs it from Odoo's upstream source if not;
#    fails if that is impossible or if another Odoo version is installed);
# 3. starts its own PostgreSQL cluster on 127.0.0.1 (temporary data dir, free port) with a
#    dedicated role for Odoo, and creates a fresh database;
# 4. installs qoo10_connector, qoo10_connector_stock, qoo10_connector_queue (with OCA's
#    queue_job) and qoo10_connector_account (with OCA's account_reconcile_oca and
#    account_statement_import_sheet_file; and l10n_jp, the Japanese chart
#    the amount tests use) into it without demo data, and fails if the install log has
#    any WARNING or ERROR line;
# 5. starts the Qoo10 sandbox server (setup/qoo10_sandbox/server.py) on a free loopback
#    port and exports QOO10_SANDBOX_URL;
# 6. runs ONE pytest invocation over the Odoo suites (through pytest-odoo) and the
#    database-free suites in tests/, so the run ends with one pytest summary line.
#
# It exits non-zero on any failure, when an Odoo suite collects no test, and when Odoo
# cannot be imported. PostgreSQL and the sandbox are stopped on exit.
#
# Environment:
#   PYTHON                      interpreter (default python3)
#   QOO10_TEST_KEEP=1           keep the temporary directory (logs, config, cluster data)
#   QOO10_TEST_SKIP_PIP=1       do not run pip for requirements files
#   PG_BIN                      directory of initdb/pg_ctl (found automatically otherwise)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup/harness_lib.sh
. "$ROOT/setup/harness_lib.sh"

ADDONS="qoo10_connector,qoo10_connector_stock,qoo10_connector_queue,qoo10_connector_account"
harness_begin tests

# 1-2. Python side ------------------------------------------------------------------------
harness_python "$ROOT"

# 3. PostgreSQL ---------------------------------------------------------------------------
harness_database qoo10_test

# 4. install the addons -------------------------------------------------------------------
harness_install "$ADDONS,$TEST_DATABASE_ADDONS" "$WORK/install.log"

# 5. sandbox ------------------------------------------------------------------------------
harness_sandbox "$ROOT"

# 6. one pytest run -----------------------------------------------------------------------
# pytest-odoo (loaded with -p: pytest.ini disables its entry point for plain runs) loads
# Odoo from CFG and the registry of DB once for the whole session; the
# addon test modules are imported as odoo.addons.<addon>.tests.*. The database-free suites
# in tests/ run in the same session (they simply do not use the registry).
export QOO10_REQUIRE_ADDON_TESTS="qoo10_connector,qoo10_connector_stock,qoo10_connector_queue,qoo10_connector_account"
# queue_job's runner would start in pytest-odoo's HTTP server and perform the jobs the
# tests enqueue behind their backs: off (capacity 0); the tests perform jobs themselves.
export ODOO_QUEUE_JOB_CHANNELS="root:0"
export PYTHONPATH="$ROOT/setup/pytest_plugins${PYTHONPATH:+:$PYTHONPATH}"
log "pytest"
rc=0
"$PYTHON" -m pytest -p pytest_odoo -p qoo10_harness \
    --odoo-config="$CFG" --odoo-database="$DB" --odoo-http --odoo-log-level=warn \
    qoo10_connector qoo10_connector_stock qoo10_connector_queue qoo10_connector_account tests "$@" || rc=$?
exit "$rc"
