#!/usr/bin/env python3
"""Summarises a JFR recording's execution samples by top frames, optionally within a time window.

    python3 bench/jfr-top.py server.jfr [--from 2026-11-29T16:37:10] [--to 2026-11-29T16:37:48] [--jfr /path/to/jfr]
    python3 bench/jfr-top.py server.jfr --allocations [--from ...] [--to ...]

With --allocations it reads the allocation samples instead (jdk.ObjectAllocationSample, weighted by the bytes
each stands for) and prints MB/s per thread, per class and per allocation site (the top four frames).

Prints the share of samples per top (self) frame, and per "owner" frame: the first frame of the stack
that matches one of the well-known hot spots (Tyrus idle timer, JPA/H2 commit, JSON, socket write, ...),
so one can see which part of the message path the CPU goes to.
"""
import argparse, collections, json, re, subprocess, sys
from datetime import datetime

OWNERS = [
    ("Tyrus idle-timeout timer (restartIdleTimeoutExecutor)", "TyrusSession.restartIdleTimeoutExecutor"),
    ("Concurrency context set-up (ContextSetupProviderImpl)", "ContextSetupProviderImpl"),
    ("H2 / JPA commit (MVStore)", "org.h2.mvstore"),
    ("H2 other", "org.h2."),
    ("EclipseLink", "org.eclipse.persistence"),
    ("JSON-P (parse/encode)", "org.eclipse.parsson"),
    ("Grizzly socket write", "org.glassfish.grizzly.nio.transport.TCPNIOTransport.write"),
    ("Grizzly read / selector", "org.glassfish.grizzly"),
    ("Tyrus frame handling", "org.glassfish.tyrus"),
    ("Weld / CDI proxies", "org.jboss.weld"),
    ("application (org.anonchat)", "org.anonchat"),
]

def frame_name(f):
    m = f["method"]
    return m["type"]["name"] + "." + m["name"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--from", dest="start")
    ap.add_argument("--to", dest="end")
    ap.add_argument("--jfr", default="jfr")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--allocations", action="store_true")
    a = ap.parse_args()
    if a.allocations:
        return allocations(a)
    out = subprocess.run([a.jfr, "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", a.recording],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    selected = [e for e in events if in_window(a, e)]
    total = len(selected)
    print(f"{total} execution samples" + (f" between {a.start} and {a.end}" if a.start or a.end else ""))
    if not total:
        return
    tops, owners = collections.Counter(), collections.Counter()
    for e in selected:
        frames = [frame_name(f) for f in (e["values"]["stackTrace"] or {}).get("frames", [])]
        if not frames:
            continue
        tops[frames[0]] += 1
        owner = "other"
        # outermost matching owner wins for the timer (it wraps the context set-up), innermost otherwise
        for label, needle in OWNERS:
            if any(needle in fr for fr in frames):
                owner = label
                break
        owners[owner] += 1
    print("\nby part of the path (first matching rule, in the order listed in the script):")
    for k, n in owners.most_common():
        print(f"  {100.0 * n / total:5.1f}%  {n:5d}  {k}")
    print(f"\ntop {a.top} self frames:")
    for k, n in tops.most_common(a.top):
        print(f"  {100.0 * n / total:5.1f}%  {n:5d}  {k}")

def in_window(a, e):
    t = e["values"]["startTime"][:19]
    return (not a.start or t >= a.start) and (not a.end or t <= a.end)

def allocations(a):
    out = subprocess.run([a.jfr, "print", "--json", "--stack-depth", "16", "--events", "jdk.ObjectAllocationSample",
                          a.recording], check=True, capture_output=True, text=True).stdout
    events = [e for e in json.loads(out)["recording"]["events"] if in_window(a, e)]
    if not events:
        print("no allocation samples")
        return
    times = sorted(e["values"]["startTime"] for e in events)
    seconds = max(1.0, (parse_time(times[-1]) - parse_time(times[0])))
    total = sum(e["values"]["weight"] for e in events)
    print(f"{len(events)} allocation samples standing for {total / 1e6:.0f} MB in {seconds:.0f} s:"
          f" {total / 1e6 / seconds:.1f} MB/s")
    by_thread, by_class, by_site = collections.Counter(), collections.Counter(), collections.Counter()
    for e in events:
        v, w = e["values"], e["values"]["weight"]
        thread = (v.get("eventThread") or {}).get("javaName") or "?"
        by_thread[re.sub(r"[0-9]+", "#", thread)] += w
        by_class[v["objectClass"]["name"]] += w
        frames = [frame_name(f) for f in (v["stackTrace"] or {}).get("frames", [])]
        by_site[" < ".join(frames[:4])] += w
    for title, counter in (("thread", by_thread), ("class", by_class), ("site", by_site)):
        print(f"\nby {title}:")
        for k, w in counter.most_common(a.top):
            print(f"  {100.0 * w / total:5.1f}%  {w / 1e6 / seconds:7.2f} MB/s  {k}")

def parse_time(text):
    return datetime.fromisoformat(text[:26].rstrip("Z")).timestamp()

if __name__ == "__main__":
    main()
