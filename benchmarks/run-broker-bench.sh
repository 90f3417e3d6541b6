#!/usr/bin/env bash
# FerryMQ vs RabbitMQ broker benchmark with RabbitMQ PerfTest: builds the benchmarks module,
# makes sure the RabbitMQ peer is up, then runs org.ferrymq.bench.BrokerBench, which starts
# FerryMQ with ./ferrymq and its defaults, alternates the two brokers per scenario and writes
# benchmarks/results/broker-YYYY-MM-DD.md. See benchmarks/README.md.
#
#   benchmarks/run-broker-bench.sh            # full run: 20 s per run, 3 repetitions
#   benchmarks/run-broker-bench.sh --quick    # smoke check: 5 s, 1 repetition
#   benchmarks/run-broker-bench.sh --help     # every option
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# the exact command, for the report
command="benchmarks/run-broker-bench.sh"
for arg in "$@"; do command+=" $(printf '%q' "$arg")"; done

# the commit measured, for the report (FERRYMQ_REVISION overrides, e.g. outside a git checkout)
revision=${FERRYMQ_REVISION:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
# (earlier results being rewritten do not count as a change to what is measured)
if [[ -z ${FERRYMQ_REVISION:-} && -n $(git status --porcelain --untracked-files=no -- . ':!benchmarks/results' 2>/dev/null) ]]; then
  revision+=" + uncommitted changes"
fi

echo "building the server (what ./ferrymq runs) and the benchmarks ..."
mvn_args=(-B -q -pl server,benchmarks -am package -DskipTests)
mvn -o "${mvn_args[@]}" || mvn "${mvn_args[@]}"
classpath="benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"

# the default peer is started on demand; a custom --rabbitmq-uri is the caller's business
if [[ " $* " != *" --rabbitmq-uri "* ]] && ! (exec 3<>/dev/tcp/127.0.0.1/5682) 2>/dev/null; then
  echo "RabbitMQ peer not listening on 127.0.0.1:5682, starting it ..."
  scripts/rabbitmq-peer.sh start
fi

exec java -Xmx256m -Dlogback.configurationFile=logback-bench.xml -Dbench.command="$command" -Dbench.revision="$revision" -Dbench.ferrymq.launcher="$root/ferrymq" -cp "$classpath" org.ferrymq.bench.BrokerBench "$@"
