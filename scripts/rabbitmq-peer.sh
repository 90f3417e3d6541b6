#!/usr/bin/env bash
# Starts (or stops) a RabbitMQ 3.10 from Debian's rabbitmq-server package as the peer that
# tests and benchmarks compare FerryMQ with. It listens on 127.0.0.1 only, on
# RABBITMQ_PEER_PORT (default 5682), with its state under RABBITMQ_PEER_BASE.
#   scripts/rabbitmq-peer.sh start|stop|status
set -euo pipefail
port=${RABBITMQ_PEER_PORT:-5682}
base=${RABBITMQ_PEER_BASE:-/tmp/ferrymq-rabbitmq-peer}
export RABBITMQ_NODENAME=ferrymq-peer@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$((port + 20000))
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

case "${1:-start}" in
  start)
    mkdir -p "$base/mnesia" "$base/log"
    cat > "$base/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$port
loopback_users = none
vm_memory_high_watermark.relative = 0.4
CONF
    echo "[]." > "$base/enabled_plugins"
    # Debian's wrapper runs the node as the rabbitmq user
    chown -R rabbitmq:rabbitmq "$base" 2>/dev/null || true
    if rabbitmqctl -n "$RABBITMQ_NODENAME" status >/dev/null 2>&1; then
      echo "RabbitMQ peer already running on 127.0.0.1:$port"; exit 0
    fi
    rabbitmq-server -detached
    for _ in $(seq 1 60); do
      if rabbitmqctl -n "$RABBITMQ_NODENAME" await_startup >/dev/null 2>&1; then
        echo "RabbitMQ peer ready on amqp://127.0.0.1:$port"; exit 0
      fi
      sleep 1
    done
    echo "RabbitMQ peer did not start; see $base/log" >&2
    exit 1
    ;;
  stop)
    rabbitmqctl -n "$RABBITMQ_NODENAME" stop >/dev/null 2>&1 || true
    ;;
  status)
    rabbitmqctl -n "$RABBITMQ_NODENAME" status
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2; exit 2;;
esac
