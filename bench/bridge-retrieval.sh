#!/usr/bin/env bash
# Study retrieval through the bridge, all on 127.0.0.1, fetched with curl in the same run: cold WADO-RS through
# the bridge (empty cache: a RAD-75 per series to our responder, each instance streamed on as it arrives) against
# curl downloading the same instances' RAD-75 MTOM answer straight from the responder; warm WADO-RS (from the cache)
# against Orthanc's WADO-RS for the same study. Both paths run untimed on another study first
# (warm-up: 15,000 instances, so that code run once per instance reaches C2, then until the JIT's share of the
# bridge's CPU is below a tenth, its caches in /dev/shm where there is one; then 3 rounds on the timed study, their
# caches on disk as the timed rounds' are), and one
# whole round runs untimed before the timed ones. For
# scale, a bare Vert.x relay of the direct download (nothing parsed, nothing kept) and a tee relay (a blocking copy
# to a file and on: what any relay that keeps what it relays must do at least) are timed in each round too. The
# responder and the relays run in JVMs of their own; before each cold round a scratch file of twice the study is
# written and deleted (this VM's host faults on fresh page cache, see RecycledPageCache). Prints a table with each
# JVM's CPU and curl's, the two ratios (the cold one also round by round, direct and cold a few seconds apart), the
# bound that CPU puts on the cold round, how much of the cores sat idle in the cold round and in the direct download,
# the load average, the machine, and what creating a file costs where the caches are (a cold round creates one per
# instance; on this VM's ext4, which has no journal, several times more for a few minutes after files were deleted,
# an earlier run's caches say: see FileCreationProbe).
# Usage: bench/bridge-retrieval.sh [MiB] [runs]   (default 200 MiB, 3 runs; needs curl, and Orthanc with its
# DICOMweb plugin for the warm comparison; works in target/bench-bridge, the study is generated once; each round's
# cache stays until the run ends, so it needs about (runs + 4) × MiB of free disk, and MiB of memory in /dev/shm, or
# without one, up to 100 × MiB more disk for the warm-up's caches)
# BENCH_JAVA_OPTS passes JVM options, e.g. BENCH_JAVA_OPTS=-Dbench.noOrthanc=true for the cold comparison alone, or a
# -XX:StartFlightRecording=... to profile
set -euo pipefail
cd "$(dirname "$0")/.."
command -v curl >/dev/null || { echo "curl is needed: apt-get install -y curl" >&2; exit 2; }
probe=target/test-classes/org/xcaibridge/bench/BridgeRetrievalBench.class
if [ ! -f "$probe" ] || [ -n "$(find src pom.xml -newer "$probe" -type f -print -quit)" ]; then
  mvn -q -o -DskipTests test-compile
fi
if [ ! -f target/bench.classpath ] || [ pom.xml -nt target/bench.classpath ]; then
  mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
fi
echo "load average: $(cut -d" " -f1-3 /proc/loadavg), $(nproc) cores"
# a small heap on purpose: the study passes through it, so a flat heap shows
exec java -Xmx256m ${BENCH_JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.xcaibridge.bench.BridgeRetrievalBench target/bench-bridge "${1:-200}" "${2:-3}"
