#!/usr/bin/env bash
# JMS scenario benchmark: FerryMQ vm:// and amqp:// vs ActiveMQ Artemis (embedded, in-VM and TCP)
# vs the RabbitMQ JMS client on the RabbitMQ peer, all in one run. Builds the benchmarks module,
# makes sure the RabbitMQ peer is up, then runs org.ferrymq.bench.jms.JmsBench, which writes
# benchmarks/results/jms-YYYY-MM-DD.md. See benchmarks/README.md.
#
#   benchmarks/run-jms-bench.sh            # full run: 10 s per run, 2 repetitions
#   benchmarks/run-jms-bench.sh --quick    # smoke check: 2 s, 1 repetition
#   benchmarks/run-jms-bench.sh --help     # every option
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# the exact command, for the report
command="benchmarks/run-jms-bench.sh"
for arg in "$@"; do command+=" $(printf '%q' "$arg")"; done

# the commit measured, for the report (FERRYMQ_REVISION overrides, e.g. outside a git checkout)
revision=${FERRYMQ_REVISION:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
if [[ -z ${FERRYMQ_REVISION:-} && -n $(git status --porcelain --untracked-files=no -- . ':!benchmarks/results' 2>/dev/null) ]]; then
  revision+=" + uncommitted changes"
fi

# JMSBENCH_SKIP_BUILD=1 reuses the last build (e.g. several runs in a row), but only a reactor
# build's class path: one written by a build without -am points at FerryMQ jars in ~/.m2, which
# any other build may replace in the middle of a run
if [[ -n ${JMSBENCH_SKIP_BUILD:-} ]] && grep -q '/org/ferrymq/' benchmarks/target/runtime-classpath.txt 2>/dev/null; then
  echo "the last build's class path uses FerryMQ jars from ~/.m2; rebuilding"
  JMSBENCH_SKIP_BUILD=
fi
if [[ -z ${JMSBENCH_SKIP_BUILD:-} ]]; then
  echo "building benchmarks (with the broker and the JMS provider) ..."
  mvn_args=(-B -q -pl server,benchmarks -am package -DskipTests)
  mvn -o "${mvn_args[@]}" || mvn "${mvn_args[@]}"
fi
classpath="benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"

# the default peer is started on demand; a custom --rabbitmq-uri is the caller's business
if [[ " $* " != *" --rabbitmq-uri "* ]] && ! (exec 3<>/dev/tcp/127.0.0.1/5682) 2>/dev/null; then
  echo "RabbitMQ peer not listening on 127.0.0.1:5682, starting it ..."
  scripts/rabbitmq-peer.sh start
fi

# the in-process brokers (FerryMQ vm://, Artemis) live in this JVM, hence the heap
exec java -Xms512m -Xmx2g -Dlogback.configurationFile=logback-bench.xml -Dbench.command="$command" -Dbench.revision="$revision" -Dbench.ferrymq.launcher="$root/ferrymq" \
  -cp "$classpath" org.ferrymq.bench.jms.JmsBench "$@"
