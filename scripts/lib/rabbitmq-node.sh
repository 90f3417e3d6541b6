# Shared by scripts/rabbitmq-{peer,mgmt,cluster}.sh (sourced, not run): one private RabbitMQ node
# from Debian's rabbitmq-server, with its own name, ports and state directory.
#
# Every rabbitmqctl call here is bounded in time. A node that cannot start (a stale state
# directory left by a killed run once held 1,006 durable queues and a node that never finished
# recovering them) must fail the run with a message, never hang it.

export ERL_EPMD_ADDRESS=127.0.0.1
export HOME=${HOME:-/root}

if ! command -v rabbitmq-server >/dev/null; then
  echo "rabbitmq-server is not installed (apt-get install rabbitmq-server)" >&2
  exit 1
fi

# rmq_ctl NODE ARGS...: rabbitmqctl against NODE, given at most 30 s.
rmq_ctl() { local node=$1; shift; timeout 30 rabbitmqctl -q -n "$node" "$@"; }

# rmq_running NODE: whether NODE answers.
rmq_running() { rmq_ctl "$1" status >/dev/null 2>&1; }

# rmq_fresh_state DIR: an empty state directory owned by the rabbitmq user. Tests and benchmarks
# never rely on what a previous run left on a node, so each start begins from nothing.
rmq_fresh_state() {
  rm -rf "$1"
  mkdir -p "$1/mnesia" "$1/log"
}

# rmq_launch NODE DIR PORT: starts NODE detached with the rabbitmq.conf and enabled_plugins
# already written in DIR, AMQP on PORT and Erlang distribution on PORT + 20000.
rmq_launch() {
  local node=$1 dir=$2 port=$3
  chown -R rabbitmq:rabbitmq "$dir" 2>/dev/null || true   # Debian's wrapper runs the node as rabbitmq
  # As root, Debian's wrapper switches to rabbitmq with su, whose PAM session resets the open-files
  # limit to 1024: the node then refuses connections past ~900 (the management benchmark opens
  # 1,000). Switch ourselves and raise the soft limit to the hard one first.
  local launcher=(rabbitmq-server -detached)
  if [ "$(id -u)" -eq 0 ] && [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
    launcher=(su rabbitmq -s /bin/sh -c 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; cd /var/lib/rabbitmq && exec /usr/lib/rabbitmq/bin/rabbitmq-server -detached')
  fi
  env RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
      RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT=$((port + 20000)) \
      RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
      RABBITMQ_CONFIG_FILE="$dir/rabbitmq" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
      RABBITMQ_PID_FILE="$dir/node.pid" "${launcher[@]}"
}

# rmq_await NODE DIR [SECONDS]: waits until NODE has booted, at most SECONDS (default 180).
rmq_await() {
  local node=$1 dir=$2 deadline=$((SECONDS + ${3:-180}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if timeout 20 rabbitmqctl -q -n "$node" await_startup --timeout 15 >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "RabbitMQ node $node did not start within ${3:-180} s; see $dir/log" >&2
  return 1
}

# rmq_stop NODE DIR: stops NODE, killing its Erlang VM if it does not stop within a minute.
rmq_stop() {
  local node=$1 dir=$2 pid
  timeout 60 rabbitmqctl -q -n "$node" stop >/dev/null 2>&1 && return 0
  pid=$(cat "$dir/node.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "RabbitMQ node $node did not stop; killing pid $pid" >&2
    kill -9 "$pid" || true
  fi
}

# rmq_port_taken PORT: whether something listens on 127.0.0.1:PORT.
rmq_port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
