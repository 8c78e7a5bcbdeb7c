#!/usr/bin/env bash
# Streaming latency of a cold study retrieval through the bridge, all on 127.0.0.1 in one JVM at -Xmx256m: the time
# from the responder's first RAD-75 attachment byte (stamped by a relay in front of it) to the viewer's first byte
# of the first WADO-RS part, per round (fresh cache each), with the median and the largest (target ≤ 100 ms); and,
# measured in the same rounds, request → first byte of a RAD-75 straight to the responder (the baseline) against
# request → first byte of the bridge's WADO-RS, with their ratio.
# Usage: bench/first-byte.sh [MiB] [rounds]   (default 500 MiB, 5 rounds after one warm-up; works in
# target/bench-first-byte, the study is generated once)
set -euo pipefail
cd "$(dirname "$0")/.."
probe=target/test-classes/org/xcaibridge/bench/FirstByteBench.class
if [ ! -f "$probe" ] || [ -n "$(find src pom.xml -newer "$probe" -type f -print -quit)" ]; then
  mvn -q -o -DskipTests test-compile
fi
if [ ! -f target/bench.classpath ] || [ pom.xml -nt target/bench.classpath ]; then
  mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
exec java -Xmx256m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.xcaibridge.bench.FirstByteBench target/bench-first-byte "${1:-500}" "${2:-5}"
