// The same bytes as native in Chromium, for the generated curricula whose plan
// runs out of its node budget and goes through the linear-programming relaxation:
// the calls of generated.cases.mjs, made by the package inside headless Chromium
// (Debian's, driven by playwright-core; the repository served on 127.0.0.1 by
// serve.mjs, stopped at the end), against the command line's answers. Node's run
// of the same calls, with the check that the relaxation path is taken:
// generated.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { cases, cli, relaxed, root } from './generated.cases.mjs';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

let server;
let browser;
let page;
const problems = [];
const requests = [];

before(async () => {
  server = await serve(root);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(`${server.origin}/blank.html`);
  await page.evaluate(async () => {
    const p = await import('/bindings/js/index.js');
    await p.init();
    window.parcours = p;
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const { curriculum, learner, calls } of cases()) {
  test(`${path.basename(learner)}: the command line's bytes in WebAssembly (Chromium)`, async () => {
    const doc = readFileSync(path.join(root, curriculum), 'utf8');
    const record = readFileSync(path.join(root, learner), 'utf8');
    // The page gets the calls as data and runs them as the package's users would.
    const answers = await page.evaluate(({ doc, record, calls }) => {
      const loaded = window.parcours.loadCurriculum(doc);
      if (!loaded.ok) return { diagnostics: loaded.diagnostics };
      const c = loaded.curriculum;
      const out = calls.map((call) =>
        call.method === 'graphSvg' ? c.graphSvg({ record, ...call.options }) : c[call.method](record, call.options));
      c.free();
      return { out };
    }, { doc, record, calls });
    assert.ok(answers.out, JSON.stringify(answers.diagnostics));
    calls.forEach((call, i) => {
      const native = cli(call.args);
      assert.equal(answers.out[i], native, `${call.name}: WebAssembly in Chromium differs from the command line`);
      if (call.relaxation) assert.ok(relaxed(native), `${call.name}: the node budget did not run out`);
    });
    assert.deepEqual(problems, []);
  });
}

test('no request leaves 127.0.0.1', () => {
  assert.ok(requests.length > 0);
  for (const url of requests) assert.ok(url.startsWith(server.origin + '/'), url);
});
