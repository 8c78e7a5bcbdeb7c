#!/usr/bin/env bash
# XUA through the whole door: our CommunityClient → our responder over two-way TLS (generated demo PKI), signing
# on (a signed SAML assertion per request, validated by the responder) vs off (same TLS door, no assertion), in the
# same run, rounds interleaved; ITI-38 queries and RAD-75 retrievals of one small radiograph. Prints requests per
# second per mode (medians), the ratio on/off, and the client-side signing time per request.
# Usage: bench/xua-door.sh [rounds, default 5] [seconds per mode and round, default 3] [in flight, default 4]
#        [warm-up s per mode, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile
cp=$(mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout | sed 's/\x1b\[[0-9;]*m//g')
echo "host: $(uname -srm), nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m -cp "target/classes:target/test-classes:$cp" org.xcaibridge.trust.XuaDoorBench "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
