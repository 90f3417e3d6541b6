#!/usr/bin/env bash
# The game example under load: N bot players over M game servers, FerryMQ (started with
# ./ferrymq, as users run it, on a free port and a fresh data directory) against the RabbitMQ
# 3.10 peer (127.0.0.1:5682) in the same run, brokers alternating. Runs
# org.ferrymq.bench.game.GameBench, prints every run and the table, and writes
# benchmarks/results/game-YYYY-MM-DD.md. See benchmarks/README.md, "Game".
#
#   benchmarks/run-game-bench.sh                                   # 100, 1,000, 5,000 players, 3 runs
#   benchmarks/run-game-bench.sh --players 1000,2000 --runs 1     # any GameBench option
#   benchmarks/run-game-bench.sh --quick                           # smoke check: 100 players, 5 s, 1 run
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

command="benchmarks/run-game-bench.sh"
for arg in "$@"; do command+=" $(printf '%q' "$arg")"; done
revision=${FERRYMQ_REVISION:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}

args=("$@")
if [[ " $* " == *" --quick "* ]]; then
  args=(--players 100 --seconds 5 --warmup 2 --runs 1)
fi

if [[ -z ${GAMEBENCH_SKIP_BUILD:-} ]]; then
  echo "building benchmarks (with the broker and the examples) ..."
  mvn_args=(-B -q -pl benchmarks,server -am package -DskipTests)
  mvn -o "${mvn_args[@]}" || mvn "${mvn_args[@]}"
fi
classpath="benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"

rabbit_uri=${RABBITMQ_PEER_URI:-amqp://guest:guest@127.0.0.1:5682}
if [[ -z ${RABBITMQ_PEER_URI:-} ]] && ! (exec 3<>/dev/tcp/127.0.0.1/5682) 2>/dev/null; then
  echo "RabbitMQ peer not listening on 127.0.0.1:5682, starting it ..."
  scripts/rabbitmq-peer.sh start
fi

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$(mktemp -d /tmp/ferrymq-game-bench.XXXXXX)
log="$data.log"
FERRYMQ_SKIP_BUILD=1 ./ferrymq --amqp-port "$port" --http-port off --bind 127.0.0.1 --data-dir "$data" >"$log" 2>&1 &
ferrymq_pid=$!
cleanup() {
  kill "$ferrymq_pid" 2>/dev/null || true
  wait "$ferrymq_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  grep -q "FerryMQ ready" "$log" && break
  kill -0 "$ferrymq_pid" 2>/dev/null || { cat "$log"; echo "FerryMQ did not start"; exit 1; }
  sleep 0.5
done
grep "FerryMQ ready" "$log"

java -Xms1g -Xmx2g -Dlogback.configurationFile=logback-bench.xml -Dbench.command="$command" -Dbench.revision="$revision" \
  -cp "$classpath" org.ferrymq.bench.game.GameBench \
  --broker "ferrymq=amqp://guest:guest@127.0.0.1:$port" --broker "rabbitmq=$rabbit_uri" \
  --report "benchmarks/results/game-$(date -u +%F).md" "${args[@]}"
