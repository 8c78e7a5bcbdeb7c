#!/usr/bin/env bash
# Hostile-input benchmark: time for our Vert.x SOAP endpoint to refuse a billion-laughs envelope (plain and as
# an MTOM root part) and a 10,000-part MTOM body, client-side from send to the whole SOAP fault, against a
# well-formed RAD-75 request in the same run. Fails if the billion-laughs refusal's p99 reaches 50 ms.
# Usage: bench/hostile-input.sh [rounds per request, default 300]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile
cp=$(mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xmx512m -cp "target/classes:target/test-classes:$cp" org.xcaibridge.interop.HostileInputBench "${1:-300}"
