#!/usr/bin/env bash
# Long fuzz run of the broker's frame decoder and command assembler (AmqpFrameFuzzTest, jqwik).
# The default build runs 300 tries; this runs TRIES (default 200000) with random seeds, under
# Netty's paranoid leak detection like every broker test. A failure prints the shrunk input and
# the seed (jqwik keeps it in broker/target/jqwik-database, so the next run tries it first).
#   scripts/fuzz-codec.sh [TRIES]
set -euo pipefail
cd "$(dirname "$0")/.."
tries="${1:-200000}"
mvn -B -q -pl broker -am verify -Dtest=AmqpFrameFuzzTest -Dit.test=NoSuchIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Djqwik.tries.default="$tries"
echo "AmqpFrameFuzzTest: $tries tries passed"
