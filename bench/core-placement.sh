#!/usr/bin/env bash
# Where bench/bridge-retrieval.sh's idle core time comes from: runs it (without Orthanc) and records the kernel's
# scheduler events (sched_switch, sched_waking, sched_wakeup; no call stacks) over a few of its timed rounds, then
# splits each download's time by the state of the cores: all busy; some idle while a thread waited on a busy core's
# run queue (it was ready to run, the scheduler had put it behind the running one); some idle with no thread waiting
# so (the pipeline ran dry: every thread waited for another); all idle. Medians over the recorded downloads of each
# kind, and which processes' threads did the waiting beside an idle core. Recording slows the downloads (tens of
# percent): the times are for the split, not for the ratios, which bench/bridge-retrieval.sh gives.
# Usage: bench/core-placement.sh [MiB] [seconds]   (default 200 MiB, 6 s of recording, about 3 rounds; needs perf,
# Debian linux-perf, allowed to trace the whole system, e.g. as root, and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v perf >/dev/null || { echo "perf is needed: apt-get install -y linux-perf" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 2; }
mib=${1:-200}
seconds=${2:-6}
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
BENCH_JAVA_OPTS="-Dbench.noOrthanc=true -Dbench.rounds=true" bench/bridge-retrieval.sh "$mib" 6 >"$out/bench.txt" 2>&1 &
bench=$!
until grep -q "^round 0 ended" "$out/bench.txt" 2>/dev/null; do
  kill -0 $bench 2>/dev/null || { cat "$out/bench.txt" >&2; exit 1; }
  sleep 0.2
done
# which JVM is which (the bench's own JVM is the bridge; the others are its children)
jcmd -l | awk '/BridgeRetrievalBench/{print $1, "bridge"} /BenchResponder/{print $1, "responder"}
  /BareRelay/{print $1, "relay"} /TeeRelay/{print $1, "tee"}' >"$out/roles"
perf record -q -e sched:sched_switch -e sched:sched_waking -e sched:sched_wakeup -a -o "$out/sched.data" \
  -- sleep "$seconds" >/dev/null 2>&1 || {
  echo "perf record failed: tracing the whole system needs root (or perf_event_paranoid)" >&2; exit 2; }
wait $bench
grep -E "^(cold bridge|  round by round|  idle|  bridge budget)" "$out/bench.txt"
perf script -i "$out/sched.data" -F cpu,comm,pid,tid,time,event,trace >"$out/sched.txt" 2>/dev/null
echo "recorded ${seconds} s of rounds; ms of each download, medians:"
python3 bench/core_placement.py "$out/sched.txt" "$out/roles"
