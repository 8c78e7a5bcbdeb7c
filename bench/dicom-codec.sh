#!/usr/bin/env bash
# DICOM codec benchmark: header parse + DICOM JSON per instance (512x512 CT slice, 1,000-frame US cine)
# against dcm2json on the same files in the same run, then the heap of a -Xmx64m JVM streaming 2 GiB
# through DicomStreamParser. Builds the classes when the sources are newer. Needs dcmtk (dcm2json).
set -euo pipefail
cd "$(dirname "$0")/.."
probe=target/test-classes/org/xcaibridge/bench/DicomCodecBench.class
if [ ! -f "$probe" ] || [ -n "$(find src pom.xml -newer "$probe" -type f -print -quit)" ]; then
  mvn -q -DskipTests test-compile
fi
command -v dcm2json >/dev/null || { echo "dcm2json (dcmtk) is needed: apt-get install -y dcmtk" >&2; exit 2; }
# the bench uses the JDK only: main and test classes are its whole classpath
exec java -Xmx2g -cp target/classes:target/test-classes org.xcaibridge.bench.DicomCodecBench "$@"
