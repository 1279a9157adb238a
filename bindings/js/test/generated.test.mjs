// The same bytes as native where the bundled curricula never go: generated
// curricula (tests/fixtures/generated, from bench/plan.py's generator) whose
// plan runs out of its node budget, so that the linear-programming relaxation
// bounds and improves it. Each is run through the command line and through the
// WebAssembly package in Node, and first the test checks that the path is really
// taken (the plan's `search` says the relaxation ran), so the comparison cannot
// pass on an easy case. The same comparison in Chromium: generated.browser.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as parcours from '../index.js';
import path from 'node:path';
import { cases, cli, relaxed, root, wasmCall } from './generated.cases.mjs';

await parcours.init();

for (const { curriculum, learner, calls } of cases()) {
  const doc = readFileSync(path.join(root, curriculum), 'utf8');
  const record = readFileSync(path.join(root, learner), 'utf8');
  test(`${path.basename(learner)}: the command line's bytes in WebAssembly (Node)`, () => {
    const loaded = parcours.loadCurriculum(doc);
    assert.equal(loaded.ok, true, JSON.stringify(loaded.diagnostics));
    assert.deepEqual(loaded.diagnostics, []);
    const c = loaded.curriculum;
    let lp = 0;
    for (const call of calls) {
      const native = cli(call.args);
      assert.equal(wasmCall(c, record, call), native, `${call.name}: WebAssembly differs from the command line`);
      if (call.relaxation) {
        assert.ok(relaxed(native), `${call.name}: the node budget did not run out; this case proves nothing`);
        lp += 1;
      }
    }
    assert.ok(lp > 0, 'no call of this case takes the relaxation path');
    c.free();
  });
}
