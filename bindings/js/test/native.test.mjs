// The same bytes as native: every bundled curriculum and learner profile through
// the command line and through the WebAssembly package in Node, for status,
// recommend, why-not, plan, progress (JSON and the record's HTML) and the
// learner's drawing. Then hostile values through the JS API: each gives an error
// or a result, and the module keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as parcours from '../index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = process.env.PARCOURS ?? path.join(root, 'target/release/parcours');

function cli(args) {
  return execFileSync(bin, args, { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
}

await parcours.init();

const curricula = readdirSync(path.join(root, 'curricula'))
  .filter((d) => existsSync(path.join(root, 'curricula', d, 'learners')))
  .sort();

for (const dir of curricula) {
  const file = path.join('curricula', dir, 'curriculum.json');
  const loaded = parcours.loadCurriculum(readFileSync(path.join(root, file), 'utf8'));
  const learners = readdirSync(path.join(root, 'curricula', dir, 'learners')).filter((f) => f.endsWith('.json')).sort();

  test(`${dir}: the curriculum loads in WASM as in the command line`, () => {
    assert.equal(loaded.ok, true, JSON.stringify(loaded.diagnostics));
    assert.deepEqual(loaded.diagnostics, []);
    assert.equal(loaded.curriculum.id, dir);
    assert.equal(loaded.curriculum.graphSvg({ lang: 'fr' }), cli(['graph', file, '--format', 'svg']));
  });

  for (const name of learners) {
    const learner = path.join('curricula', dir, 'learners', name);
    const record = readFileSync(path.join(root, learner), 'utf8');
    const c = loaded.curriculum;
    test(`${dir}/${name}: same bytes as native`, () => {
      const on = ['--curriculum', file, '--learner', learner];
      for (const lang of ['fr', 'en']) {
        assert.equal(c.statusJson(record, { lang }), cli(['status', ...on, '--format', 'json', '--lang', lang]), 'status');
        assert.equal(c.progressJson(record, { lang }), cli(['progress', ...on, '--format', 'json', '--lang', lang]), 'progress');
        assert.equal(c.recordHtml(record, { lang }), cli(['progress', ...on, '--format', 'html', '--lang', lang]), 'record HTML');
      }
      assert.equal(c.recommendJson(record, { top: 3 }), cli(['recommend', ...on, '--top', '3', '--format', 'json']), 'recommend');
      assert.equal(c.planJson(record, { hoursPerWeek: 7 }), cli(['plan', ...on, '--hours-per-week', '7', '--format', 'json']), 'plan');
      assert.equal(c.planJson(record, { nodeBudget: 3 }), cli(['plan', ...on, '--node-budget', '3', '--format', 'json']), 'plan, budget out');
      assert.equal(c.graphSvg({ record }), cli(['graph', file, '--format', 'svg', '--learner', learner]), 'drawing');
      // Why not the last module of the curriculum: a lock, or the scores.
      const status = c.status(JSON.parse(record));
      const last = status.modules.at(-1).module;
      assert.equal(c.whyNotJson(record, last), cli(['recommend', ...on, '--why', last, '--format', 'json']), 'why not');
    });
  }
}

test('a curriculum with mistakes is a value with located diagnostics, in the language asked', () => {
  const bad = '{"formatVersion": 1, "id": "demo", "modules": [}';
  const fr = parcours.loadCurriculum(bad);
  assert.equal(fr.ok, false);
  assert.equal(fr.curriculum, undefined);
  assert.equal(fr.diagnostics[0].code, 'syntax');
  assert.equal(fr.diagnostics[0].line, 1);
  const en = parcours.loadCurriculum(bad, { lang: 'en' });
  assert.notEqual(en.diagnostics[0].message, fr.diagnostics[0].message);
});

test('hostile values give an error or a result, and the module keeps working', () => {
  const file = path.join(root, 'curricula/design-thinking-aidance/curriculum.json');
  const { curriculum: c } = parcours.loadCurriculum(JSON.parse(readFileSync(file, 'utf8')));
  const record = JSON.parse(readFileSync(path.join(root, 'curricula/design-thinking-aidance/learners/cheffe-de-service-ehpad.json'), 'utf8'));
  const expected = c.statusJson(record);

  const cyclic = { formatVersion: 1 };
  cyclic.self = cyclic;
  let deep = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const other = readFileSync(path.join(root, 'curricula/transformation-offre/learners/chef-de-service-ime.json'), 'utf8');
  const cases = [
    ['a number as record', () => c.status(42), TypeError],
    ['undefined as record', () => c.status(undefined), TypeError],
    ['a cyclic object', () => c.status(cyclic), TypeError],
    ['100,000-deep nesting (object)', () => c.status(deep), TypeError],
    ['100,000-deep nesting (text)', () => c.status('['.repeat(100_000) + ']'.repeat(100_000)), 'ParcoursError'],
    ['a huge string', () => c.status('x'.repeat(50 << 20)), 'ParcoursError'],
    ['NaN as an option', () => c.plan(record, { hoursPerWeek: NaN }), TypeError],
    ['a negative option', () => c.plan(record, { hoursPerWeek: -3 }), TypeError],
    ['a string option', () => c.recommend(record, { top: '3' }), TypeError],
    ['an unknown option', () => c.recommend(record, { tpo: 3 }), TypeError],
    ['an unknown language', () => c.status(record, { lang: 'de' }), TypeError],
    ['a record of another curriculum', () => c.status(other), 'ParcoursError'],
    ['a module id that is no string', () => c.whyNot(record, 12), TypeError],
    ['a module not in the curriculum', () => c.whyNot(record, 'nulle-part'), 'ParcoursError'],
    ['a curriculum that is a number', () => parcours.loadCurriculum(7), TypeError],
  ];
  for (const [what, f, kind] of cases) {
    let error;
    try {
      f();
    } catch (e) {
      error = e;
    }
    assert.ok(error, `${what}: no error`);
    if (kind === 'ParcoursError') {
      assert.equal(error.name, 'ParcoursError', `${what}: ${error}`);
      assert.ok(Array.isArray(error.diagnostics) && error.diagnostics.length > 0, `${what}: diagnostics`);
      for (const d of error.diagnostics) assert.ok(d.message && d.hint, `${what}: ${JSON.stringify(d)}`);
    } else {
      assert.ok(error instanceof kind, `${what}: ${error}`);
    }
    assert.ok(!/panicked|unreachable|RuntimeError/.test(String(error)), `${what}: ${error}`);
    // The module still answers, with the same bytes.
    assert.equal(c.statusJson(record), expected, `after ${what}`);
  }
  // A node budget that runs out is a result with its bound, not an error.
  const tight = c.plan(record, { nodeBudget: 1 });
  assert.ok(tight.lowerBoundHours <= tight.totalHours);
  // A record's values never reach an error: a name in an unknown field.
  try {
    c.status({ ...record, nomDeFamille: 'Jeanne Secrète' });
  } catch (e) {
    assert.ok(!JSON.stringify({ m: e.message, d: e.diagnostics }).includes('Secrète'));
  }
});

test('individual positioning writes a new record from the answers', () => {
  const file = path.join(root, 'curricula/transformation-offre/curriculum.json');
  const { curriculum: c } = parcours.loadCurriculum(readFileSync(file, 'utf8'));
  const instrument = readFileSync(path.join(root, 'curricula/positioning/instrument.json'), 'utf8');
  const answers = readFileSync(path.join(root, 'curricula/positioning/etablissement-2026.csv'));
  const learner = 'curricula/transformation-offre/learners/chef-de-service-ime.json';
  const record = readFileSync(path.join(root, learner), 'utf8');
  const out = c.position(instrument, new Uint8Array(answers), 'P020', record);
  assert.ok(out.summary.evidenceAdded > 0);
  assert.equal(c.status(out.record).learner, c.status(out.recordText).learner);
  // The same record the command line writes.
  const tmp = path.join(root, 'target', `position-${process.pid}.json`);
  cli(['position', '--instrument', 'curricula/positioning/instrument.json', '--answers', 'curricula/positioning/etablissement-2026.csv',
    '--respondent', 'P020', '--learner', learner, '--out', tmp]);
  assert.equal(out.recordText, readFileSync(tmp, 'utf8'));
});
