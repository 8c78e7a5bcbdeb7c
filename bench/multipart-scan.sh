#!/usr/bin/env bash
# Multipart scan benchmark: MultipartParser over 128 MiB MTOM bodies (generated CT instances, random bytes, and hostile
# content made of the boundary's last byte) fed in 64 KiB chunks, against a bare word-wise LF scan of every byte (the
# content scan the parser used before it skipped by the delimiter), over the same bytes in the same run; prints both
# times, net of the chunk copies, and their ratio per body.
# Usage: bench/multipart-scan.sh [MiB per body, default 128] [rounds, default 7]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile
cp=$(mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xmx1g -cp "target/classes:target/test-classes:$cp" org.xcaibridge.soap.MultipartScanBench "${1:-128}" "${2:-7}"
