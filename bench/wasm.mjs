// WebAssembly against native, side by side: status, recommend and plan on the
// same inputs (every bundled curriculum with one of its learner profiles, and a
// generated curriculum of 300 modules), timed natively by
// `crates/parcours-wasm/examples/calls.rs`, in Node by the npm package, and in
// headless Chromium by the same package inside a page (Debian's chromium driven by
// playwright-core; the repository served on 127.0.0.1 by a server this script
// starts and stops), each call taking the same text in and giving the same text
// out. Then the load and first render of <parcours-path> in Chromium, from
// navigation to the graph drawn: the demo page on the largest bundled curriculum,
// and a bare host page (bench/render.html) on that one and on a generated
// curriculum of 1,000 modules (bench/plan.py's generator, written under
// target/bench-wasm); beside them, the floor: the demo's finished page saved as
// static HTML, no script, to its first contentful paint. Then the package's sizes. The issue's targets: WASM at most
// 1.3× native; first render under 100 ms for the bundled curriculum.
//
//   node bench/wasm.mjs            (builds what it needs: the package, the example)
//   MIN_MS=1000 RUNS=15 node bench/wasm.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const minMs = Number(process.env.MIN_MS ?? 300);
const runs = Number(process.env.RUNS ?? 9);

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });

if (!existsSync(path.join(root, 'bindings/js/pkg/parcours_wasm_bg.wasm')) || process.env.BUILD) {
  run('bash', ['bindings/js/build.sh'], { stdio: 'inherit' });
}
run('cargo', ['build', '--release', '--locked', '-p', 'parcours-wasm', '--example', 'calls'], { stdio: 'inherit' });
const native = path.join(root, 'target/release/examples/calls');

// The generated curriculum of 1,000 modules for the first render (the shape of
// bench/plan.py's large instances: ten layers, completion goal).
const work = path.join(root, 'target/bench-wasm');
mkdirSync(work, { recursive: true });
run('python3', ['-c', `
import json, sys
sys.path.insert(0, 'bench')
import plan as g
n = 1000
cur = g.curriculum(g.LARGE_SEED + n, n, expression_share=0, layers=g.LARGE_LAYERS)
rec = g.learner(g.LARGE_SEED + n, cur, audience="professionnels", goal="complete", excluded_share=0, done_share=0.2)
for doc, name in ((cur, "large-1000.json"), (rec, "large-1000.complete.json")):
    with open("target/bench-wasm/" + name, "w") as f:
        json.dump(doc, f)
`]);

const { chromium } = await import(pathToFileURL(path.join(root, 'bindings/js/node_modules/playwright-core/index.mjs')).href);
const { serve, CHROMIUM, CHROMIUM_ARGS } = await import(pathToFileURL(path.join(root, 'tests/browser.mjs')).href);
const server = await serve(root);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
const page = await browser.newPage();
await page.goto(`${server.origin}/blank.html`);
await page.evaluate(async () => {
  const p = await import('/bindings/js/index.js');
  await p.init();
  window.parcours = p;
});

const parcours = await import(pathToFileURL(path.join(root, 'bindings/js/index.js')).href);
await parcours.init();

// The timing loop, as text, so that Node and the page run the very same one.
// It warms up for as long as one measurement lasts: V8 first runs WebAssembly
// through its baseline compiler and tiers hot functions up to the optimising
// one after a while (one warm-up call measured the baseline code: 2–30× native
// where the tiered-up code gives 1.4–5×); native code is compiled ahead of
// time, so the fair figure is the tiered-up one.
const LOOP = `(call, minMs) => {
  const until = performance.now() + minMs;
  while (performance.now() < until) call();
  let n = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < n; i++) call();
    const ms = performance.now() - start;
    if (ms >= minMs) return (ms * 1e6) / n;
    n *= 2;
  }
}`;
const timeWasm = (0, eval)(LOOP);

/** ns per call of status, recommend and plan, in Chromium. */
function timeChromium(doc, record) {
  return page.evaluate(({ doc, record, loop, minMs }) => {
    const time = (0, eval)(loop);
    const { curriculum: c } = window.parcours.loadCurriculum(doc);
    const out = {
      status: time(() => c.statusJson(record), minMs),
      recommend: time(() => c.recommendJson(record, { top: 3 }), minMs),
      plan: time(() => c.planJson(record), minMs),
    };
    c.free();
    return out;
  }, { doc, record, loop: LOOP, minMs });
}

const inputs = [];
for (const dir of readdirSync(path.join(root, 'curricula')).sort()) {
  const learners = path.join(root, 'curricula', dir, 'learners');
  if (!existsSync(learners)) continue;
  const profile = readdirSync(learners).filter((f) => f.endsWith('.json')).sort()[0];
  inputs.push({
    name: `${dir}/${profile.replace(/\.json$/, '')}`,
    file: path.join(root, 'curricula', dir, 'curriculum.json'),
    recordFile: path.join(learners, profile),
  });
}
inputs.push({
  name: 'generated layered-300 (completion)',
  file: path.join(root, 'tests/fixtures/generated/layered-300.json'),
  recordFile: path.join(root, 'tests/fixtures/generated/layered-300.complete.json'),
});

const rows = [];
for (const { name, file, recordFile } of inputs) {
  const doc = readFileSync(file, 'utf8');
  const record = readFileSync(recordFile, 'utf8');
  const { curriculum: c } = parcours.loadCurriculum(doc);
  const nat = Object.fromEntries(
    run(native, [file, recordFile, String(minMs)]).trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.op, r.nsPerCall]),
  );
  const node = {
    status: timeWasm(() => c.statusJson(record), minMs),
    recommend: timeWasm(() => c.recommendJson(record, { top: 3 }), minMs),
    plan: timeWasm(() => c.planJson(record), minMs),
  };
  c.free();
  const web = await timeChromium(doc, record);
  for (const op of ['status', 'recommend', 'plan']) {
    rows.push({ input: name, op, native: nat[op], node: node[op], chromium: web[op] });
  }
}

// First render: navigation → the graph drawn in the element's shadow root. An
// init script watches every shadow root; the first time one holds the drawing
// (`.graph svg`) it notes performance.now() (time since navigation started),
// then the next animation frame (painted).
const WATCH = () => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attach.call(this, init);
    const seen = new MutationObserver(() => {
      if (window.__drawn === undefined && shadow.querySelector('.graph svg')) {
        window.__drawn = performance.now();
        requestAnimationFrame(() => { window.__painted = performance.now(); });
        seen.disconnect();
      }
    });
    seen.observe(shadow, { childList: true, subtree: true });
    return shadow;
  };
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function firstRender(url) {
  const drawn = [];
  const painted = [];
  const wasm = [];
  const engine = [];
  const context = await browser.newContext();
  await context.addInitScript(WATCH);
  for (let i = 0; i < runs; i++) {
    const p = await context.newPage();
    await p.goto(url);
    await p.waitForFunction(() => window.__painted !== undefined, null, { timeout: 120_000 });
    const t = await p.evaluate(() => ({
      drawn: window.__drawn,
      painted: window.__painted,
      wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd,
      engine: performance.getEntriesByName('engine')[0]?.startTime,
    }));
    drawn.push(t.drawn);
    painted.push(t.painted);
    wasm.push(t.wasm);
    engine.push(t.engine);
    await p.close();
  }
  await context.close();
  return {
    drawn: median(drawn),
    painted: median(painted),
    wasm: median(wasm),
    engine: engine.every((x) => x !== undefined) ? median(engine) : undefined,
    min: Math.min(...drawn),
    max: Math.max(...drawn),
  };
}

const bundled = readdirSync(path.join(root, 'curricula'))
  .filter((d) => existsSync(path.join(root, 'curricula', d, 'learners')))
  .map((d) => ({ d, size: statSync(path.join(root, 'curricula', d, 'curriculum.json')).size }))
  .sort((a, b) => b.size - a.size || a.d.localeCompare(b.d))[0].d;
const bundledProfile = readdirSync(path.join(root, 'curricula', bundled, 'learners')).filter((f) => f.endsWith('.json')).sort()[0];
const modulesOf = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8')).modules.length;
const today = '2026-11-25';
const renders = [
  {
    what: `demo page, ${bundled} (${modulesOf(`curricula/${bundled}/curriculum.json`)} modules)`,
    url: `/bindings/js/demo/index.html?today=${today}&curriculum=${bundled}&learner=${bundledProfile.replace(/\.json$/, '')}`,
  },
  {
    what: `bare host page, ${bundled}`,
    url: `/bench/render.html?today=${today}&curriculum=/curricula/${bundled}/curriculum.json&record=/curricula/${bundled}/learners/${bundledProfile}`,
  },
  {
    what: `bare host page, generated (${modulesOf('target/bench-wasm/large-1000.json')} modules)`,
    url: `/bench/render.html?today=${today}&curriculum=/target/bench-wasm/large-1000.json&record=/target/bench-wasm/large-1000.complete.json`,
  },
];
run('node', ['bindings/js/demo/catalog.mjs']);
for (const r of renders) Object.assign(r, await firstRender(server.origin + r.url));

// The floor under the first render: the demo's finished page saved as static HTML
// (the element's shadow root declared in the markup, its style inline, no script,
// no engine), timed from navigation to its first contentful paint. It is what this
// browser on this machine needs to show the very page with none of our work.
async function finishedPageFloor(url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 120_000 });
  const html = await page.evaluate(() => {
    const shadow = document.getElementById('path').shadowRoot.innerHTML;
    const copy = document.documentElement.cloneNode(true);
    for (const e of copy.querySelectorAll('script, link[rel=modulepreload], link[rel=preload]')) e.remove();
    copy.querySelector('parcours-path').innerHTML = `<template shadowrootmode="open">${shadow}</template>`;
    return `<!doctype html>\n${copy.outerHTML}`;
  });
  await page.close();
  writeFileSync(path.join(work, 'finished.html'), html);
  const fcp = [];
  const context = await browser.newContext();
  for (let i = 0; i < runs; i++) {
    const p = await context.newPage();
    await p.goto(`${server.origin}/target/bench-wasm/finished.html`);
    fcp.push(await p.evaluate(() => new Promise((resolve) => {
      new PerformanceObserver((list) => {
        const e = list.getEntries().find((x) => x.name === 'first-contentful-paint');
        if (e) resolve(e.startTime);
      }).observe({ type: 'paint', buffered: true });
    })));
    await p.close();
  }
  await context.close();
  return { fcp: median(fcp), min: Math.min(...fcp), max: Math.max(...fcp), bytes: Buffer.byteLength(html) };
}
const floor = await finishedPageFloor(server.origin + renders[0].url);

await browser.close();
await server.stop();

const us = (ns) => (ns / 1000).toFixed(1).padStart(9);
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
console.log(`\n| input | call | native (µs) | WASM in Node (µs) | WASM in Chromium (µs) | Node / native | Chromium / native |`);
console.log(`|---|---|---:|---:|---:|---:|---:|`);
for (const r of rows) {
  console.log(`| ${r.input} | ${r.op} | ${us(r.native)} | ${us(r.node)} | ${us(r.chromium)} | ${ratio(r.node, r.native)} | ${ratio(r.chromium, r.native)} |`);
}
const geo = (key) => Math.exp(rows.reduce((s, r) => s + Math.log(r[key] / r.native), 0) / rows.length);
console.log(`| geometric mean of the ratios | | | | | ${geo('node').toFixed(2)}× | ${geo('chromium').toFixed(2)}× |`);
console.log('(target: at most 1.3×)');
console.log(`| **load + first render in Chromium**, ms from navigation, median of ${runs} (min–max of "drawn") | .wasm fetched · engine ready · graph drawn · painted | | | | | |`);
for (const r of renders) {
  const engine = r.engine === undefined ? '—' : r.engine.toFixed(1);
  console.log(`| ${r.what} | ${r.wasm.toFixed(1)} · ${engine} · **${r.drawn.toFixed(1)}** · ${r.painted.toFixed(1)} (${r.min.toFixed(1)}–${r.max.toFixed(1)}) | | | | | |`);
}
console.log(`| the demo's finished page as static HTML (${floor.bytes} bytes, no script): first contentful paint, the browser's own floor | **${floor.fcp.toFixed(1)}** (${floor.min.toFixed(1)}–${floor.max.toFixed(1)}) | | | | | |`);
console.log('(target: under 100 ms for the bundled curriculum)');

console.log(`\n| artefact | bytes | gzipped |`);
console.log(`|---|---:|---:|`);
for (const f of ['bindings/js/pkg/parcours_wasm_bg.wasm', 'bindings/js/pkg/parcours_wasm.js', 'bindings/js/index.js']) {
  const p = path.join(root, f);
  if (!existsSync(p)) continue;
  console.log(`| ${f} | ${statSync(p).size} | ${gzipSync(readFileSync(p), { level: 9 }).length} |`);
}
console.log('(budget: the .wasm at most 250 KB gzipped)');
