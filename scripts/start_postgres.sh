#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on localhost (trust auth) for the store tests,
# create a database, and print its SQLAlchemy URL on stdout (everything else on stderr).
#
#   export EVENTWIRE_TEST_POSTGRES_URL="$(scripts/start_postgres.sh)"
#
# PGPORT (default 5433), PGDATA_DIR (default: a new temp dir) and PGDB (default eventwire_test)
# override the defaults. Runs the server as the `postgres` user when started as root.
set -euo pipefail
PORT="${PGPORT:-5433}"
DB="${PGDB:-eventwire_test}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
if [ -z "$BIN" ]; then
  BIN="$(dirname "$(command -v initdb 2>/dev/null || command -v pg_ctl)")"
fi
[ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
ROOT="${PGDATA_DIR:-$(mktemp -d /tmp/eventwire-pg.XXXXXX)}"
DATA="$ROOT/data"
SOCK="$ROOT/socket"
mkdir -p "$DATA" "$SOCK"
chmod 700 "$DATA"

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    if [ -d "$ROOT" ]; then chown -R postgres:postgres "$ROOT"; fi
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if "$BIN/pg_isready" -q -h localhost -p "$PORT"; then
  echo "a PostgreSQL server already listens on port $PORT: using it" >&2
  rm -rf "$ROOT"
elif ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 >&2
  fi
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-p $PORT -k $SOCK -c listen_addresses=localhost -c fsync=off" start >&2
fi
if ! as_owner "$BIN/psql" -h localhost -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
  as_owner "$BIN/createdb" -h localhost -p "$PORT" -U postgres "$DB" >&2
fi
echo "postgresql+psycopg://postgres@localhost:$PORT/$DB"
