#!/bin/bash
# Init service of docker-compose.yml, run in the official odoo:18.0 image: installs the
# addons ($QOO10_ADDONS: the connector, its stock glue and qoo10_connector_account with
# OCA's statement tools from $QOO10_ADDONS_PATH) into $QOO10_DB on first start (updates them
# afterwards), then creates the demo shop connected to the sandbox at $QOO10_SANDBOX_URL
# with a settlement file of its orders (setup/demo_data.py, idempotent).
# The "queue" profile sets QOO10_ADDONS (adds qoo10_connector_queue) and QOO10_ADDONS_PATH
# (adds OCA's queue_job, pip-installed into a volume by the queue-job-addon service).
set -euo pipefail

DB="${QOO10_DB:-qoo10_demo}"
ADDONS="${QOO10_ADDONS:-qoo10_connector,qoo10_connector_stock}"
DB_ARGS=(--db_host="$HOST" --db_port="${PORT:-5432}" --db_user="$USER" --db_password="$PASSWORD")
if [ -n "${QOO10_ADDONS_PATH:-}" ]; then
    DB_ARGS+=(--addons-path="$QOO10_ADDONS_PATH")
fi

export PGHOST="$HOST" PGPORT="${PORT:-5432}" PGUSER="$USER" PGPASSWORD="$PASSWORD"
for _ in $(seq 1 60); do
    pg_isready -q -d postgres && break
    sleep 1
done

initialised="$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" || true)"
if [ "$initialised" = 1 ] \
    && [ "$(psql -d "$DB" -tAc "SELECT state FROM ir_module_module WHERE name = 'qoo10_connector'" 2>/dev/null || true)" = installed ]; then
    echo "odoo-init: updating $ADDONS in $DB"
    # l10n_jp: the demo company's chart (setup/demo_data.py); installed if still missing
    MODE=(-u "$ADDONS" -i l10n_jp)
else
    echo "odoo-init: installing $ADDONS into $DB (first start, a few minutes)"
    MODE=(-i "$ADDONS,l10n_jp")
fi
# ja_JP: most sellers work in Japanese (Preferences > Language switches a user to it)
odoo "${DB_ARGS[@]}" -d "$DB" "${MODE[@]}" --load-language=ja_JP --without-demo=all \
    --stop-after-init --no-http

echo "odoo-init: creating the demo shop"
odoo shell "${DB_ARGS[@]}" -d "$DB" --no-http --log-level=warn </mnt/qoo10/demo_data.py
echo "odoo-init: done"
