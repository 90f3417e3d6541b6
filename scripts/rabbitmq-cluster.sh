#!/usr/bin/env bash
# A private three-node RabbitMQ 3.10 cluster on 127.0.0.1, for the JMS provider's cluster tests:
# node N (1..3) is ferrymq-clusterN@localhost on port RABBITMQ_CLUSTER_PORT+N-1 (default 5702..5704),
# with its state under RABBITMQ_CLUSTER_BASE/nodeN. Three nodes, because a quorum queue needs a
# majority to keep working when one node is down. Separate from the shared peer (rabbitmq-peer.sh).
#   scripts/rabbitmq-cluster.sh start|stop|status|uri
#   scripts/rabbitmq-cluster.sh stop-node N|start-node N    (stop_app / start_app: the node leaves
#                                                            and rejoins, its Erlang VM stays up)
set -euo pipefail
base_port=${RABBITMQ_CLUSTER_PORT:-5702}
base=${RABBITMQ_CLUSTER_BASE:-/tmp/ferrymq-rabbitmq-cluster}
nodes=(1 2 3)
export ERL_EPMD_ADDRESS=127.0.0.1
export HOME=${HOME:-/root}

if ! command -v rabbitmq-server >/dev/null; then
  echo "rabbitmq-server is not installed (apt-get install rabbitmq-server)" >&2
  exit 1
fi

node_name() { echo "ferrymq-cluster$1@localhost"; }
port() { echo $((base_port + $1 - 1)); }
ctl() { local n=$1; shift; rabbitmqctl -q -n "$(node_name "$n")" "$@"; }

# Runs rabbitmq-server -detached for node N with its own ports, data, logs and config.
launch() {
  local n=$1 dir=$base/node$1
  mkdir -p "$dir/mnesia" "$dir/log"
  cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$(port "$n")
loopback_users = none
vm_memory_high_watermark.relative = 0.2
CONF
  echo "[]." > "$dir/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$dir" 2>/dev/null || true
  env RABBITMQ_NODENAME="$(node_name "$n")" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
      RABBITMQ_NODE_PORT="$(port "$n")" RABBITMQ_DIST_PORT=$(($(port "$n") + 20000)) \
      RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
      RABBITMQ_CONFIG_FILE="$dir/rabbitmq" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
      RABBITMQ_PID_FILE="$dir/node.pid" rabbitmq-server -detached
}

await() {
  for _ in $(seq 1 90); do
    if ctl "$1" await_startup >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "cluster node $1 did not start; see $base/node$1/log" >&2
  return 1
}

running() { ctl "$1" status >/dev/null 2>&1; }

uri() {
  local hosts=()
  for n in "${nodes[@]}"; do hosts+=("127.0.0.1:$(port "$n")"); done
  (IFS=,; echo "amqp://guest:guest@${hosts[*]}")
}

case "${1:-}" in
  start)
    if running 1 && ctl 1 cluster_status --formatter json 2>/dev/null | grep -q "$(node_name 3)"; then
      echo "RabbitMQ cluster already running: $(uri)"; exit 0
    fi
    for n in "${nodes[@]}"; do running "$n" || launch "$n"; done
    for n in "${nodes[@]}"; do await "$n"; done
    for n in 2 3; do
      if ! ctl "$n" cluster_status --formatter json | grep -q "$(node_name 1)"; then
        ctl "$n" stop_app
        ctl "$n" join_cluster "$(node_name 1)"
        ctl "$n" start_app
        await "$n"
      fi
    done
    echo "RabbitMQ cluster ready: $(uri)"
    ;;
  stop)
    for n in "${nodes[@]}"; do
      running "$n" && ctl "$n" stop "$base/node$n/node.pid" >/dev/null 2>&1 || true
    done
    rm -rf "$base"
    ;;
  stop-node)
    ctl "${2:?node number}" stop_app
    ;;
  start-node)
    ctl "${2:?node number}" start_app
    await "$2"
    ;;
  status)
    ctl 1 cluster_status
    ;;
  uri)
    uri
    ;;
  *)
    echo "usage: $0 start|stop|status|uri|stop-node N|start-node N" >&2; exit 2;;
esac
