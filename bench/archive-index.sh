#!/usr/bin/env bash
# Folder-archive index benchmark: writes a folder of 10,000 small synthetic Part 10 files, then starts the
# responder's FolderArchive on it cold (no stored index: every header read) and warm (stored index loaded, every
# file only listed and compared by size and modification time), three times each; prints the medians, the
# warm/cold ratio (target: under 10%) and the machine. Usage: bench/archive-index.sh [instances, default 10000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile
cp=$(mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xmx1g -cp "target/classes:target/test-classes:$cp" org.xcaibridge.bench.ArchiveIndexBench "${1:-10000}"
