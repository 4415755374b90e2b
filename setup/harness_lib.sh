# shellcheck shell=bash
# Shared shell functions of setup/run_tests.sh, setup/run_odoo_tests.sh, setup/demo.sh and
# setup/run_benchmark.sh (sourced, not run).
#
# Everything here binds to 127.0.0.1 only. PostgreSQL refuses to run as root, so when the
# caller is root the cluster runs as the `postgres` system user; otherwise as the caller.

QOO10_ODOO_SERIES="18.0"
# Odoo's upstream source, used only when `import odoo` fails (see ensure_odoo).
QOO10_ODOO_GIT="${QOO10_ODOO_GIT:-https://github.com/odoo/odoo}"
QOO10_ODOO_TARBALL="${QOO10_ODOO_TARBALL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"

PYTHON="${PYTHON:-python3}"
# Installed beside the addons in the test databases: the Japanese chart of accounts, whose
# price-excluded 8% and 10% sale taxes the order amount tests run on; and mrp, whose kits the
# stock sync sends as what can be assembled.
TEST_DATABASE_ADDONS="l10n_jp,mrp"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# apt_install PKG...: install Debian packages when we are root on a Debian-like system.
apt_install() {
    if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
        return 1
    fi
    if [ -z "${_QOO10_APT_UPDATED:-}" ]; then
        log "apt-get update"
        apt-get update -qq >/dev/null || return 1
        _QOO10_APT_UPDATED=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# pip_quiet ARGS...: pip install, quiet, and fast when everything is already satisfied.
pip_quiet() {
    PIP_ROOT_USER_ACTION=ignore "$PYTHON" -m pip install -q --disable-pip-version-check "$@"
}

ensure_python_requirements() {
    local root="$1"
    log "pip: requirements.txt, requirements-test.txt"
    pip_quiet -r "$root/requirements.txt" -r "$root/requirements-test.txt" \
        || die "pip could not install requirements.txt / requirements-test.txt"
}

odoo_version() {
    (cd / && "$PYTHON" -c 'import odoo.release as r; print(r.version)') 2>/dev/null
}

# Build dependencies of Odoo's requirements.txt (psycopg2, python-ldap, lxml, Pillow...).
_ODOO_BUILD_DEBS="build-essential python3-dev libpq-dev libldap2-dev libsasl2-dev
    libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev git ca-certificates"

# _pip_install_odoo_tree SRC [-e]: pip-install an Odoo source tree and its pinned
# requirements. Old sdists among Odoo's pins still import pkg_resources, which recent
# setuptools no longer ships, hence the setuptools cap for their isolated builds.
# An editable install uses compat mode (the source path in a .pth file, like the old
# `setup.py develop`), as OCA's CI images do, not PEP 660's default import hook: that
# hook is searched after site-packages, where the odoo/addons folder of any addon
# installed as a wheel (odoo-addon-queue_job, ours) makes `odoo` a namespace package:
# `import odoo` then fails with "cannot import name 'SUPERUSER_ID'". Current setuptools
# (in pip's isolated build, hence --use-pep517) takes editable_mode=compat; older ones
# that still know legacy-editable fall back to `setup.py develop`, same result.
_pip_install_odoo_tree() {
    local src="$1" editable="${2:-}" cons rc=0
    cons="$(mktemp)"
    if [ -n "${PIP_CONSTRAINT:-}" ] && [ -f "$PIP_CONSTRAINT" ]; then
        cat "$PIP_CONSTRAINT" >"$cons"
    fi
    echo 'setuptools<70' >>"$cons"
    PIP_CONSTRAINT="$cons" pip_quiet -r "$src/requirements.txt" || rc=1
    rm -f "$cons"
    [ "$rc" = 0 ] || return 1
    if [ "$editable" = -e ]; then
        SETUPTOOLS_ENABLE_FEATURES=legacy-editable pip_quiet --no-deps --use-pep517 \
            --config-settings editable_mode=compat -e "$src"
    else
        pip_quiet --no-deps "$src"
    fi
}

# ensure_odoo: make `import odoo` work with Odoo 18.0, installing it from Odoo's upstream
# source when it is missing: first the official nightly source tarball (which ships every
# standard addon inside the `odoo` package), else a shallow git clone of the 18.0 branch
# kept in $QOO10_ODOO_SRC and installed in editable mode (its addons/ stays beside odoo/).
# Never skips: exits non-zero with a message when it cannot.
ensure_odoo() {
    local version
    version="$(odoo_version || true)"
    if [ -z "$version" ]; then
        log "Odoo is not importable from $PYTHON: installing Odoo $QOO10_ODOO_SERIES from upstream source"
        # shellcheck disable=SC2086
        apt_install $_ODOO_BUILD_DEBS || log "(could not apt-get Odoo's build dependencies; trying anyway)"
        local dl clone installed=""
        dl="$(mktemp -d -t qoo10-odoo-src.XXXXXX)"
        clone="${QOO10_ODOO_SRC:-${XDG_CACHE_HOME:-$HOME/.cache}/qoo10-connector/odoo-$QOO10_ODOO_SERIES}"
        log "downloading $QOO10_ODOO_TARBALL"
        if "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
                "$QOO10_ODOO_TARBALL" "$dl/odoo.tar.gz" 2>"$dl/download.log" \
            && mkdir -p "$dl/src" && tar -xzf "$dl/odoo.tar.gz" -C "$dl/src"; then
            local src
            src="$(dirname "$(find "$dl/src" -maxdepth 2 -name requirements.txt | head -n 1)")"
            _pip_install_odoo_tree "$src" && installed=tarball
        else
            log "download failed: $(tail -n 1 "$dl/download.log")"
        fi
        if [ -z "$installed" ]; then
            log "trying a shallow git clone of $QOO10_ODOO_GIT ($QOO10_ODOO_SERIES) into $clone"
            if [ ! -f "$clone/requirements.txt" ]; then
                rm -rf "$clone" && mkdir -p "$(dirname "$clone")"
                git clone -q --depth 1 -b "$QOO10_ODOO_SERIES" "$QOO10_ODOO_GIT" "$clone" || rm -rf "$clone"
            fi
            if [ -f "$clone/requirements.txt" ]; then
                _pip_install_odoo_tree "$clone" -e && installed=git
            fi
        fi
        rm -rf "$dl"
        [ -n "$installed" ] || die "could not install Odoo $QOO10_ODOO_SERIES from $QOO10_ODOO_TARBALL nor from $QOO10_ODOO_GIT. Install Odoo $QOO10_ODOO_SERIES yourself so that '$PYTHON -c \"import odoo\"' works, then run this again."
        version="$(odoo_version || true)"
        [ -n "$version" ] || die "Odoo was installed but '$PYTHON -c \"import odoo\"' still fails"
    fi
    case "$version" in
        18.*) log "Odoo $version ($(cd / && "$PYTHON" -c 'import odoo, os; print(os.path.dirname(odoo.__file__))'))" ;;
        *) die "Odoo $version is installed for $PYTHON; this project needs Odoo 18.x" ;;
    esac
}

# odoo_addons_path ROOT: Odoo's standard addons (found from the installed `odoo` package:
# odoo/addons, plus ../addons in a git checkout) followed by ROOT (this repo's addons).
odoo_addons_path() {
    (cd / && "$PYTHON" - "$1" <<'PY'
import os
import sys

import odoo

pkg = os.path.dirname(os.path.abspath(odoo.__file__))
paths = []
sibling = os.path.join(os.path.dirname(pkg), "addons")
if os.path.isfile(os.path.join(sibling, "web", "__manifest__.py")):
    paths.append(sibling)
paths.append(os.path.join(pkg, "addons"))
paths.append(os.path.abspath(sys.argv[1]))
print(",".join(paths))
PY
    )
}

free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

random_secret() {
    "$PYTHON" -c 'import secrets; print(secrets.token_hex(16))'
}

# ensure_chromium ROOT: Odoo's browser tests (HttpCase.start_tour / browser_js) need a
# Chromium; install Debian's when an addon's tests use them and none is found.
ensure_chromium() {
    if ! grep -rqsE 'start_tour|browser_js' "$1"/qoo10_connector*/tests; then
        return 0
    fi
    if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || command -v google-chrome >/dev/null 2>&1; then
        return 0
    fi
    apt_install chromium chromium-driver \
        || die "browser tests need Chromium: install it (Debian/Ubuntu: apt-get install chromium)"
}

# --- PostgreSQL -------------------------------------------------------------------------

find_pg_bin() {
    if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then
        echo "$PG_BIN"; return 0
    fi
    if command -v initdb >/dev/null 2>&1; then
        # resolve symlinks: psql and friends live beside the real initdb
        dirname "$(readlink -f "$(command -v initdb)")"; return 0
    fi
    local d
    # shellcheck disable=SC2012  # fixed Debian layout, version-sorted
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then
        echo "$d"; return 0
    fi
    return 1
}

ensure_pg_bin() {
    PG_BIN="$(find_pg_bin || true)"
    if [ -z "$PG_BIN" ]; then
        apt_install postgresql postgresql-client || true
        PG_BIN="$(find_pg_bin || true)"
    fi
    [ -n "$PG_BIN" ] || die "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL 13+ or set PG_BIN"
    PG_OS_USER="$(id -un)"
    if is_root; then
        id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' system user to run PostgreSQL"
        PG_OS_USER=postgres
    fi
}

# as_pg CMD...: run a command as the OS user that owns the cluster.
as_pg() {
    if is_root; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

# pg_start DIR PORT: create (if needed) and start a cluster in DIR/pgdata, listening on
# 127.0.0.1:PORT and a unix socket in DIR/pgsock. TCP logins need a password.
# Extra server settings can be passed in PG_EXTRA_OPTS (e.g. fsync=off for tests).
pg_start() {
    local dir="$1" port="$2"
    PG_DATA="$dir/pgdata"
    PG_SOCK="$dir/pgsock"
    PG_LOG="$dir/pglog/postgresql.log"
    PG_PORT="$port"
    mkdir -p "$PG_DATA" "$PG_SOCK" "$dir/pglog"
    chmod 755 "$dir"
    chmod 700 "$PG_DATA"
    if is_root; then
        chown "$PG_OS_USER" "$PG_DATA" "$PG_SOCK" "$dir/pglog"
    fi
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
        as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C \
            --auth-local=peer --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_SOCK ${PG_EXTRA_OPTS:-}" start >/dev/null \
        || { cat "$PG_LOG" >&2; die "PostgreSQL did not start (log above)"; }
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data $PG_DATA)"
}

pg_stop() {
    if [ -n "${PG_DATA:-}" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
}

# pg_sql SQL: run SQL as the cluster's superuser over the unix socket.
pg_sql() {
    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres -c "$1"
}

# pg_ensure_role NAME PASSWORD: a login role for Odoo (Odoo refuses to use `postgres`).
pg_ensure_role() {
    pg_sql "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$1') THEN
            CREATE ROLE \"$1\" LOGIN CREATEDB;
        END IF;
        ALTER ROLE \"$1\" PASSWORD '$2';
    END \$\$;" >/dev/null
}

pg_db_exists() {
    [ "$(as_pg "$PG_BIN/psql" -X -tA -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres \
        -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

# pg_create_db NAME OWNER: a fresh, empty database (Odoo initialises it on first -i).
pg_create_db() {
    pg_sql "CREATE DATABASE \"$1\" OWNER \"$2\" ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null
}

pg_drop_db() {
    pg_sql "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
}

# --- Odoo -------------------------------------------------------------------------------

# write_odoo_config FILE DB ADDONS_PATH DATA_DIR HTTP_PORT: needs PG_PORT, ODOO_DB_USER,
# ODOO_DB_PASSWORD.
write_odoo_config() {
    local file="$1" db="$2" addons="$3" data_dir="$4" http_port="$5"
    cat >"$file" <<EOF
[options]
db_host = 127.0.0.1
db_port = $PG_PORT
db_user = $ODOO_DB_USER
db_password = $ODOO_DB_PASSWORD
db_name = $db
dbfilter = ^$db\$
list_db = False
admin_passwd = $(random_secret)
addons_path = $addons
data_dir = $data_dir
http_interface = 127.0.0.1
http_port = $http_port
gevent_port = $(free_port)
workers = 0
max_cron_threads = 0
without_demo = all
EOF
    chmod 600 "$file"
}

odoo_cmd() {
    (cd / && "$PYTHON" -m odoo "$@")
}

# Log lines that are warnings only because of where the harness runs, not because of the
# code under test. Each entry is an extended regex matched against the whole log line.
QOO10_ODOO_LOG_ALLOW=(
    # Odoo warns when no mail server is configured for outgoing mail queued at install.
    'odoo\.addons\.base\.models\.ir_mail_server: .*(No|no) (SMTP|mail) server'
)

# check_odoo_log LOG: fail (listing them) when the log holds ERROR/CRITICAL/WARNING lines
# that are not in QOO10_ODOO_LOG_ALLOW. ("Running as user 'root' is a security risk" is
# written to stderr without a log level, so it never matches: it is purely environmental.)
check_odoo_log() {
    local logfile="$1" bad
    bad="$(grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$logfile" || true)"
    local pat
    for pat in "${QOO10_ODOO_LOG_ALLOW[@]}"; do
        [ -n "$bad" ] || break
        bad="$(printf '%s\n' "$bad" | grep -Ev -- "$pat" || true)"
    done
    if [ -n "$bad" ]; then
        printf '%s\n' "---- WARNING/ERROR lines in $logfile ----" "$bad" "----" >&2
        return 1
    fi
}

# check_odoo_test_log LOG ADDONS: read the log of `odoo --test-enable --stop-after-init`.
# Odoo logs "Starting <class>.<test> ..." from a test module's logger when a test starts,
# "FAIL: ..." / "ERROR: ..." for a failed or erroring test, and ends with "<n> failed,
# <n> error(s) of <n> tests when loading database ...". Says how many tests of each addon
# (comma-separated) ran; fails when a test failed or erred, when no test ran, or when an
# addon ran none.
check_odoo_test_log() {
    local logfile="$1" addons="$2" ok=0 addon count summary
    local line='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]+ [0-9]+ [A-Z]+ '
    for addon in ${addons//,/ }; do
        count="$(grep -cE "${line}\S+ odoo\.addons\.$addon\.tests\.\S+: Starting " "$logfile" || true)"
        log "$addon: $count tests ran"
        if [ "$count" = 0 ]; then
            printf 'ERROR: no test of %s ran\n' "$addon" >&2
            ok=1
        fi
    done
    if grep -qE "${line}.*: (FAIL|ERROR): " "$logfile"; then
        printf '%s\n' "---- failed tests in $logfile ----" >&2
        grep -E -A 30 "${line}.*: (FAIL|ERROR): " "$logfile" >&2 || true
        printf '%s\n' "----" >&2
        ok=1
    fi
    summary="$(grep -E "${line}.* odoo\.tests\.result: .* tests when loading database" "$logfile" | tail -n 1 || true)"
    summary="${summary#*odoo.tests.result: }"
    summary="${summary%"${summary##*[! ]}"}"  # Odoo ends its log lines with a space
    if [ -z "$summary" ]; then
        tail -n 60 "$logfile" >&2
        printf 'ERROR: Odoo did not report a test result (last lines of its log above)\n' >&2
        ok=1
    elif [[ "$summary" =~ ^0\ failed,\ 0\ error\(s\)\ of\ [1-9][0-9]*\ tests ]]; then
        log "$summary"
    else
        printf 'ERROR: %s\n' "$summary" >&2
        ok=1
    fi
    return "$ok"
}

# sandbox_control PATH JSON: POST to the sandbox's control API, print the answer.
sandbox_control() {
    "$PYTHON" - "$QOO10_SANDBOX_URL$1" "$2" <<'PY'
import sys
import urllib.request

req = urllib.request.Request(
    sys.argv[1], data=sys.argv[2].encode(), headers={"Content-Type": "application/json"}
)
with urllib.request.urlopen(req, timeout=120) as resp:
    print(resp.read().decode())
PY
}

# --- sandbox ----------------------------------------------------------------------------

# sandbox_start ROOT DIR [ARGS...]: start the Qoo10 sandbox on 127.0.0.1 (port
# $SANDBOX_PORT, else a free one), wait
# for /_sandbox/health, set SANDBOX_PID and QOO10_SANDBOX_URL. Returns 2 if the sandbox
# does not exist in this checkout.
sandbox_start() {
    local root="$1" dir="$2"
    shift 2
    local server="$root/setup/qoo10_sandbox/server.py"
    [ -f "$server" ] || return 2
    local port="${SANDBOX_PORT:-}"
    [ -n "$port" ] || port="$(free_port)"
    "$PYTHON" "$server" --host 127.0.0.1 --port "$port" "$@" >"$dir/sandbox.log" 2>&1 &
    SANDBOX_PID=$!
    QOO10_SANDBOX_URL="http://127.0.0.1:$port"
    local _
    for _ in $(seq 1 100); do
        if "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/_sandbox/health", timeout=2).read()' \
            "$QOO10_SANDBOX_URL" 2>/dev/null; then
            log "Qoo10 sandbox on $QOO10_SANDBOX_URL"
            export QOO10_SANDBOX_URL
            return 0
        fi
        if ! kill -0 "$SANDBOX_PID" 2>/dev/null; then
            cat "$dir/sandbox.log" >&2
            die "the Qoo10 sandbox exited (log above)"
        fi
        sleep 0.2
    done
    cat "$dir/sandbox.log" >&2
    die "the Qoo10 sandbox did not answer $QOO10_SANDBOX_URL/_sandbox/health within 20 s"
}

sandbox_stop() {
    if [ -n "${SANDBOX_PID:-}" ] && kill -0 "$SANDBOX_PID" 2>/dev/null; then
        kill "$SANDBOX_PID" 2>/dev/null || true
        wait "$SANDBOX_PID" 2>/dev/null || true
    fi
    SANDBOX_PID=""
}

# --- a throw-away test run (setup/run_tests.sh, setup/run_odoo_tests.sh) -----------------

# harness_begin NAME: a temporary directory WORK (qoo10-NAME.XXXXXX) and an EXIT trap that
# stops the sandbox and PostgreSQL, removes WORK (unless QOO10_TEST_KEEP is set) and says
# how long the run took.
harness_begin() {
    HARNESS_START=$SECONDS
    WORK="$(mktemp -d -t "qoo10-$1.XXXXXX")"
    SANDBOX_PID=""
    PG_DATA=""
    trap harness_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# shellcheck disable=SC2317  # called through the EXIT trap
harness_cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    sandbox_stop
    pg_stop
    if [ -n "${QOO10_TEST_KEEP:-}" ]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
    log "total $((SECONDS - HARNESS_START)) s, exit $rc"
    exit "$rc"
}

# harness_python ROOT: requirements (unless QOO10_TEST_SKIP_PIP is set), Odoo 18 and, when
# an addon's tests drive a browser, Chromium; sets ADDONS_PATH.
harness_python() {
    if [ -z "${QOO10_TEST_SKIP_PIP:-}" ]; then
        ensure_python_requirements "$1"
    fi
    ensure_odoo
    ensure_chromium "$1"
    ADDONS_PATH="$(odoo_addons_path "$1")"
}

# harness_database DB: a throw-away PostgreSQL cluster in WORK on a free loopback port, a
# login role for Odoo, a fresh empty database DB and an Odoo configuration file for it,
# CFG (WORK/odoo.conf). Needs ADDONS_PATH (harness_python).
harness_database() {
    DB="$1"
    ensure_pg_bin
    # A throw-away cluster: durability settings off, it only has to be fast.
    PG_EXTRA_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    pg_start "$WORK" "$(free_port)"
    ODOO_DB_USER="odoo_test"
    ODOO_DB_PASSWORD="$(random_secret)"
    pg_ensure_role "$ODOO_DB_USER" "$ODOO_DB_PASSWORD"
    pg_create_db "$DB" "$ODOO_DB_USER"
    CFG="$WORK/odoo.conf"
    write_odoo_config "$CFG" "$DB" "$ADDONS_PATH" "$WORK/data" "$(free_port)"
}

# harness_install MODULES LOGFILE: install MODULES (comma-separated) into DB without demo
# data; fails when Odoo fails or when its log has a WARNING or ERROR line.
harness_install() {
    local modules="$1" logfile="$2" t0=$SECONDS rc=0
    log "installing $modules into $DB (log: $logfile)"
    odoo_cmd -c "$CFG" -d "$DB" -i "$modules" --stop-after-init --without-demo=all \
        --log-level=info >"$logfile" 2>&1 || rc=$?
    if [ "$rc" != 0 ]; then
        tail -n 80 "$logfile" >&2
        die "installing $modules failed (exit $rc; last lines of the log above)"
    fi
    check_odoo_log "$logfile" || die "installing $modules logged warnings or errors (above)"
    log "installed in $((SECONDS - t0)) s"
}

# harness_sandbox ROOT: start the Qoo10 sandbox and export QOO10_SANDBOX_URL (a note, not
# a failure, in a checkout that has no sandbox yet).
harness_sandbox() {
    local sb=0
    sandbox_start "$1" "$WORK" || sb=$?
    if [ "$sb" = 2 ]; then
        log "NOTE: setup/qoo10_sandbox/server.py does not exist yet: not starting the sandbox"
    elif [ "$sb" != 0 ]; then
        die "could not start the Qoo10 sandbox"
    fi
}

# addon_dependencies ROOT ADDONS: the modules the addons (comma-separated, directories of
# ROOT) depend on, outside ADDONS, comma-separated.
addon_dependencies() {
    "$PYTHON" - "$1" "$2" <<'PY'
import ast
import sys
from pathlib import Path

root, addons = Path(sys.argv[1]), sys.argv[2].split(",")
depends = []
for addon in addons:
    manifest = ast.literal_eval((root / addon / "__manifest__.py").read_text())
    for name in manifest.get("depends", []):
        if name not in addons and name not in depends:
            depends.append(name)
print(",".join(depends))
PY
}
