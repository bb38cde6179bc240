#!/usr/bin/env bash
# Installs PostgreSQL 15 + PostGIS 3 from Debian's packages and starts a benchmark cluster on
# loopback. Idempotent: re-running it installs nothing new, keeps the data folder, and only starts
# the server when it is not already running.
#
#   bench/peer/install-postgres.sh            # install (if needed), init (if needed), start
#   bench/peer/install-postgres.sh stop       # stop the benchmark cluster
#
# Settings (environment): BENCH_PG_DATA (default /tmp/dongnai-bench-pg), BENCH_PG_PORT (55432),
# BENCH_PG_DB (dongnai_bench), BENCH_PG_MAX_CONNECTIONS (50; .ci/run starts a second cluster with
# more for the API tests on PostgreSQL, one database per test host). Authentication is "trust" on 127.0.0.1 only: a throwaway benchmark
# cluster that never listens beyond loopback.
set -euo pipefail

DATA="${BENCH_PG_DATA:-/tmp/dongnai-bench-pg}"
PORT="${BENCH_PG_PORT:-55432}"
DB="${BENCH_PG_DB:-dongnai_bench}"
MAX_CONNECTIONS="${BENCH_PG_MAX_CONNECTIONS:-50}"
BIN=/usr/lib/postgresql/15/bin

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = "stop" ]; then
    if [ -f "$DATA/postmaster.pid" ]; then as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast -w stop; fi
    exit 0
fi

need_install=0
dpkg -s postgresql-15 >/dev/null 2>&1 || need_install=1
dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || need_install=1
if [ "$need_install" -eq 1 ]; then
    if [ "$(id -u)" -ne 0 ]; then echo "run as root to install packages" >&2; exit 1; fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # The Debian package would create and start its own cluster on 5432; we only want the binaries.
    mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/bench-no-main.conf
    apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-15-postgis-3 postgresql-contrib >/dev/null
fi

if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    chown postgres:postgres "$DATA" 2>/dev/null || true
    chmod 700 "$DATA"
    as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    # Tuned for this machine: 2 cores, 24 GiB, SSD, shared with the service under test. Reads are
    # what we measure; durability settings only speed up the one-off load.
    cat >> "$DATA/postgresql.conf" <<CONF

# --- dongnai benchmark tuning ---
listen_addresses = '127.0.0.1'
port = $PORT
max_connections = $MAX_CONNECTIONS
shared_buffers = 4GB
effective_cache_size = 12GB
work_mem = 64MB
maintenance_work_mem = 1GB
random_page_cost = 1.1
effective_io_concurrency = 200
max_worker_processes = 2
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
max_parallel_maintenance_workers = 1
jit = off
synchronous_commit = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 8GB
checkpoint_timeout = 30min
autovacuum = on
CONF
    cat > "$DATA/pg_hba.conf" <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA
fi

if ! as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start >/dev/null
fi

if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE $DB"
fi
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d "$DB" -qc "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS unaccent;" >/dev/null
echo "PostgreSQL $("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d "$DB" -tAc 'SHOW server_version') with PostGIS $("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d "$DB" -tAc 'SELECT postgis_lib_version()') on 127.0.0.1:$PORT, database $DB, data $DATA"
