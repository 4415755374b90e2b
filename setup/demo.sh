#!/usr/bin/env bash
# The docker-compose demo without Docker, for a machine with a local Odoo 18 (installed
# from Odoo's upstream source if `import odoo` fails, as setup/run_tests.sh does):
#
#   setup/demo.sh            then open http://127.0.0.1:8069 (login admin / admin)
#
# It starts its own PostgreSQL (persistent, in $QOO10_DEMO_DIR), the Qoo10 sandbox seeded
# with 200 demo orders, creates or updates the database `qoo10_demo` with both addons,
# creates the demo shop "Qoo10 Japan (sandbox)" connected to the sandbox (setup/demo_data.py)
# and serves Odoo until Ctrl-C, which stops everything. Everything listens on 127.0.0.1.
#
# Environment:
#   QOO10_DEMO_DIR            state directory (default ~/.local/share/qoo10-demo;
#                             /var/lib/qoo10-demo when run as root)
#   QOO10_DEMO_HTTP_PORT      Odoo's port (8069)
#   QOO10_DEMO_PG_PORT        PostgreSQL's port (55432)
#   QOO10_DEMO_SANDBOX_PORT   the sandbox's port (8899)
#   QOO10_DEMO_NO_SERVE=1     prepare everything, then stop instead of serving
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup/harness_lib.sh
. "$ROOT/setup/harness_lib.sh"

if is_root; then
    DEMO_DIR="${QOO10_DEMO_DIR:-/var/lib/qoo10-demo}"  # the postgres user cannot enter /root
else
    DEMO_DIR="${QOO10_DEMO_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/qoo10-demo}"
fi
HTTP_PORT="${QOO10_DEMO_HTTP_PORT:-8069}"
SANDBOX_PORT="${QOO10_DEMO_SANDBOX_PORT:-8899}"
DB="qoo10_demo"
ADDONS="qoo10_connector,qoo10_connector_stock,qoo10_connector_account"
mkdir -p "$DEMO_DIR"

SANDBOX_PID=""
PG_DATA=""
# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    sandbox_stop
    pg_stop
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "pip: requirements.txt"
pip_quiet -r "$ROOT/requirements.txt" || die "pip could not install requirements.txt"
ensure_odoo
ensure_pg_bin
pg_start "$DEMO_DIR" "${QOO10_DEMO_PG_PORT:-55432}"

ODOO_DB_USER="odoo_demo"
if [ ! -s "$DEMO_DIR/db_password" ]; then
    (umask 077 && random_secret >"$DEMO_DIR/db_password")
fi
ODOO_DB_PASSWORD="$(cat "$DEMO_DIR/db_password")"
pg_ensure_role "$ODOO_DB_USER" "$ODOO_DB_PASSWORD"

CFG="$DEMO_DIR/odoo.conf"
write_odoo_config "$CFG" "$DB" "$(odoo_addons_path "$ROOT")" "$DEMO_DIR/data" "$HTTP_PORT"

sb=0
sandbox_start "$ROOT" "$DEMO_DIR" || sb=$?
[ "$sb" = 0 ] || die "setup/qoo10_sandbox/server.py is missing: the demo needs the Qoo10 sandbox"
log "seeding the sandbox with 200 demo orders"
sandbox_control /_sandbox/seed '{"orders": 200, "seed": 1}' >"$DEMO_DIR/seed.json" \
    || die "seeding the sandbox failed"

if pg_db_exists "$DB"; then
    # l10n_jp: the demo company's chart (setup/demo_data.py); installed if still missing
    MODE=(-u "$ADDONS" -i l10n_jp)
    log "updating $ADDONS in $DB"
else
    pg_create_db "$DB" "$ODOO_DB_USER"
    MODE=(-i "$ADDONS,l10n_jp")
    log "installing $ADDONS and l10n_jp into a new database $DB (a few minutes)"
fi
rc=0
# ja_JP: most sellers work in Japanese (Preferences > Language switches a user to it)
odoo_cmd -c "$CFG" -d "$DB" "${MODE[@]}" --load-language=ja_JP --stop-after-init \
    --without-demo=all >"$DEMO_DIR/install.log" 2>&1 || rc=$?
if [ "$rc" != 0 ]; then
    tail -n 60 "$DEMO_DIR/install.log" >&2
    die "installing $ADDONS failed (full log: $DEMO_DIR/install.log)"
fi
check_odoo_log "$DEMO_DIR/install.log" || log "(the install logged the warnings above; going on)"

log "creating the demo shop (setup/demo_data.py)"
rc=0
QOO10_SANDBOX_URL="$QOO10_SANDBOX_URL" QOO10_SETUP_DIR="$ROOT/setup" \
    QOO10_DEMO_SETTLEMENT_FILE="$DEMO_DIR/qoo10_settlement_demo.csv" odoo_cmd shell -c "$CFG" -d "$DB" --no-http \
    --log-level=warn <"$ROOT/setup/demo_data.py" || rc=$?
[ "$rc" = 0 ] || die "setup/demo_data.py failed"

if [ -n "${QOO10_DEMO_NO_SERVE:-}" ]; then
    log "ready (QOO10_DEMO_NO_SERVE set: not serving)"
    exit 0
fi
log "Odoo on http://127.0.0.1:$HTTP_PORT (login admin / admin), sandbox on $QOO10_SANDBOX_URL; Ctrl-C stops"
# One cron thread (the config has none, as the test runs need): the scheduled actions
# import, confirm, apply claims, send tracking and stock as they would in production.
odoo_cmd -c "$CFG" -d "$DB" --max-cron-threads=1
