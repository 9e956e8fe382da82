#!/usr/bin/env bash
# Runs RabbitMQ from the Debian packages in the foreground, with every path and port of its own so that several
# AppHosts (a developer's and a test run) can share one machine.
# Usage: rabbitmq.sh DATA_DIR AMQP_PORT DIST_PORT   (password in SERVER_PASSWORD)
set -euo pipefail
data_dir=$1 port=$2 dist_port=$3
server=/usr/lib/rabbitmq/bin/rabbitmq-server
[ -x "$server" ] || { echo "RabbitMQ is not installed: apt-get install rabbitmq-server" >&2; exit 1; }
mkdir -p "$data_dir/mnesia" "$data_dir/log"

# The node name keeps its data across restarts, so it derives from the data folder, not from the port.
node_suffix=$(printf '%s' "$(cd "$data_dir" && pwd)" | md5sum | cut -c1-8)
node=ecommerce-$node_suffix

# A start right after a stop can find the last node of this data folder still registered: shutting down, or left
# running when only its launcher was killed. Erlang then refuses the name and its port (dist_port_already_used) and
# the start fails. Nothing else runs a node of this name, so wait a little for it to leave, then end it.
registered_port() { { epmd -names 2>/dev/null || true; } | awk -v name="$node" '$1 == "name" && $2 == name { print $5 }'; }
for attempt in $(seq 1 40); do
  old_port=$(registered_port)
  [ -z "$old_port" ] && break
  if [ "$attempt" = 20 ]; then
    for pid in $(ss -ltnpH "sport = :$old_port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true); do
      echo "Ending the previous node $node (pid $pid), still registered on port $old_port" >&2
      kill -KILL "$pid" 2>/dev/null || true
    done
  fi
  sleep 0.5
done
echo '[].' > "$data_dir/enabled_plugins"
cat > "$data_dir/rabbitmq.conf" <<CONF
default_user = guest
default_pass = $SERVER_PASSWORD
loopback_users = none
listeners.tcp.1 = 127.0.0.1:$port
CONF

export HOME=$data_dir \
  RABBITMQ_NODENAME="$node@localhost" \
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
  RABBITMQ_NODE_PORT=$port \
  RABBITMQ_DIST_PORT=$dist_port \
  RABBITMQ_MNESIA_BASE=$data_dir/mnesia \
  RABBITMQ_LOG_BASE=$data_dir/log \
  RABBITMQ_LOGS=- \
  RABBITMQ_ENABLED_PLUGINS_FILE=$data_dir/enabled_plugins \
  RABBITMQ_CONFIG_FILE=$data_dir/rabbitmq \
  ERL_EPMD_ADDRESS=127.0.0.1 \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
exec "$server"
