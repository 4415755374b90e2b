#!/usr/bin/env bash
# The project's test command:  setup/run_tests.sh [extra pytest args, e.g. -k credential]
#
# 1. pip-installs requirements.txt and requirements-test.txt;
# 2. makes sure Odoo 18 is importable (installs it from Odoo's upstream source if not;
#    fails if that is impossible or if another Odoo version is installed);
# 3. starts its own PostgreSQL cluster on 127.0.0.1 (temporary data dir, free port) with a
#    dedicated role for Odoo, and creates a fresh database;
# 4. installs qoo10_connector and qoo10_connector_stock into it without demo data, and
#    fails if the install log has any WARNING or ERROR line;
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

ADDONS="qoo10_connector,qoo10_connector_stock"
START=$SECONDS

WORK="$(mktemp -d -t qoo10-tests.XXXXXX)"
SANDBOX_PID=""
PG_DATA=""
# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    sandbox_stop
    pg_stop
    if [ -n "${QOO10_TEST_KEEP:-}" ]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
    log "total $((SECONDS - START)) s, exit $rc"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1-2. Python side ------------------------------------------------------------------------
if [ -z "${QOO10_TEST_SKIP_PIP:-}" ]; then
    ensure_python_requirements "$ROOT"
fi
ensure_odoo
ensure_chromium "$ROOT"
ADDONS_PATH="$(odoo_addons_path "$ROOT")"

# 3. PostgreSQL ---------------------------------------------------------------------------
ensure_pg_bin
# A throw-away cluster: durability settings off, it only has to be fast.
PG_EXTRA_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
pg_start "$WORK" "$(free_port)"
ODOO_DB_USER="odoo_test"
ODOO_DB_PASSWORD="$(random_secret)"
DB="qoo10_test"
pg_ensure_role "$ODOO_DB_USER" "$ODOO_DB_PASSWORD"
pg_create_db "$DB" "$ODOO_DB_USER"

CFG="$WORK/odoo.conf"
write_odoo_config "$CFG" "$DB" "$ADDONS_PATH" "$WORK/data" "$(free_port)"

# 4. install the addons -------------------------------------------------------------------
INSTALL_LOG="$WORK/install.log"
log "installing $ADDONS into $DB (log: $INSTALL_LOG)"
t0=$SECONDS
rc=0
odoo_cmd -c "$CFG" -d "$DB" -i "$ADDONS" --stop-after-init --without-demo=all \
    --log-level=info >"$INSTALL_LOG" 2>&1 || rc=$?
if [ "$rc" != 0 ]; then
    tail -n 80 "$INSTALL_LOG" >&2
    die "installing $ADDONS failed (exit $rc; last lines of the log above)"
fi
check_odoo_log "$INSTALL_LOG" || die "installing $ADDONS logged warnings or errors (above)"
log "addons installed in $((SECONDS - t0)) s"

# 5. sandbox ------------------------------------------------------------------------------
sb=0
sandbox_start "$ROOT" "$WORK" || sb=$?
if [ "$sb" = 2 ]; then
    log "NOTE: setup/qoo10_sandbox/server.py does not exist yet: not starting the sandbox"
elif [ "$sb" != 0 ]; then
    die "could not start the Qoo10 sandbox"
fi

# 6. one pytest run -----------------------------------------------------------------------
# pytest-odoo (loaded with -p: pytest.ini disables its entry point for plain runs) loads
# Odoo from CFG and the registry of DB once for the whole session; the
# addon test modules are imported as odoo.addons.<addon>.tests.*. The database-free suites
# in tests/ run in the same session (they simply do not use the registry).
export QOO10_REQUIRE_ADDON_TESTS="qoo10_connector,qoo10_connector_stock"
export PYTHONPATH="$ROOT/setup/pytest_plugins${PYTHONPATH:+:$PYTHONPATH}"
log "pytest"
rc=0
"$PYTHON" -m pytest -p pytest_odoo -p qoo10_harness \
    --odoo-config="$CFG" --odoo-database="$DB" --odoo-http --odoo-log-level=warn \
    qoo10_connector qoo10_connector_stock tests "$@" || rc=$?
exit "$rc"
