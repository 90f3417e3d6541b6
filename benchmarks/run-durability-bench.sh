#!/usr/bin/env bash
# FerryMQ durability benchmarks that PerfTest cannot do: recovery time and memory under a deep
# durable queue, against the real server (org.ferrymq.server.FerryServerMain, what ./ferrymq
# runs) in a child JVM. Builds the server and the benchmarks module, then runs
# org.ferrymq.bench.durability.RecoveryBench or MemoryBench, which write
# benchmarks/results/recovery-YYYY-MM-DD.md or memory-YYYY-MM-DD.md. See benchmarks/README.md.
# (The PerfTest part of the durability benchmark is benchmarks/run-broker-bench.sh --suite durability.)
#
#   benchmarks/run-durability-bench.sh recovery            # 1,000,000 × 100 B: clean stop, then SIGKILL
#   benchmarks/run-durability-bench.sh memory              # 5,000,000 × 1 KiB, -Xmx512m (writes ~5 GB)
#   benchmarks/run-durability-bench.sh recovery --quick    # smoke check: 100,000 messages
#   benchmarks/run-durability-bench.sh memory --quick      # smoke check: 200,000 messages
#   benchmarks/run-durability-bench.sh memory --help       # every option
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

case "${1:-}" in
  recovery) main=org.ferrymq.bench.durability.RecoveryBench ;;
  memory) main=org.ferrymq.bench.durability.MemoryBench ;;
  *) echo "usage: $0 recovery|memory [options]   ($0 recovery --help for the options)" >&2; exit 2 ;;
esac

# the exact command, for the report
command="benchmarks/run-durability-bench.sh"
for arg in "$@"; do command+=" $(printf '%q' "$arg")"; done
shift

# the commit measured, for the report (FERRYMQ_REVISION overrides, e.g. outside a git checkout)
revision=${FERRYMQ_REVISION:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
if [[ -z ${FERRYMQ_REVISION:-} && -n $(git status --porcelain --untracked-files=no -- . ':!benchmarks/results' 2>/dev/null) ]]; then
  revision+=" + uncommitted changes"
fi

if [[ ${DURABILITYBENCH_SKIP_BUILD:-} != 1 ]]; then
  echo "building the server and the benchmarks ..."
  mvn_args=(-B -q -pl server,benchmarks -am package -DskipTests)
  mvn -o "${mvn_args[@]}" || mvn "${mvn_args[@]}"
fi
classpath="benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"

exec java -Xmx512m -Dlogback.configurationFile=logback-bench.xml -Dbench.command="$command" -Dbench.revision="$revision" \
  -Dbench.ferrymq.launcher="$root/ferrymq" -cp "$classpath" "$main" "$@"
