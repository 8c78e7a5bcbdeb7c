#!/usr/bin/env python3
"""Reads `perf script` lines of sched_switch, sched_waking and sched_wakeup events recorded over
bench/bridge-retrieval.sh's timed rounds and says, for each download curl made, how the two kinds of idle core time
split: a core idle while a thread waited on a busy core's run queue (the scheduler's placement: the thread could have
run) or a core idle with no thread waiting behind another (the pipeline ran dry).
Usage: core_placement.py PERF_SCRIPT_TEXT ROLES (ROLES: lines "pid role", role one of bridge, responder, relay, tee)."""
import collections
import re
import statistics
import sys

EVENT = re.compile(r'\s*(.+?)\s+(\d+)/(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+sched:(\w+):\s+(.*)$')
SWITCH = re.compile(r'prev_comm=(.+?) prev_pid=(\d+) .*prev_state=(\S+) ==> next_comm=(.+?) next_pid=(\d+)')
WAKEUP = re.compile(r'comm=(.+?) pid=(\d+) .*target_cpu=(\d+)')


def read_events(path):
    events = []
    for line in open(path, errors='replace'):
        m = EVENT.match(line)
        if m:
            comm, pid, tid, cpu, t, name, rest = m.groups()
            events.append((float(t), int(cpu), comm, int(pid), int(tid), name, rest))
    events.sort(key=lambda e: e[0])
    return events


def curl_windows(events):
    """Each curl process's first and last event, and the process (pid) whose threads woke it most: its server."""
    spans, wakers = {}, collections.defaultdict(collections.Counter)
    for t, _, comm, pid, tid, name, rest in events:
        if comm == 'curl':
            a, b = spans.get(tid, (t, t))
            spans[tid] = (min(a, t), max(b, t))
        if name == 'sched_waking':  # in the waker's context (a wakeup may be done later by the target core)
            m = WAKEUP.match(rest)
            if m and m.group(1) == 'curl':
                wakers[int(m.group(2))][pid] += 1
    return sorted(((a, b, tid, wakers[tid].most_common(1)[0][0] if wakers[tid] else None)
                   for tid, (a, b) in spans.items()), key=lambda w: w[0])


def split_window(events, start, end, cores, owner):
    """Time in [start, end] by state of the cores, and who waited on a busy core's run queue while one was idle."""
    running = {}
    queued = {}  # tid -> the core whose run queue it is on, for threads woken or preempted inside the window
    spent = collections.Counter()
    waiters = collections.Counter()
    last = None
    for t, cpu, comm, pid, tid, name, rest in events:
        if t > end:
            break
        if last is not None and t >= start:
            d = t - last
            idle = [c for c in cores if running.get(c, 0) == 0]
            behind = [w for w, c in queued.items() if c not in idle]
            if not idle:
                spent['all busy'] += d
            elif len(idle) == len(cores):
                spent['all idle'] += d
            elif behind:
                spent['idle beside a waiting thread'] += d
                for w in behind:
                    waiters[owner(w)] += d / len(behind)
            else:
                spent['idle, none waiting'] += d
        last = t
        if name == 'sched_wakeup':
            m = WAKEUP.match(rest)
            w = int(m.group(2))
            if w not in running.values() and t >= start:
                queued[w] = int(m.group(3))
        elif name == 'sched_switch':
            m = SWITCH.match(rest)
            prev, state, nxt = int(m.group(2)), m.group(3), int(m.group(5))
            if state.startswith('R') and prev != 0 and t >= start:
                queued[prev] = cpu  # preempted: back on this core's queue
            else:
                queued.pop(prev, None)
            queued.pop(nxt, None)
            running[cpu] = nxt
    return spent, waiters


def main():
    events = read_events(sys.argv[1])
    roles = {}
    for line in open(sys.argv[2]):
        pid, role = line.split()
        roles[int(pid)] = role
    tgid = {e[4]: e[3] for e in events}
    owner = lambda tid: roles.get(tgid.get(tid), 'curl' if tid in curls else 'other')
    cores = sorted({e[1] for e in events})
    windows = curl_windows(events)
    curls = {w[2] for w in windows}
    kinds = collections.defaultdict(list)
    bridge_seen = 0
    for a, b, tid, server in windows:
        role = roles.get(server)
        if role == 'bridge':  # each round fetches the study cold, then warm
            role = 'cold' if bridge_seen % 2 == 0 else 'warm'
            bridge_seen += 1
        elif role == 'responder':
            role = 'direct'
        if role in ('direct', 'tee', 'cold') and b - a > 0.05:
            kinds[role].append(split_window(events, a, b, cores, owner) + (b - a,))
    names = ['all busy', 'idle beside a waiting thread', 'idle, none waiting', 'all idle']
    print('%d cores; some idle, some not: "waiting" while a thread waited on a busy core\'s run queue, "dry" while'
          ' none did' % len(cores))
    heads = ['all busy', 'idle, waiting', 'idle, dry', 'all idle']
    print('%-8s %3s %8s' % ('download', 'n', 'curl ms') + ''.join(' %17s' % h for h in heads)
          + '   waiting beside an idle core (ms, by process)')
    for kind in ('direct', 'tee', 'cold'):
        rows = kinds.get(kind, [])
        if not rows:
            continue
        med = lambda f: statistics.median(f(r) for r in rows)
        who = collections.Counter()
        for r in rows:
            for k, v in r[1].items():
                who[k] += v / len(rows)
        print('%-8s %3d %8.0f' % (kind, len(rows), med(lambda r: r[2]) * 1e3)
              + ''.join(' %17.0f' % (med(lambda r, n=n: r[0][n]) * 1e3) for n in names)
              + '   ' + ', '.join('%s %.0f' % (k, v * 1e3) for k, v in who.most_common(4)))


if __name__ == '__main__':
    main()
