#!/usr/bin/env python3
"""Two builds of parcours side by side on the plan benchmark's instances.

For a change that must not slow anything down (a refactoring, a new layer), this runs
`parcours plan --timing` of an earlier build and of the current one on the same files:
the 200 exact instances of `bench/plan.py` and its four large instances (1,000 and
10,000 modules, completion and 20 competency targets). Builds run alternately, each
instance `--rounds` times per build, and the table gives the median solve time of
each (parcours' own `--timing`: no process start, no parsing) and says whether both
builds gave the same plan, byte for byte.

Run: python3 bench/builds.py --before /tmp/parcours-before [--after target/release/parcours]
Needs no solver: only the instance generators of bench/plan.py.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plan as bench  # noqa: E402  (the generators of bench/plan.py)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def solve(binary, cur, rec):
    """The plan's JSON text and the solve time in ms."""
    proc = subprocess.run(
        [binary, "plan", "--curriculum", cur, "--learner", rec, "--format", "json", "--timing"],
        capture_output=True, text=True, check=True,
    )
    ms = float(proc.stderr.split("timing-ms=")[1].split()[0])
    return proc.stdout, ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the earlier build's parcours binary")
    parser.add_argument("--after", default=os.path.join(ROOT, "target", "release", "parcours"))
    parser.add_argument("--rounds", type=int, default=5, help="runs of each large instance per build")
    args = parser.parse_args()
    builds = {"before": args.before, "after": args.after}
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        small = [bench.write_instance(seed, directory) for seed in bench.CHECK_SEEDS]
        totals = {name: [] for name in builds}
        same = 0
        for rnd in range(3):
            for name, binary in builds.items():
                totals[name].append(sum(solve(binary, c, r)[1] for c, r in small))
        for c, r in small:
            same += solve(args.before, c, r)[0] == solve(args.after, c, r)[0]
        rows.append((f"exact, {len(small)} instances of 10–60 modules (sum, median of 3)",
                     *(f"{statistics.median(totals[n]):,.1f} ms" for n in builds), f"{same}/{len(small)}"))
        for n in (1000, 10000):
            cur = bench.curriculum(bench.LARGE_SEED + n, n, expression_share=0)
            cur_path = os.path.join(directory, f"large-{n}.json")
            with open(cur_path, "w") as f:
                json.dump(cur, f)
            for goal, label in (("complete", "completion goal"), (20, "20 competency targets")):
                rec = bench.learner(bench.LARGE_SEED + n, cur, audience="professionnels", goal=goal,
                                    excluded_share=0, done_share=0.2)
                rec_path = os.path.join(directory, f"large-{n}-{goal}.json")
                with open(rec_path, "w") as f:
                    json.dump(rec, f)
                times = {name: [] for name in builds}
                outputs = {}
                for _ in range(args.rounds):
                    for name, binary in builds.items():
                        outputs[name], ms = solve(binary, cur_path, rec_path)
                        times[name].append(ms)
                rows.append((f"{n:,} modules, {label} (median of {args.rounds})",
                             *(f"{statistics.median(times[name]):,.1f} ms" for name in builds),
                             "yes" if outputs["before"] == outputs["after"] else "NO"))
    header = ("plan", "before", "after", "same plans")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
