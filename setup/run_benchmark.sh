#!/usr/bin/env bash
# The order-import benchmark:  setup/run_benchmark.sh [SIZES...]   (default: 1000 10000)
# QOO10_BENCH_PHASES=import,unmapped (default) or one of them: see setup/benchmark.py.
# QOO10_BENCH_INVOICE=import: the shop invoices at import (posted, paid by Qoo10 into the
# Qoo10 receivable), on the generic chart; the baseline makes no invoices.
#
# QOO10_BENCH_MODE=queue: many shops on OCA queue_job (setup/benchmark_queue.py) instead:
# installs qoo10_connector_queue too, seeds QOO10_BENCH_SHOPS sellers of QOO10_BENCH_CARTS
# carts each (default 4 x 20, a smoke run) and compares the plain cron with
# QOO10_BENCH_WORKERS job worker processes (default "1 2"); QOO10_BENCH_NO_CRON=1 skips
# the cron. Full figures: 20 x 500 with "1 2" (QOO10_BENCH_NO_CRON=1 saves ~20 min); the
# overhead per shop: 200 x 10 with "1". Each phase: a fresh database copy, the sandbox
# seeded again with the same carts.
#
# QOO10_BENCH_MODE=stock: the stock sync at 10,000 mappings (setup/benchmark_stock.py):
# 7,000 options on 1,500 items and 3,000 items without options; the first full sync, a
# re-run with nothing changed and a delivery of 100 products, their times and write calls.
#
# QOO10_BENCH_MODE=settlement: qoo10_connector_account's settlement import and matching
# (setup/benchmark_settlement.py): installs it with OCA's statement tools and l10n_jp, then
# imports a Shift_JIS 販売詳細内訳 file of each size in SIZES (default 1000) against as many
# open Qoo10 receivables; prints rows/s, queries per row and peak memory.
#
# QOO10_BENCH_MODE=listings: "Import Qoo10 listings" of QOO10_BENCH_ITEMS items (default
# 5000) with QOO10_BENCH_OPTIONS options each (default 4), then again (the re-run), then
# a mapping workbook of QOO10_BENCH_ROWS rows (default 60000): preview and apply
# (setup/benchmark_listings.py). Prints seconds, HTTP calls and peak memory.
#
# Starts a throw-away PostgreSQL cluster and the Qoo10 sandbox on loopback, installs both
# addons into a fresh database, then runs setup/benchmark.py, which imports each size of
# seeded sandbox orders and compares it with a plain ORM baseline in the same run.
# Not a test: it prints figures and never fails on them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup/harness_lib.sh
. "$ROOT/setup/harness_lib.sh"

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
WORK="$(mktemp -d -t qoo10-bench.XXXXXX)"
SANDBOX_PID=""
PG_DATA=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    sandbox_stop
    pg_stop
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_odoo
ADDONS_PATH="$(odoo_addons_path "$ROOT")"
ensure_pg_bin
pg_start "$WORK" "$(free_port)"
ODOO_DB_USER="odoo_bench"
ODOO_DB_PASSWORD="$(random_secret)"
DB="qoo10_bench"
pg_ensure_role "$ODOO_DB_USER" "$ODOO_DB_PASSWORD"
pg_create_db "$DB" "$ODOO_DB_USER"
CFG="$WORK/odoo.conf"
write_odoo_config "$CFG" "$DB" "$ADDONS_PATH" "$WORK/data" "$(free_port)"
ADDONS="qoo10_connector,qoo10_connector_stock"
if [ "${QOO10_BENCH_MODE:-}" = queue ]; then ADDONS="$ADDONS,qoo10_connector_queue"; fi
if [ "${QOO10_BENCH_MODE:-}" = settlement ]; then
    ADDONS="qoo10_connector_account,l10n_jp"
    [ $# -gt 0 ] || SIZES=(1000)
fi
log "installing $ADDONS into $DB"
odoo_cmd -c "$CFG" -d "$DB" -i "$ADDONS" --stop-after-init --without-demo=all \
    --log-level=warn >"$WORK/install.log" 2>&1 || { tail -n 40 "$WORK/install.log" >&2; die "install failed"; }
if [ "${QOO10_BENCH_MODE:-}" = settlement ]; then
    log "settlement benchmark: ${SIZES[*]} rows"
    (cd "$ROOT/setup" && "$PYTHON" benchmark_settlement.py -c "$CFG" -d "$DB" --rows "${SIZES[@]}")
    exit 0
fi
sandbox_start "$ROOT" "$WORK" || die "could not start the Qoo10 sandbox"
if [ "${QOO10_BENCH_MODE:-}" = stock ]; then
    log "stock benchmark: 10,000 mappings"
    "$PYTHON" setup/benchmark_stock.py -c "$CFG" -d "$DB" --sandbox "$QOO10_SANDBOX_URL"
    exit 0
fi
if [ "${QOO10_BENCH_MODE:-}" = queue ]; then
    log "queue benchmark: ${QOO10_BENCH_SHOPS:-4} shops x ${QOO10_BENCH_CARTS:-20} carts"
    # shellcheck disable=SC2086  # the worker counts are words
    "$PYTHON" setup/benchmark_queue.py -c "$CFG" -d "$DB" --sandbox "$QOO10_SANDBOX_URL" \
        --shops "${QOO10_BENCH_SHOPS:-4}" --carts "${QOO10_BENCH_CARTS:-20}" \
        --workers ${QOO10_BENCH_WORKERS:-1 2} ${QOO10_BENCH_NO_CRON:+--no-cron}
    exit 0
fi
if [ "${QOO10_BENCH_MODE:-}" = listings ]; then
    log "listings benchmark: ${QOO10_BENCH_ITEMS:-5000} items x ${QOO10_BENCH_OPTIONS:-4} options, ${QOO10_BENCH_ROWS:-60000} workbook rows"
    "$PYTHON" setup/benchmark_listings.py -c "$CFG" -d "$DB" --sandbox "$QOO10_SANDBOX_URL" \
        --items "${QOO10_BENCH_ITEMS:-5000}" --options "${QOO10_BENCH_OPTIONS:-4}" \
        --rows "${QOO10_BENCH_ROWS:-60000}"
    exit 0
fi
log "benchmark: ${SIZES[*]} orders"
"$PYTHON" setup/benchmark.py -c "$CFG" -d "$DB" --sandbox "$QOO10_SANDBOX_URL" --orders "${SIZES[@]}" \
    --phases "${QOO10_BENCH_PHASES:-import,unmapped}" --invoice "${QOO10_BENCH_INVOICE:-}"
