#!/usr/bin/env bash
# XUA signing cost: a full ITI-38 SOAP request built with a signed wsse:Security block (SAML assertion +
# timestamp, RSA-SHA256) vs the same request unsigned, in the same run; plus signing alone, the
# responder's validation and two bare RSA signatures for scale. Prints machine info and medians over
# interleaved rounds (one thread).
# Usage: bench/xua-signing.sh [rounds, default 5] [seconds per mode and round, default 2] [warm-up s, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile
cp=$(mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout | sed 's/\x1b\[[0-9;]*m//g')
echo "host: $(uname -srm), nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -Xmx512m -cp "target/classes:target/test-classes:$cp" org.xcaibridge.trust.XuaSigningBench "$@"
