#!/usr/bin/env python3
"""The command line on the bundled curricula, against an earlier commit (issue 21:
"no benchmark slower than before on the bundled curricula").

A user runs `parcours` once per learner and per document, so what they wait for is
a whole process: start-up, reading the files, the work, writing the answer. This
script builds the release CLI of an earlier commit (in a git worktree under
`target/bench-cli/`, kept for the next run) beside this checkout's, and runs both
on that commit's bundled curricula and learner profiles (files both versions
read): `status`, `recommend`, `plan` and `progress` for every profile, and
`validate` for every curriculum, plus `--version` (start-up alone).

Runs alternate, old then new, so that a host that slows down for a while slows
both; each figure is the best of `--runs` (other work on a shared host only ever
adds time). Two figures per process: wall time from spawn to exit, and the CPU
time the kernel charged it (user + system, from `wait4`), which other work moves
less. The table gives each command's total over its inputs and the ratio; the
last row is the geometric mean of the per-input ratios.

Run: python3 bench/cli.py --against 1178128 [--runs 10]
"""

import argparse
import math
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(cwd, target):
    subprocess.run(
        ["cargo", "build", "--release", "-q", "-p", "parcours-cli"],
        cwd=cwd,
        check=True,
        env={**os.environ, "CARGO_TARGET_DIR": target},
    )
    return os.path.join(target, "release", "parcours")


def earlier(rev):
    """The CLI of `rev`, built in a worktree of its own; and that worktree."""
    sha = subprocess.run(
        ["git", "rev-parse", "--verify", rev + "^{commit}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    tree = os.path.join(ROOT, "target", "bench-cli", sha[:12])
    if not os.path.isdir(tree):
        subprocess.run(["git", "worktree", "add", "--detach", "-f", tree, sha], cwd=ROOT, check=True, capture_output=True)
    return build(tree, os.path.join(tree, "target")), tree, sha


def inputs(tree, extra):
    """(command, arguments) over the earlier commit's bundled curricula; `extra`
    after each learner command (`--format json`)."""
    cases = [("--version", ["--version"])]
    base = os.path.join(tree, "curricula")
    for name in sorted(os.listdir(base)):
        cur = os.path.join(base, name, "curriculum.json")
        learners = os.path.join(base, name, "learners")
        if not os.path.isfile(cur):
            continue
        cases.append(("validate", ["validate", cur]))
        if not os.path.isdir(learners):
            continue
        for f in sorted(os.listdir(learners)):
            if f.endswith(".json"):
                rec = os.path.join(learners, f)
                for cmd in ("status", "recommend", "plan", "progress"):
                    cases.append((cmd, [cmd, "--curriculum", cur, "--learner", rec, *extra]))
    return cases


def once(binary, args):
    """(wall seconds, CPU seconds, exit status) of one process, its output discarded."""
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(binary, [binary, *args], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
    finally:
        os.close(null)
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", required=True, help="the earlier commit (any git revision)")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--bin", help="the new side's binary (default: this checkout's release build)")
    ap.add_argument("--json", action="store_true", help="learner commands write JSON (the engine's answer without the text for people)")
    a = ap.parse_args()

    old, tree, sha = earlier(a.against)
    new = a.bin or build(ROOT, os.path.join(ROOT, "target"))
    cases = inputs(tree, ["--format", "json"] if a.json else [])
    best = {}
    for args_ in cases:
        for side, binary in (("old", old), ("new", new)):
            code = once(binary, args_[1])[2]
            if code != 0:
                sys.exit(f"{side}: parcours {' '.join(args_[1])} exited with {code}")
    for _ in range(a.runs):
        for i, (_, args_) in enumerate(cases):
            for side, binary in (("old", old), ("new", new)):
                wall, cpu, _ = once(binary, args_)
                w, c = best.get((i, side), (math.inf, math.inf))
                best[(i, side)] = (min(w, wall), min(c, cpu))

    head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"\nCLI end to end on the bundled curricula of {sha[:12]}: {sha[:12]} (old) against {head} (new),")
    print(f"best of {a.runs} alternating runs per input{', learner commands in JSON' if a.json else ''}; load average {os.getloadavg()[0]:.2f}\n")
    print("| command | inputs | old wall (ms) | new wall (ms) | new / old | old CPU (ms) | new CPU (ms) | new / old |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    logs = {"wall": [], "cpu": []}
    for cmd in dict.fromkeys(c for c, _ in cases):
        idx = [i for i, (c, _) in enumerate(cases) if c == cmd]
        ow = sum(best[(i, "old")][0] for i in idx) * 1e3
        nw = sum(best[(i, "new")][0] for i in idx) * 1e3
        oc = sum(best[(i, "old")][1] for i in idx) * 1e3
        nc = sum(best[(i, "new")][1] for i in idx) * 1e3
        for i in idx:
            logs["wall"].append(math.log(best[(i, "new")][0] / best[(i, "old")][0]))
            if best[(i, "old")][1] > 0 and best[(i, "new")][1] > 0:
                logs["cpu"].append(math.log(best[(i, "new")][1] / best[(i, "old")][1]))
        print(f"| {cmd} | {len(idx)} | {ow:.2f} | {nw:.2f} | {nw / ow:.2f}× | {oc:.2f} | {nc:.2f} | {(nc / oc if oc else math.nan):.2f}× |")
    gw = math.exp(sum(logs["wall"]) / len(logs["wall"]))
    gc = math.exp(sum(logs["cpu"]) / len(logs["cpu"])) if logs["cpu"] else math.nan
    print(f"| geometric mean per input | {len(cases)} | | | **{gw:.2f}×** | | | **{gc:.2f}×** |")


if __name__ == "__main__":
    main()
