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
echo '[].' > "$data_dir/enabled_plugins"
cat > "$data_dir/rabbitmq.conf" <<CONF
default_user = guest
default_pass = $SERVER_PASSWORD
loopback_users = none
listeners.tcp.1 = 127.0.0.1:$port
CONF

export HOME=$data_dir \
  RABBITMQ_NODENAME="ecommerce-$node_suffix@localhost" \
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
