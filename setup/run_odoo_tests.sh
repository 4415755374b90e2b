#!/usr/bin/env bash
# The addons' tests through Odoo's own test runner, as OCA CI and runbot run them:
#
#   setup/run_odoo_tests.sh [extra odoo arguments, e.g. --test-tags /qoo10_connector_stock]
#
# 1. like setup/run_tests.sh: requirements (QOO10_TEST_SKIP_PIP=1 skips pip), Odoo 18,
#    Chromium for the browser tour, a throw-away PostgreSQL cluster and a fresh database;
# 2. installs the addons' Odoo dependencies (not the addons) without demo data, so that
#    the next step runs the tests of the addons only;
# 3. starts the Qoo10 sandbox and exports QOO10_SANDBOX_URL;
# 4. runs  odoo -c CFG -d DB -i qoo10_connector,qoo10_connector_stock,qoo10_connector_queue --test-enable
#    --stop-after-init  and reads its log.
#
# It fails when Odoo exits non-zero, when its log reports a failed or erroring test, when
# no test ran, or when one of the addons ran none. PostgreSQL and the sandbox are stopped
# on exit; QOO10_TEST_KEEP=1 keeps the logs (WORK/tests.log).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup/harness_lib.sh
. "$ROOT/setup/harness_lib.sh"

ADDONS="qoo10_connector,qoo10_connector_stock,qoo10_connector_queue,qoo10_connector_account"
harness_begin odoo-tests

# 1. Python side, PostgreSQL --------------------------------------------------------------
harness_python "$ROOT"
harness_database qoo10_odoo_test

# 2. the dependencies ---------------------------------------------------------------------
harness_install "$(addon_dependencies "$ROOT" "$ADDONS"),$TEST_DATABASE_ADDONS" \
    "$WORK/install.log"

# 3. sandbox ------------------------------------------------------------------------------
harness_sandbox "$ROOT"

# 4. install the addons with their tests ------------------------------------------------
TEST_LOG="$WORK/tests.log"
log "odoo -i $ADDONS --test-enable (log: $TEST_LOG)"
t0=$SECONDS
rc=0
odoo_cmd -c "$CFG" -d "$DB" -i "$ADDONS" --test-enable --stop-after-init \
    --log-level=info "$@" >"$TEST_LOG" 2>&1 || rc=$?
log "Odoo's test run took $((SECONDS - t0)) s (exit $rc)"

failed=0
check_odoo_test_log "$TEST_LOG" "$ADDONS" || failed=1
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then
    tail -n 60 "$TEST_LOG" >&2
    printf 'ERROR: Odoo exited with %s (last lines of its log above)\n' "$rc" >&2
fi
[ "$rc" = 0 ] && [ "$failed" = 0 ]
