#!/usr/bin/env bash
# A private RabbitMQ node for the recovery benchmark, separate from the shared peer
# (scripts/rabbitmq-peer.sh): its own node name, ports and data directory, so it can be stopped,
# killed and restarted without touching the peer. Same settings as the peer otherwise.
#   benchmarks/rabbitmq-recovery-node.sh launch|await|stop|kill|pid|clean
# launch returns at once (rabbitmq-server -detached): the caller times how long the node takes
# to accept connections. kill sends SIGKILL to this node's Erlang VM only (from its pid file).
# Environment: RABBITMQ_RECOVERY_PORT (default 5692), RABBITMQ_RECOVERY_BASE (default
# /tmp/ferrymq-rabbitmq-recovery; on the same disk as the peer's data).
set -euo pipefail
port=${RABBITMQ_RECOVERY_PORT:-5692}
base=${RABBITMQ_RECOVERY_BASE:-/tmp/ferrymq-rabbitmq-recovery}
export RABBITMQ_NODENAME=ferrymq-recovery@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$((port + 20000))
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE=$base/mnesia
export RABBITMQ_LOG_BASE=$base/log
export RABBITMQ_CONFIG_FILE=$base/rabbitmq   # .conf is appended by rabbitmq
export RABBITMQ_ENABLED_PLUGINS_FILE=$base/enabled_plugins
export RABBITMQ_PID_FILE=$base/node.pid
export HOME=${HOME:-/root}

if ! command -v rabbitmq-server >/dev/null; then
  echo "rabbitmq-server is not installed (apt-get install rabbitmq-server)" >&2
  exit 1
fi

case "${1:-}" in
  launch)
    mkdir -p "$base/mnesia" "$base/log"
    cat > "$base/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$port
loopback_users = none
vm_memory_high_watermark.relative = 0.4
CONF
    echo "[]." > "$base/enabled_plugins"
    chown -R rabbitmq:rabbitmq "$base" 2>/dev/null || true
    rm -f "$base/node.pid"
    rabbitmq-server -detached
    ;;
  await)
    rabbitmqctl -n "$RABBITMQ_NODENAME" await_startup
    ;;
  stop)
    # returns once the Erlang VM has exited (rabbitmqctl waits on the pid file)
    rabbitmqctl -n "$RABBITMQ_NODENAME" stop "$base/node.pid" >/dev/null
    ;;
  kill)
    pid=$(cat "$base/node.pid")
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    ;;
  pid)
    cat "$base/node.pid"
    ;;
  clean)
    if rabbitmqctl -n "$RABBITMQ_NODENAME" status >/dev/null 2>&1; then
      rabbitmqctl -n "$RABBITMQ_NODENAME" stop "$base/node.pid" >/dev/null || true
    fi
    rm -rf "$base"
    ;;
  *)
    echo "usage: $0 launch|await|stop|kill|pid|clean" >&2; exit 2;;
esac
