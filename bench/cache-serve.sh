#!/usr/bin/env bash
# Cache serving benchmark: a 500 MiB study stored through the cache, served as multipart/related from the
# store by a Vert.x server on 127.0.0.1, against Vert.x sendFile (and python3 -m http.server) serving the
# same Part 10 files, all fetched with curl in the same run. Prints a table with the cache's ratio to each
# static server (target ≥ 0.80 against each) and machine info.
# Usage: bench/cache-serve.sh [runs]   (default 9, the machine is shared: compare medians; needs curl; uses target/bench-cache, about 1.1 GB, removed after)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v curl >/dev/null || { echo "curl is needed: apt-get install -y curl" >&2; exit 2; }
probe=target/test-classes/org/xcaibridge/bench/CacheServeBench.class
if [ ! -f "$probe" ] || [ -n "$(find src pom.xml -newer "$probe" -type f -print -quit)" ]; then
  mvn -q -DskipTests test-compile
fi
if [ ! -f target/bench.classpath ] || [ pom.xml -nt target/bench.classpath ]; then
  mvn -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
fi
# a small heap on purpose: 500 MiB pass through it, so a flat heap shows
exec java -Xmx128m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.xcaibridge.bench.CacheServeBench target/bench-cache "${1:-9}"
