#!/usr/bin/env bash
# Installs PostgreSQL, Redis and RabbitMQ from Debian/Ubuntu packages, which the AppHost runs itself in local mode.
# Usage: install-servers.sh [--if-no-container-runtime]
set -euo pipefail

if [ "${1:-}" = "--if-no-container-runtime" ] && [ -n "$(docker info --format '{{.ServerVersion}}' 2>/dev/null)" ]; then
  echo "A container runtime answers: the AppHost will run the servers as containers."
  exit 0
fi

# procps gives the tests /usr/bin/kill, with which they stop and freeze the servers' and services' processes.
if compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null && command -v redis-server >/dev/null \
  && [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && [ -x /usr/bin/kill ]; then
  exit 0
fi

sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)
echo "Installing postgresql, redis-server, rabbitmq-server and procps from the system's packages..."
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  postgresql redis-server rabbitmq-server procps >/dev/null
