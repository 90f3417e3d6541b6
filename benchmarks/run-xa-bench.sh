#!/usr/bin/env bash
# XA benchmark: consume one message + insert one H2 row + two-phase commit under Narayana JTA,
# 1 and 4 threads, FerryMQ (amqp:// to ./ferrymq with its defaults, started and stopped by the
# harness; vm:// embedded) vs ActiveMQ Artemis (TCP, in-VM; embedded), same Narayana and H2.
# Writes benchmarks/results/xa-YYYY-MM-DD.md. See benchmarks/README.md.
#
#   benchmarks/run-xa-bench.sh              # 2,000 messages per run, 3 runs per cell
#   benchmarks/run-xa-bench.sh 500 1        # smoke check
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
if [[ -z ${XABENCH_SKIP_BUILD:-} ]]; then
  echo "building the server (what ./ferrymq runs) and the benchmarks ..."
  mvn_args=(-B -q -pl server,benchmarks -am package -DskipTests)
  mvn -o "${mvn_args[@]}" || mvn "${mvn_args[@]}"
fi
classpath="benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"
exec java -Xms512m -Xmx2g -Dlogback.configurationFile=logback-bench.xml -Dbench.ferrymq.launcher="$root/ferrymq" -cp "$classpath" org.ferrymq.bench.jms.XaBench "$@"
