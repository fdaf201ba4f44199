#!/usr/bin/env python3
"""Summarises a JFR recording's execution samples by top frames, optionally within a time window.

    python3 bench/jfr-top.py server.jfr [--from 2026-11-29T16:37:10] [--to 2026-11-29T16:37:48] [--jfr /path/to/jfr]

Prints the share of samples per top (self) frame, and per "owner" frame: the first frame of the stack
that matches one of the well-known hot spots (Tyrus idle timer, JPA/H2 commit, JSON, socket write, ...),
so one can see which part of the message path the CPU goes to.
"""
import argparse, collections, json, subprocess, sys

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
    a = ap.parse_args()
    out = subprocess.run([a.jfr, "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", a.recording],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    selected = [e for e in events
                if (not a.start or e["values"]["startTime"][:19] >= a.start) and (not a.end or e["values"]["startTime"][:19] <= a.end)]
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

if __name__ == "__main__":
    main()
