#!/usr/bin/env bash
# Creates the benchmark data in the local PostgreSQL (idempotent: what exists is kept).
#   bench/setup-data.sh            full data: database bench (pgbench scale 10, bench_big 1,000,000 rows),
#                                  200 tenant databases tenant_000 … tenant_199
#   bench/setup-data.sh --smoke    tiny data for the CI smoke: bench_smoke (scale 1, 10,000 rows), smoke_tenant_000 … 004
# Roles and databases are made as the superuser postgres (over 127.0.0.1, or as the postgres OS user on the local
# socket when 127.0.0.1 asks for a password); the data is loaded as the bench's own roles, with their passwords, so
# it works under trust and password (md5/scram) authentication alike.
set -euo pipefail

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432}
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
if [[ "${1:-}" == "--smoke" ]]; then
    DB=bench_smoke SCALE=1 BIG_ROWS=10000 TENANTS=5 PREFIX=smoke_tenant_
else
    DB=bench SCALE=10 BIG_ROWS=1000000 TENANTS=200 PREFIX=tenant_
fi

# as a bench role: psql_as ROLE PASSWORD psql-args…
psql_as() { local u=$1 p=$2; shift 2; PGUSER=$u PGPASSWORD=$p psql -v ON_ERROR_STOP=1 -qAt "$@"; }
# as the superuser
psql_q() {
    if PGUSER=postgres PGCONNECT_TIMEOUT=5 psql -w -qAt -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
        PGUSER=postgres psql -w -v ON_ERROR_STOP=1 -qAt "$@"
    else
        local args in=""; args=$(printf '%q ' "$@"); [[ -t 0 ]] || in=$(cat)
        su postgres -c "unset PGHOST; PGOPTIONS='$PGOPTIONS' psql -p $PGPORT -v ON_ERROR_STOP=1 -qAt $args" <<<"$in"
    fi
}

# Roles: bench (the bench database) and tenant (the tenant databases).
# PgBouncer and Switchboard log in to PostgreSQL as their own member roles (bench_pgbouncer, tenant_switchboard, …)
# so that pg_stat_activity tells whose backend connections are whose.
psql_q -d postgres <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench') THEN CREATE ROLE bench LOGIN PASSWORD 'bench'; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tenant') THEN CREATE ROLE tenant LOGIN PASSWORD 'tenant'; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_pgbouncer') THEN CREATE ROLE bench_pgbouncer LOGIN PASSWORD 'bench' IN ROLE bench; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_switchboard') THEN CREATE ROLE bench_switchboard LOGIN PASSWORD 'bench' IN ROLE bench; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tenant_pgbouncer') THEN CREATE ROLE tenant_pgbouncer LOGIN PASSWORD 'tenant' IN ROLE tenant; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tenant_switchboard') THEN CREATE ROLE tenant_switchboard LOGIN PASSWORD 'tenant' IN ROLE tenant; END IF;
END $$;
ALTER ROLE bench LOGIN PASSWORD 'bench';
ALTER ROLE bench_pgbouncer LOGIN PASSWORD 'bench';
ALTER ROLE bench_switchboard LOGIN PASSWORD 'bench';
ALTER ROLE tenant LOGIN PASSWORD 'tenant';
ALTER ROLE tenant_pgbouncer LOGIN PASSWORD 'tenant';
ALTER ROLE tenant_switchboard LOGIN PASSWORD 'tenant';
GRANT pg_read_all_stats TO bench;   -- the bench counts every role's backends in pg_stat_activity
SQL

exists_db() { [[ "$(psql_q -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" == 1 ]]; }

if ! exists_db "$DB"; then psql_q -d postgres -c "CREATE DATABASE $DB OWNER bench"; fi
accounts=$(psql_as bench bench -d "$DB" -c "SELECT count(*) FROM pgbench_accounts" 2>/dev/null || echo 0)
if [[ "$accounts" != "$((SCALE * 100000))" ]]; then
    echo "setup: pgbench -i -s $SCALE $DB"
    PGPASSWORD=bench pgbench -i -q -s "$SCALE" -U bench "$DB"
fi
big=$(psql_as bench bench -d "$DB" -c "SELECT count(*) FROM bench_big" 2>/dev/null || echo 0)
if [[ "$big" != "$BIG_ROWS" ]]; then
    echo "setup: bench_big ($BIG_ROWS rows of ~100 bytes) in $DB"
    # id bigint (8 bytes) + 92 characters of text: ~100 bytes of data per row.
    psql_as bench bench -d "$DB" <<SQL
DROP TABLE IF EXISTS bench_big;
CREATE TABLE bench_big (id bigint PRIMARY KEY, payload text NOT NULL);
INSERT INTO bench_big SELECT i, rpad(md5(i::text), 92, 'x') FROM generate_series(1, $BIG_ROWS) i;
VACUUM ANALYZE bench_big;
SQL
fi

# Tenants: one template with a tiny table, copied per tenant.
TEMPLATE=${PREFIX}template
if ! exists_db "$TEMPLATE"; then
    psql_q -d postgres -c "CREATE DATABASE $TEMPLATE OWNER tenant"
    psql_as tenant tenant -d "$TEMPLATE" <<'SQL'
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 100) i;
VACUUM ANALYZE items;
SQL
fi
have=$(psql_q -d postgres -c "SELECT count(*) FROM pg_database WHERE datname ~ '^${PREFIX}[0-9]{3}\$'")
if [[ "$have" != "$TENANTS" ]]; then
    echo "setup: $TENANTS tenant databases ${PREFIX}000 …"
    for ((i = 0; i < TENANTS; i++)); do
        name=$(printf '%s%03d' "$PREFIX" "$i")
        exists_db "$name" || psql_q -d postgres -c "CREATE DATABASE $name TEMPLATE $TEMPLATE OWNER tenant"
    done
fi
echo "setup: data ready ($DB, ${PREFIX}000 … $(printf '%s%03d' "$PREFIX" $((TENANTS - 1))))"
