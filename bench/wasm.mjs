// WebAssembly against native, side by side: status, recommend and plan on the
// same inputs (every bundled curriculum with one of its learner profiles), timed
// natively by `crates/parcours-wasm/examples/calls.rs` and in Node by the npm
// package, each call taking the same text in and giving the same text out. Then
// the package's sizes. One table; the target is WASM at most 1.3× native.
//
//   node bench/wasm.mjs            (builds what it needs: the package, the example)
//   MIN_MS=1000 node bench/wasm.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const minMs = Number(process.env.MIN_MS ?? 300);

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });

if (!existsSync(path.join(root, 'bindings/js/pkg/parcours_wasm_bg.wasm')) || process.env.BUILD) {
  run('bash', ['bindings/js/build.sh'], { stdio: 'inherit' });
}
run('cargo', ['build', '--release', '--locked', '-p', 'parcours-wasm', '--example', 'calls'], { stdio: 'inherit' });
const native = path.join(root, 'target/release/examples/calls');

const parcours = await import(pathToFileURL(path.join(root, 'bindings/js/index.js')).href);
await parcours.init();

function timeWasm(call) {
  call();
  let n = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < n; i++) call();
    const ms = performance.now() - start;
    if (ms >= minMs) return (ms * 1e6) / n;
    n *= 2;
  }
}

const rows = [];
for (const dir of readdirSync(path.join(root, 'curricula')).sort()) {
  const learners = path.join(root, 'curricula', dir, 'learners');
  if (!existsSync(learners)) continue;
  const file = path.join(root, 'curricula', dir, 'curriculum.json');
  const profile = readdirSync(learners).filter((f) => f.endsWith('.json')).sort()[0];
  const recordFile = path.join(learners, profile);
  const record = readFileSync(recordFile, 'utf8');
  const { curriculum: c } = parcours.loadCurriculum(readFileSync(file, 'utf8'));
  const nat = Object.fromEntries(
    run(native, [file, recordFile, String(minMs)]).trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.op, r.nsPerCall]),
  );
  const wasm = {
    status: timeWasm(() => c.statusJson(record)),
    recommend: timeWasm(() => c.recommendJson(record, { top: 3 })),
    plan: timeWasm(() => c.planJson(record)),
  };
  for (const op of ['status', 'recommend', 'plan']) {
    rows.push({ input: `${dir}/${profile.replace(/\.json$/, '')}`, op, native: nat[op], node: wasm[op] });
  }
  c.free();
}

const us = (ns) => (ns / 1000).toFixed(1).padStart(9);
console.log(`\n| input | call | native (µs) | WASM in Node (µs) | ratio |`);
console.log(`|---|---|---:|---:|---:|`);
for (const r of rows) {
  console.log(`| ${r.input} | ${r.op} | ${us(r.native)} | ${us(r.node)} | ${(r.node / r.native).toFixed(2)}× |`);
}
const geo = Math.exp(rows.reduce((s, r) => s + Math.log(r.node / r.native), 0) / rows.length);
console.log(`\nGeometric mean of the ratios: ${geo.toFixed(2)}× (target: at most 1.3×).`);

console.log(`\n| artefact | bytes | gzipped |`);
console.log(`|---|---:|---:|`);
for (const f of ['bindings/js/pkg/parcours_wasm_bg.wasm', 'bindings/js/pkg/parcours_wasm.js', 'bindings/js/index.js']) {
  const p = path.join(root, f);
  if (!existsSync(p)) continue;
  console.log(`| ${f} | ${statSync(p).size} | ${gzipSync(readFileSync(p), { level: 9 }).length} |`);
}
console.log('(budget: the .wasm at most 250 KB gzipped)');
