#!/usr/bin/env bash
# MDB benchmark: one WildFly 38 (standalone-full), the same MDB fed through FerryMQ's resource
# adapter and through WildFly's built-in Artemis, (a) without a transaction and (b) XA
# (container-managed REQUIRED, one H2 XA insert per message). Two figures per run: delivery (the
# queue filled with N messages while the MDB's delivery is stopped, then from the first onMessage
# to the end of the last after start-delivery) and end to end (sending while the MDB consumes,
# first send to the end of the last onMessage: mostly the sending rate). Runs alternate between
# the brokers, each run is printed, then a table of medians. It reuses resource-adapter-it's WildFly (unpacked from Maven Central into
# resource-adapter-it/target) and Arquillian: the harness is org.ferrymq.ra.it.bench.MdbBenchIT.
# The output is also saved to benchmarks/results/mdb-YYYY-MM-DD.log. See benchmarks/README.md.
#
#   benchmarks/run-mdb-bench.sh                       # 10,000 messages per run, 3 reps, FerryMQ embedded in WildFly
#   benchmarks/run-mdb-bench.sh 200 1                 # smoke check
#   MDB_BENCH_FERRYMQ=external benchmarks/run-mdb-bench.sh   # FerryMQ as a separate server over amqp://
#
# Environment: MDB_BENCH_PRODUCERS (4), MDB_BENCH_BYTES (100), MDB_BENCH_FERRYMQ (embedded|external),
# MDB_BENCH_FERRYMQ_PREFETCH (100 messages per MDB session), MDB_BENCH_ARTEMIS_WINDOW (consumerWindowSize
# of the Artemis MDBs' sessions in bytes, 50000: about 100 of these messages; "default" leaves
# activemq-ra's, 1 MiB, with which one session takes a whole filled queue),
# WILDFLY_PORT_OFFSET (22300; management on 9990 + offset, HTTP on 8080 + offset).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
messages=${1:-10000}
reps=${2:-3}
offset=${WILDFLY_PORT_OFFSET:-22300}
mkdir -p benchmarks/results
log="benchmarks/results/mdb-$(date -u +%Y-%m-%d).log"
mvn_args=(-B -pl resource-adapter-it -am verify
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
  -Dit.test=MdbBenchIT -Dfailsafe.failIfNoSpecifiedTests=false
  -Dmdb.bench=true -Dmdb.bench.messages="$messages" -Dmdb.bench.reps="$reps"
  -Dmdb.bench.producers="${MDB_BENCH_PRODUCERS:-4}" -Dmdb.bench.bytes="${MDB_BENCH_BYTES:-100}"
  -Dmdb.bench.ferrymq="${MDB_BENCH_FERRYMQ:-embedded}"
  -Dmdb.bench.ferrymq.prefetch="${MDB_BENCH_FERRYMQ_PREFETCH:-100}" -Dmdb.bench.artemis.window="${MDB_BENCH_ARTEMIS_WINDOW:-50000}"
  -Dwildfly.port.offset="$offset" -Dwildfly.management.port=$((9990 + offset)))
{
  echo "# MDB benchmark $(date -u +%FT%TZ) on $(uname -n), $(nproc) CPUs, $(java -version 2>&1 | head -1)"
  echo "# mvn ${mvn_args[*]}"
  mvn "${mvn_args[@]}"
} 2>&1 | tee "$log" | grep -E '^(# |MDB benchmark|buffering|warm-up|run |\||\[ERROR\]|Tests run)' || true
echo "full output: $log"
