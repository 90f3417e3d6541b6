#!/usr/bin/env bash
# Starts (or stops) a PRIVATE RabbitMQ 3.10 node (Debian's rabbitmq-server) with the management
# plugin, which the admin console's tests and benchmark compare FerryMQ's HTTP API with. It is
# not the shared peer on 5682 (whose management plugin is off): it has its own node name, its own
# ports and its own state under RABBITMQ_MGMT_BASE.
#   scripts/rabbitmq-mgmt.sh start|stop|status|uri
# Ports: AMQP on RABBITMQ_MGMT_AMQP_PORT (default 5722), HTTP API on RABBITMQ_MGMT_HTTP_PORT
# (default 15722), Erlang distribution on AMQP port + 20000; all bound to 127.0.0.1.
# Tests find it through RABBITMQ_MGMT_URI (what `uri` prints: http://guest:guest@127.0.0.1:15722).
set -euo pipefail
amqp_port=${RABBITMQ_MGMT_AMQP_PORT:-5722}
http_port=${RABBITMQ_MGMT_HTTP_PORT:-15722}
base=${RABBITMQ_MGMT_BASE:-/tmp/ferrymq-rabbitmq-mgmt}
export RABBITMQ_NODENAME=ferrymq-mgmt@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$amqp_port
export RABBITMQ_DIST_PORT=$((amqp_port + 20000))
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE=$base/mnesia
export RABBITMQ_LOG_BASE=$base/log
export RABBITMQ_CONFIG_FILE=$base/rabbitmq   # .conf is appended by rabbitmq
export RABBITMQ_ENABLED_PLUGINS_FILE=$base/enabled_plugins
export HOME=${HOME:-/root}

if ! command -v rabbitmq-server >/dev/null; then
  echo "rabbitmq-server is not installed (apt-get install rabbitmq-server)" >&2
  exit 1
fi

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "${1:-start}" in
  start)
    if rabbitmqctl -n "$RABBITMQ_NODENAME" status >/dev/null 2>&1; then
      echo "RabbitMQ with management already running on http://127.0.0.1:$http_port"; exit 0
    fi
    for p in "$amqp_port" "$http_port" "$((amqp_port + 20000))"; do
      if port_taken "$p"; then
        echo "port $p is taken; set RABBITMQ_MGMT_AMQP_PORT / RABBITMQ_MGMT_HTTP_PORT to free ones" >&2
        exit 1
      fi
    done
    mkdir -p "$base/mnesia" "$base/log"
    cat > "$base/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$amqp_port
loopback_users = none
vm_memory_high_watermark.relative = 0.4
management.tcp.ip = 127.0.0.1
management.tcp.port = $http_port
CONF
    echo "[rabbitmq_management]." > "$base/enabled_plugins"
    # Debian's wrapper runs the node as the rabbitmq user
    chown -R rabbitmq:rabbitmq "$base" 2>/dev/null || true
    rabbitmq-server -detached
    # the HTTP port opens once the management plugin is up (rabbitmqctl is slow on a busy machine)
    for _ in $(seq 1 180); do
      if port_taken "$http_port"; then
        echo "RabbitMQ with management ready on http://127.0.0.1:$http_port (amqp://127.0.0.1:$amqp_port)"; exit 0
      fi
      sleep 1
    done
    echo "RabbitMQ with management did not start; see $base/log" >&2
    exit 1
    ;;
  stop)
    rabbitmqctl -n "$RABBITMQ_NODENAME" stop >/dev/null 2>&1 || true
    ;;
  status)
    rabbitmqctl -n "$RABBITMQ_NODENAME" status
    ;;
  uri)
    echo "http://guest:guest@127.0.0.1:$http_port"
    ;;
  amqp-uri)
    echo "amqp://guest:guest@127.0.0.1:$amqp_port"
    ;;
  *)
    echo "usage: $0 start|stop|status|uri|amqp-uri" >&2; exit 2;;
esac
