#!/usr/bin/env bash
# Disk syncs per committed XA transaction, per component, in XaBench's timed windows: runs XaBench
# under strace (only fsync/fdatasync/msync are stopped on, so the run is barely slowed) and counts
# each sync by the file it forces: FerryMQ's store, Artemis's journal, Narayana's object store, H2.
# A count, not a timing: valid on a loaded machine. See benchmarks/README.md ("XA benchmark").
#
#   benchmarks/xa-sync-counts.sh                # 500 messages, 1 and 4 threads, every target
#   XABENCH_TARGETS="FerryMQ vm://" XABENCH_THREADS=4 benchmarks/xa-sync-counts.sh 1000
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
messages=${1:-500}
trace=$(mktemp -t xa-sync-trace.XXXXXX)
out=$(mktemp -t xa-sync-out.XXXXXX)
trap 'rm -f "$trace" "$out"' EXIT
if [[ -z ${XABENCH_SKIP_BUILD:-} ]]; then
  mvn_args=(-B -q -pl server,benchmarks -am package -DskipTests)
  mvn -o "${mvn_args[@]}" || mvn "${mvn_args[@]}"
fi
XABENCH_SKIP_BUILD=1 XABENCH_NO_REPORT=1 strace -f --seccomp-bpf -ttt -y -qq -o "$trace" \
  -e trace=fsync,fdatasync,msync benchmarks/run-xa-bench.sh "$messages" 1 | tee "$out"
python3 - "$trace" "$out" "$messages" <<'EOF'
import re, sys
trace, out, messages = sys.argv[1], sys.argv[2], int(sys.argv[3])
windows = []  # (name, threads, start, end)
for line in open(out):
    m = re.match(r"timed window (.+), (\d+) thread\(s\): ([\d.]+) to ([\d.]+)", line)
    if m:
        windows.append((m.group(1), int(m.group(2)), float(m.group(3)), float(m.group(4))))
syncs = []  # (time, component)
for line in open(trace):
    m = re.match(r"(?:\[pid\s+\d+\]\s+)?(?:\d+\s+)?([\d.]+) (fsync|fdatasync|msync)\((\d+)<([^>]*)>", line)
    if not m:
        continue
    path = m.group(4)
    if "/narayana/" in path:
        component = "Narayana"
    elif "/h2-" in path:
        component = "H2"
    elif "artemis" in path:
        component = "Artemis"
    elif "ferrymq" in path:
        component = "FerryMQ"
    else:
        component = "other (" + path + ")"
    syncs.append((float(m.group(1)), component))
print("\nsyncs per committed transaction in each timed window (%d transactions):" % messages)
for name, threads, start, end in windows:
    counts = {}
    for t, c in syncs:
        if start <= t <= end:
            counts[c] = counts.get(c, 0) + 1
    cells = ", ".join("%s %.2f" % (c, n / messages) for c, n in sorted(counts.items()))
    print("  %-16s %d thread(s): %s (total %.2f)" % (name, threads, cells, sum(counts.values()) / messages))
EOF
