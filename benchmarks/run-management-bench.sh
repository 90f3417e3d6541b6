#!/usr/bin/env bash
# The management layer's cost and speed. Two parts (see benchmarks/README.md, "Management"):
#
#   rates   the cost of message-rate sampling on the message path: the broker benchmark's PerfTest
#           scenarios against ./ferrymq started with management.rates_mode = none, basic (the
#           default) and detailed, REPS repetitions, the modes interleaved within each repetition
#           (none, basic, detailed, none, ...) so a drifting machine hits all three alike. Each run
#           is one run-broker-bench.sh (FerryMQ via --ferrymq-uri, the RabbitMQ peer alongside as
#           a gauge of machine noise); a table of FerryMQ's msg/s per mode comes at the end.
#   api     org.ferrymq.bench.console.ManagementBench: /api/queues (first page of 100 by
#           messages), /api/overview and /metrics, p50/p95, ./ferrymq (started here, its
#           defaults) vs RabbitMQ's management plugin (scripts/rabbitmq-mgmt.sh) with the same
#           queues and idle connections.
#
#   benchmarks/run-management-bench.sh rates                     # 3 reps × 3 modes, 20 s runs, all scenarios
#   benchmarks/run-management-bench.sh rates --reps 1 --quick --scenarios 1   # smoke check
#   benchmarks/run-management-bench.sh api [queues] [connections] [rounds]     # default 10000 1000 50
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }

part=${1:-}
[[ -n $part ]] && shift
case $part in
  rates|api) ;;
  -h|--help|help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_ferrymq DIR [CONFIG]: ./ferrymq as a user runs it (its defaults, no JAVA_OPTS, the console
# on), data in DIR/data, log in DIR/ferrymq.log; sets amqp_port, http_port and broker_pid and
# returns once it is ready.
broker_pid=
start_ferrymq() {
  local dir=$1 config=${2:-}
  mkdir -p "$dir/data"
  amqp_port=$(free_port)
  http_port=$(free_port)
  env -u JAVA_OPTS FERRYMQ_SKIP_BUILD=1 ./ferrymq --bind 127.0.0.1 --amqp-port "$amqp_port" --http-port "$http_port" \
    --data-dir "$dir/data" ${config:+--config "$config"} >"$dir/ferrymq.log" 2>&1 &
  broker_pid=$!
  for _ in $(seq 1 120); do
    grep -q "FerryMQ ready" "$dir/ferrymq.log" && return 0
    kill -0 "$broker_pid" 2>/dev/null || { cat "$dir/ferrymq.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "ferrymq did not start; see $dir/ferrymq.log" >&2
  exit 1
}
stop_broker() {
  if [[ -n $broker_pid ]] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid"
    wait "$broker_pid" 2>/dev/null || true
  fi
  broker_pid=
}
trap stop_broker EXIT

if [[ $part == api ]]; then
  echo "building the benchmarks ..."
  mvn_args=(-B -q -pl benchmarks -am package -DskipTests)
  mvn -o "${mvn_args[@]}" || mvn "${mvn_args[@]}"
  if [[ -z ${RABBITMQ_MGMT_URI:-} ]]; then
    if ! (exec 3<>/dev/tcp/127.0.0.1/15722) 2>/dev/null; then
      echo "RabbitMQ with the management plugin not listening on 127.0.0.1:15722, starting it ..."
      scripts/rabbitmq-mgmt.sh start
    fi
    export RABBITMQ_MGMT_URI=http://guest:guest@127.0.0.1:15722 RABBITMQ_MGMT_AMQP_URI=amqp://guest:guest@127.0.0.1:5722
  fi
  # RabbitMQ's /metrics is rabbitmq_prometheus's (scripts/rabbitmq-mgmt.sh enables it on 15792)
  if [[ -z ${RABBITMQ_PROMETHEUS_URI:-} ]] && (exec 3<>/dev/tcp/127.0.0.1/15792) 2>/dev/null; then
    export RABBITMQ_PROMETHEUS_URI=http://127.0.0.1:15792/metrics
  fi
  classpath="benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"
  # FerryMQ as users run it: ./ferrymq in a process of its own
  FERRYMQ_SKIP_BUILD= ./ferrymq --help >/dev/null
  run="benchmarks/target/api-bench/$(date -u +%Y%m%d-%H%M%S)"
  start_ferrymq "$run"
  export FERRYMQ_MGMT_URI=http://guest:guest@127.0.0.1:$http_port FERRYMQ_AMQP_URI=amqp://guest:guest@127.0.0.1:$amqp_port
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx2g -Dlogback.configurationFile=logback-bench.xml -cp "$classpath" \
    org.ferrymq.bench.console.ManagementBench "$@"
  exit
fi

# ---- rates ------------------------------------------------------------------------------------
reps=3
modes=(none basic detailed)
bench_args=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --reps) reps=$2; shift 2 ;;
    --modes) IFS=, read -r -a modes <<<"$2"; shift 2 ;;
    --ferrymq-uri|--results-dir|--repetitions) echo "$1 is set by this script" >&2; exit 2 ;;
    *) bench_args+=("$1"); shift ;;
  esac
done

stamp=$(date -u +%Y%m%d-%H%M%S)
out="benchmarks/target/rates-bench/$stamp"
mkdir -p "$out"
echo "building the server (what ./ferrymq runs) ..."
FERRYMQ_SKIP_BUILD= ./ferrymq --help >/dev/null
for rep in $(seq 1 "$reps"); do
  for mode in "${modes[@]}"; do
    run="$out/rep$rep-$mode"
    mkdir -p "$run"
    printf 'management.rates_mode = %s\n' "$mode" >"$run/ferrymq.conf"
    start_ferrymq "$run" "$run/ferrymq.conf"
    mode_seen=$(curl -s -u guest:guest "http://127.0.0.1:$http_port/api/overview" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rates_mode"])')
    [[ $mode_seen == "$mode" ]] || { echo "the broker runs rates_mode $mode_seen, not $mode" >&2; exit 1; }
    echo "== repetition $rep, management.rates_mode = $mode (FerryMQ at 127.0.0.1:$amqp_port)"
    benchmarks/run-broker-bench.sh "${bench_args[@]}" --repetitions 1 \
      --ferrymq-uri "amqp://guest:guest@127.0.0.1:$amqp_port" --results-dir "$run" | tail -n 3
    stop_broker
    rm -rf "$run/data"
  done
done

# FerryMQ's msg/s (column 3 of each report's summary table) per scenario and mode, median over the repetitions
python3 - "$out" "${modes[@]}" <<'PY'
import glob, os, re, statistics, sys
out, modes = sys.argv[1], sys.argv[2:]
rates = {}   # (scenario, mode) -> [msg/s]
latencies = {}   # (scenario, mode) -> ["p50 / p99", ...] as the reports print them
order = []
for report in sorted(glob.glob(os.path.join(out, "rep*-*", "*.md"))):
    mode = os.path.basename(os.path.dirname(report)).split("-", 1)[1]
    for line in open(report):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 3 and cells[0].isdigit():
            key = cells[1]
            if key not in order:
                order.append(key)
            value = re.sub(r"[^0-9.]", "", cells[2])
            if value:
                rates.setdefault((key, mode), []).append(float(value))
            latencies.setdefault((key, mode), []).append(cells[5])
print("\nFerryMQ delivered msg/s by management.rates_mode (median of the repetitions; every run in " + out + ")\n")
print("| scenario | " + " | ".join(modes) + " | " + " | ".join(m + " vs none" for m in modes if m != "none") + " |")
print("|---|" + "---:|" * (len(modes) * 2 - (1 if "none" in modes else 0)))
for key in order:
    med = {m: statistics.median(rates[(key, m)]) if rates.get((key, m)) else None for m in modes}
    cells = [f"{med[m]:,.0f}" if med[m] else "n/a" for m in modes]
    for m in modes:
        if m != "none":
            base = med.get("none")
            cells.append(f"{(med[m] / base - 1) * 100:+.1f}%" if base and med[m] else "n/a")
    print(f"| {key} | " + " | ".join(cells) + " |")
print("\nFerryMQ p50 / p99 latency as each report gives it, per repetition\n")
print("| scenario | " + " | ".join(modes) + " |")
print("|---|" + "---|" * len(modes))
for key in order:
    print(f"| {key} | " + " | ".join("; ".join(latencies.get((key, m), ["n/a"])) for m in modes) + " |")
PY
