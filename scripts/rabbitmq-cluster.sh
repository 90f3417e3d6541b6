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
source "$(dirname "$0")/lib/rabbitmq-node.sh"

node_name() { echo "ferrymq-cluster$1@localhost"; }
port() { echo $((base_port + $1 - 1)); }
ctl() { local n=$1; shift; rmq_ctl "$(node_name "$n")" "$@"; }

# Writes node N's config into a fresh state directory and starts it.
launch() {
  local n=$1 dir=$base/node$1
  rmq_fresh_state "$dir"
  cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$(port "$n")
loopback_users = none
vm_memory_high_watermark.relative = 0.2
CONF
  echo "[]." > "$dir/enabled_plugins"
  rmq_launch "$(node_name "$n")" "$dir" "$(port "$n")"
}

await() { rmq_await "$(node_name "$1")" "$base/node$1"; }

running() { rmq_running "$(node_name "$1")"; }

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
      rmq_stop "$(node_name "$n")" "$base/node$n"
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
