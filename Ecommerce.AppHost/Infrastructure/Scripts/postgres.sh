#!/usr/bin/env bash
# Runs PostgreSQL from the Debian packages in the foreground, so the AppHost owns its lifetime and its logs.
# Usage: postgres.sh DATA_DIR PORT DATABASE   (password in SERVER_PASSWORD)
set -euo pipefail
data_dir=$1 port=$2 database=$3
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/postgres" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }

# PostgreSQL refuses to run as root; drop to the postgres user when started by root.
run_as=()
if [ "$(id -u)" = 0 ]; then run_as=(setpriv --reuid=postgres --regid=postgres --init-groups); fi

mkdir -p "$data_dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$data_dir"
chmod 700 "$data_dir"
if [ "$(id -u)" = 0 ] && ! "${run_as[@]}" test -x "$data_dir"; then
  echo "The postgres user cannot reach $data_dir: every parent folder must be searchable by it." >&2; exit 1
fi

if [ ! -f "$data_dir/PG_VERSION" ]; then
  password_file=$(mktemp)
  printf '%s' "$SERVER_PASSWORD" > "$password_file"
  [ "$(id -u)" = 0 ] && chown postgres "$password_file"
  "${run_as[@]}" "$bin/initdb" -D "$data_dir" -U postgres --auth=scram-sha-256 --pwfile="$password_file" -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
  rm -f "$password_file"
  echo "CREATE DATABASE \"$database\";" | "${run_as[@]}" "$bin/postgres" --single -D "$data_dir" postgres >/dev/null
  echo "initialized $data_dir with database $database"
fi

exec "${run_as[@]}" "$bin/postgres" -D "$data_dir" -p "$port" -h 127.0.0.1 \
  -c unix_socket_directories= -c max_connections=300 -c shared_buffers=256MB -c logging_collector=off 2>&1
