#!/usr/bin/env bash
# Starts (or stops) a RabbitMQ 3.10 from Debian's rabbitmq-server package as the peer that
# tests and benchmarks compare FerryMQ with. It listens on 127.0.0.1 only, on
# RABBITMQ_PEER_PORT (default 5682), with its state under RABBITMQ_PEER_BASE, emptied at each start.
#   scripts/rabbitmq-peer.sh start|stop|status
set -euo pipefail
port=${RABBITMQ_PEER_PORT:-5682}
base=${RABBITMQ_PEER_BASE:-/tmp/ferrymq-rabbitmq-peer}
node=ferrymq-peer@localhost
source "$(dirname "$0")/lib/rabbitmq-node.sh"

case "${1:-start}" in
  start)
    if rmq_running "$node"; then
      echo "RabbitMQ peer already running on 127.0.0.1:$port"; exit 0
    fi
    rmq_fresh_state "$base"
    cat > "$base/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$port
loopback_users = none
vm_memory_high_watermark.relative = 0.4
CONF
    echo "[]." > "$base/enabled_plugins"
    rmq_launch "$node" "$base" "$port"
    rmq_await "$node" "$base"
    echo "RabbitMQ peer ready on amqp://127.0.0.1:$port"
    ;;
  stop)
    rmq_stop "$node" "$base"
    ;;
  status)
    rmq_ctl "$node" status
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2; exit 2;;
esac
