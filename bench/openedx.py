#!/usr/bin/env python3
"""The Open edX XBlock's server-side engine (crates/parcours-c in PyPI wasmtime):
what a platform pays per request.

Run with the XBlock's venv after `bash bindings/openedx/build.sh`:
`target/openedx-venv/bin/python bench/openedx.py [ROUNDS]`. Prints the module's
size, its compile time (once per server process), and, for every bundled
curriculum with its profiles, the time of one call of each kind: a fresh
instance, the curriculum read, checked and compiled, the record read, the answer
written. The largest curriculum also runs through the `mark_done` handler (the
block's whole work for one click: two status calls, one progress call, the
record stored, the grade published), with the toy runtime of the tests. Each
figure is the best of ROUNDS (default 20): other work on a shared host only ever
adds time.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bindings/openedx"))
sys.path.insert(0, str(ROOT / "bindings/openedx/tests"))

from parcours_xblock.engine import WASM, Engine  # noqa: E402


def best(rounds: int, work) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    start = time.perf_counter()
    engine = Engine()
    compile_ms = (time.perf_counter() - start) * 1000
    print(f"module {WASM.relative_to(ROOT)}: {WASM.stat().st_size:,} bytes; compiled in {compile_ms:.0f} ms (once per process)")
    print(f"{'curriculum':28} {'kB':>5} {'check':>8} {'status':>8} {'progress':>9} {'recommend':>10}   (ms, best of {rounds}, mean over profiles)")
    curricula = sorted(ROOT.glob("curricula/*/curriculum.json"))
    for c in curricula:
        text = c.read_text("utf-8")
        learners = [p.read_text("utf-8") for p in sorted((c.parent / "learners").glob("*.json"))]
        if not learners:
            continue
        check = best(rounds, lambda: engine.check(text))
        cols = []
        for name in ("status", "progress", "recommend"):
            call = getattr(engine, name)
            cols.append(sum(best(rounds, lambda l=l: call(text, l)) for l in learners) / len(learners))
        print(f"{c.parent.name:28} {len(text) // 1024:>5} {check:>8.1f} {cols[0]:>8.1f} {cols[1]:>9.1f} {cols[2]:>10.1f}")

    # One click, the handler's whole work, on the largest curriculum.
    import conftest
    from parcours_xblock import record as records

    largest = max(curricula, key=lambda p: p.stat().st_size)
    text = largest.read_text("utf-8")
    doc = json.loads(text)
    runtime = conftest.Runtime()
    block = conftest.block(runtime)
    block.curriculum = text
    block.audience = doc["audiences"][0]["id"]
    block.save()
    fresh = records.text(records.at(records.fresh(doc, block.audience), records.today()))
    status = json.loads(engine.status(text, fresh))
    module = next(m["module"] for m in status["modules"] if m["state"] in records.DONE_ALLOWED)

    def click():
        b = conftest.block(runtime)
        b.record = ""
        b.save()
        answer = conftest.call(conftest.block(runtime), "mark_done", {"module": module})
        assert answer["ok"], answer

    print(f"mark_done on {largest.parent.name} ({len(text) // 1024} kB): {best(rounds, click):.1f} ms per click")


if __name__ == "__main__":
    main()
