#!/usr/bin/env python3
"""Runs a command with a wall-clock cap and a resident-memory cap (stdlib only, Linux /proc).

    python3 bench/capped.py --seconds S --rss-gib G --report FILE -- COMMAND [ARGS...]

Polls the command's resident set size five times a second and kills it (SIGKILL) once it holds
more than G GiB or has run S seconds, so that one benchmark run cannot take the memory of a
shared machine. Writes "finished", "killed: memory cap G GiB after N s" or "killed: time cap S s"
into FILE, and exits with the command's exit code (137 when it was killed).
"""
import argparse
import os
import signal
import subprocess
import sys
import time


def rss_bytes(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, required=True)
    ap.add_argument("--rss-gib", type=float, required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no command")
    cap = args.rss_gib * 1024 ** 3
    start = time.monotonic()
    child = subprocess.Popen(cmd)
    outcome = "finished"
    while child.poll() is None:
        elapsed = time.monotonic() - start
        if rss_bytes(child.pid) > cap:
            outcome = f"killed: memory cap {args.rss_gib:g} GiB after {elapsed:.0f} s"
        elif elapsed > args.seconds:
            outcome = f"killed: time cap {args.seconds:g} s"
        if outcome != "finished":
            child.send_signal(signal.SIGKILL)
            child.wait()
            break
        time.sleep(0.2)
    with open(args.report, "w", encoding="utf-8") as f:
        f.write(outcome + "\n")
    code = child.returncode
    sys.exit(128 - code if code < 0 else code)


if __name__ == "__main__":
    main()
