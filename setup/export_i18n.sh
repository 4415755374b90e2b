#!/usr/bin/env bash
# Regenerate the translation templates of the addons, the Odoo way:
#
#   setup/export_i18n.sh            # every addon
#   setup/export_i18n.sh --check    # and then load ja_JP and every .po file (warnings fail)
#
# 1. starts a throw-away PostgreSQL cluster and a fresh database (as setup/run_tests.sh);
# 2. installs the addons (ADDON_LIST) into it without demo data;
# 3. for each addon runs Odoo's exporter:
#      odoo -c CFG -d DB --i18n-export=<addon>/i18n/<addon>.pot --modules=<addon> --stop-after-init
# 4. merges each new template into the addon's existing .po files (`msgmerge`, no fuzzy
#    matching: a changed English string comes out untranslated, so
#    tests/test_translations.py names it until someone translates it);
# 5. with --check: loads ja_JP and updates both addons, and fails on any WARNING or ERROR
#    in that log (a broken .po file), then runs `msgfmt --check` on every .po file.
#
# Environment: as setup/run_tests.sh (PYTHON, PG_BIN, QOO10_TEST_KEEP=1 keeps the logs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup/harness_lib.sh
. "$ROOT/setup/harness_lib.sh"

ADDON_LIST=(qoo10_connector qoo10_connector_stock qoo10_connector_queue qoo10_connector_account)
ADDONS="$(IFS=,; echo "${ADDON_LIST[*]}")"
CHECK=""
[ "${1:-}" = --check ] && CHECK=1

command -v msgmerge >/dev/null 2>&1 || apt_install gettext \
    || die "msgmerge not found: install gettext (Debian/Ubuntu: apt-get install gettext)"

WORK="$(mktemp -d -t qoo10-i18n.XXXXXX)"
# shellcheck disable=SC2034  # PG_DATA and PG_EXTRA_OPTS are read by harness_lib.sh
PG_DATA=""
# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    pg_stop
    if [ -n "${QOO10_TEST_KEEP:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_odoo
ADDONS_PATH="$(odoo_addons_path "$ROOT")"
ensure_pg_bin
# shellcheck disable=SC2034
PG_EXTRA_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
pg_start "$WORK" "$(free_port)"
ODOO_DB_USER="odoo_i18n"
ODOO_DB_PASSWORD="$(random_secret)"
DB="qoo10_i18n"
pg_ensure_role "$ODOO_DB_USER" "$ODOO_DB_PASSWORD"
pg_create_db "$DB" "$ODOO_DB_USER"
CFG="$WORK/odoo.conf"
write_odoo_config "$CFG" "$DB" "$ADDONS_PATH" "$WORK/data" "$(free_port)"

log "installing $ADDONS into $DB"
odoo_cmd -c "$CFG" -d "$DB" -i "$ADDONS" --stop-after-init --without-demo=all \
    --log-level=warn >"$WORK/install.log" 2>&1 \
    || { tail -n 80 "$WORK/install.log" >&2; die "installing $ADDONS failed"; }

for addon in "${ADDON_LIST[@]}"; do
    mkdir -p "$ROOT/$addon/i18n"
    pot="$ROOT/$addon/i18n/$addon.pot"
    log "exporting $addon → ${pot#"$ROOT"/}"
    odoo_cmd -c "$CFG" -d "$DB" --i18n-export="$pot" --modules="$addon" \
        --stop-after-init --log-level=warn >"$WORK/export-$addon.log" 2>&1 \
        || { cat "$WORK/export-$addon.log" >&2; die "exporting $addon failed"; }
    for po in "$ROOT/$addon"/i18n/*.po; do
        [ -f "$po" ] || continue
        log "merging into ${po#"$ROOT"/}"
        msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" "$pot"
    done
done

if [ -n "$CHECK" ]; then
    log "loading ja_JP and the .po files of $ADDONS"
    odoo_cmd -c "$CFG" -d "$DB" --load-language=ja_JP -u "$ADDONS" --stop-after-init \
        --log-level=info >"$WORK/load.log" 2>&1 \
        || { tail -n 80 "$WORK/load.log" >&2; die "loading the translations failed"; }
    check_odoo_log "$WORK/load.log" || die "loading the translations logged warnings or errors (above)"
    for addon in "${ADDON_LIST[@]}"; do
        for po in "$ROOT/$addon"/i18n/*.po; do
            [ -f "$po" ] || continue
            msgfmt --check -o /dev/null "$po" || die "msgfmt --check failed on $po"
        done
    done
    log "translations load cleanly"
fi
