#!/usr/bin/env bash
# Study retrieval through the bridge, all on 127.0.0.1, fetched with curl in the same run: cold WADO-RS through
# the bridge (empty cache: one RAD-75 to our responder, each instance streamed on as it arrives) against curl
# downloading the same RAD-75 MTOM answer straight from the responder; warm WADO-RS (from the cache) against
# Orthanc's WADO-RS for the same study. Prints a table, the two ratios and the machine.
# Usage: bench/bridge-retrieval.sh [MiB] [runs]   (default 200 MiB, 3 runs; needs curl, and Orthanc with its
# DICOMweb plugin for the warm comparison; works in target/bench-bridge, the study is generated once)
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
# a small heap on purpose: the study passes through it, so a flat heap shows
exec java -Xmx256m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.xcaibridge.bench.BridgeRetrievalBench target/bench-bridge "${1:-200}" "${2:-3}"
