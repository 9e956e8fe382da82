#!/usr/bin/env bash
# Runs Redis from the Debian packages in the foreground with an append-only file, so cached state survives a restart
# of the AppHost. Redis is a cache and a throttle here: its memory is bounded, and past the bound it evicts the least
# recently used keys, as a cache should, instead of refusing writes.
# Usage: redis.sh DATA_DIR PORT   (password in SERVER_PASSWORD)
set -euo pipefail
data_dir=$1 port=$2
command -v redis-server >/dev/null || { echo "Redis is not installed: apt-get install redis-server" >&2; exit 1; }
mkdir -p "$data_dir"
exec redis-server --port "$port" --bind 127.0.0.1 --dir "$data_dir" --save "" --appendonly yes \
  --maxmemory 256mb --maxmemory-policy allkeys-lru \
  --requirepass "$SERVER_PASSWORD" --protected-mode yes --daemonize no --logfile ""
