#!/usr/bin/env bash
# Starts (or stops) a PRIVATE RabbitMQ 3.10 node (Debian's rabbitmq-server) with the management
# plugin, which the admin console's tests and benchmark compare FerryMQ's HTTP API with. It is
# not the shared peer on 5682 (whose management plugin is off): it has its own node name, its own
# ports and its own state under RABBITMQ_MGMT_BASE, emptied at each start.
#   scripts/rabbitmq-mgmt.sh start|stop|status|uri|amqp-uri|prometheus-uri
# Ports: AMQP on RABBITMQ_MGMT_AMQP_PORT (default 5722), HTTP API on RABBITMQ_MGMT_HTTP_PORT
# (default 15722), rabbitmq_prometheus's /metrics on RABBITMQ_MGMT_PROMETHEUS_PORT (default 15792:
# the management benchmark scrapes it beside FerryMQ's), Erlang distribution on AMQP port + 20000;
# all bound to 127.0.0.1.
# Tests find it through RABBITMQ_MGMT_URI (what `uri` prints: http://guest:guest@127.0.0.1:15722).
set -euo pipefail
amqp_port=${RABBITMQ_MGMT_AMQP_PORT:-5722}
http_port=${RABBITMQ_MGMT_HTTP_PORT:-15722}
prometheus_port=${RABBITMQ_MGMT_PROMETHEUS_PORT:-15792}
base=${RABBITMQ_MGMT_BASE:-/tmp/ferrymq-rabbitmq-mgmt}
node=ferrymq-mgmt@localhost
source "$(dirname "$0")/lib/rabbitmq-node.sh"

case "${1:-start}" in
  start)
    if rmq_running "$node"; then
      echo "RabbitMQ with management already running on http://127.0.0.1:$http_port"; exit 0
    fi
    for p in "$amqp_port" "$http_port" "$prometheus_port" "$((amqp_port + 20000))"; do
      if rmq_port_taken "$p"; then
        echo "port $p is taken; set RABBITMQ_MGMT_AMQP_PORT / RABBITMQ_MGMT_HTTP_PORT to free ones" >&2
        exit 1
      fi
    done
    rmq_fresh_state "$base"
    cat > "$base/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$amqp_port
loopback_users = none
vm_memory_high_watermark.relative = 0.4
management.tcp.ip = 127.0.0.1
management.tcp.port = $http_port
prometheus.tcp.ip = 127.0.0.1
prometheus.tcp.port = $prometheus_port
CONF
    echo "[rabbitmq_management,rabbitmq_prometheus]." > "$base/enabled_plugins"
    rmq_launch "$node" "$base" "$amqp_port"
    rmq_await "$node" "$base"
    # the HTTP listener opens a moment after the node reports it has booted
    for _ in $(seq 1 60); do
      if rmq_port_taken "$http_port"; then
        echo "RabbitMQ with management ready on http://127.0.0.1:$http_port (amqp://127.0.0.1:$amqp_port)"; exit 0
      fi
      sleep 1
    done
    echo "RabbitMQ's management listener did not open on $http_port; see $base/log" >&2
    exit 1
    ;;
  stop)
    rmq_stop "$node" "$base"
    ;;
  status)
    rmq_ctl "$node" status
    ;;
  uri)
    echo "http://guest:guest@127.0.0.1:$http_port"
    ;;
  amqp-uri)
    echo "amqp://guest:guest@127.0.0.1:$amqp_port"
    ;;
  prometheus-uri)
    echo "http://127.0.0.1:$prometheus_port/metrics"
    ;;
  *)
    echo "usage: $0 start|stop|status|uri|amqp-uri" >&2; exit 2;;
esac
