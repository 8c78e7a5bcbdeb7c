#!/usr/bin/env bash
# MTOM streaming benchmark: a 1 GiB MTOM body with 4 attachments through MtomWriter → MtomStreamReader, and the
# same 4 documents as inline base64 in a plain SOAP body (1.33 GiB) through MtomStreamReader, at -Xmx256m;
# prints time and live-heap growth against a no-SOAP baseline and checks every SHA-256.
# Usage: bench/mtom-streaming.sh [total MiB, default 1024]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile
cp=$(mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xmx256m -cp "target/classes:target/test-classes:$cp" org.xcaibridge.soap.MtomStreamingBench "${1:-1024}"
