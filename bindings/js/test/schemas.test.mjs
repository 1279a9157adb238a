// Why this test exists: the output schemas under curricula/schema/ (status,
// recommend, why-not, plan, progress, diagnostics, position-summary) are generated from the Rust
// types, and the package's TypeScript types are generated from them. Nothing
// else checks that they describe what the engine really writes: a
// `#[serde(flatten)]`, a field skipped when empty or a hand-written `Serialize`
// could make a schema (and so a type) say one thing and the JSON another.
//
// So every bundled curriculum × learner profile goes through the command line
// (`--format json`: status, status --all, recommend, why-not for a module in each
// state, plan with weeks, plan whose node budget runs out, progress, in both
// languages where words differ), and so do the explanation fixtures (unreachable
// goals) and generated curricula where the plan's budget runs out (the LP
// relaxation's bound, a gap); every answer is validated against its
// schema by ajv in strict mode, every object being closed
// (`additionalProperties: false`): a field the schema forgot fails here. The
// diagnostics schema is checked on `validate --format json` over every invalid
// fixture, so each code met is one the schema lists; a positioning's summary,
// which the command line prints as a sentence, through this package.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Ajv from 'ajv';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = process.env.PARCOURS ? path.resolve(root, process.env.PARCOURS) : path.join(root, 'target/release/parcours');

/** The command line's answer; exit 1 is `validate`'s « errors found », not a failure. */
function cli(args, { allowExit1 = false } = {}) {
  try {
    return execFileSync(bin, args, { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  } catch (e) {
    if (allowExit1 && e.status === 1 && typeof e.stdout === 'string') return e.stdout;
    throw e;
  }
}

// The integer and number formats schemars writes, checked for what they say
// (strict mode refuses a format it does not know).
const ajv = new Ajv({ strict: true, allErrors: true });
const integer = (min, max) => ({ type: 'number', validate: (n) => Number.isInteger(n) && n >= min && n <= max });
ajv.addFormat('uint', integer(0, Number.MAX_SAFE_INTEGER));
ajv.addFormat('uint32', integer(0, 2 ** 32 - 1));
ajv.addFormat('uint64', integer(0, Number.MAX_SAFE_INTEGER));
ajv.addFormat('int32', integer(-(2 ** 31), 2 ** 31 - 1));
ajv.addFormat('int64', integer(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
ajv.addFormat('double', { type: 'number', validate: Number.isFinite });
ajv.addFormat('date', (s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
});

const schemaDir = path.join(root, 'curricula/schema');
const validators = Object.fromEntries(
  ['status', 'recommend', 'why-not', 'plan', 'progress', 'diagnostics', 'position-summary'].map((name) => {
    const schema = JSON.parse(readFileSync(path.join(schemaDir, `${name}.schema.json`), 'utf8'));
    return [name, ajv.compile(schema)];
  }),
);

/** Fails with every place the JSON and its schema disagree. */
function check(name, text, what) {
  const value = JSON.parse(text);
  const validate = validators[name];
  if (!validate(value)) {
    const problems = validate.errors.slice(0, 10).map((e) => `  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    assert.fail(`${what}: the JSON does not match curricula/schema/${name}.schema.json (regenerate it with UPDATE=1 cargo test -p parcours --features schema --test schemas, or fix the type)\n${problems.join('\n')}`);
  }
  return value;
}

test('every output schema is closed: each object lists its properties and refuses others', () => {
  for (const name of Object.keys(validators)) {
    const schema = JSON.parse(readFileSync(path.join(schemaDir, `${name}.schema.json`), 'utf8'));
    const open = [];
    // The variants of a flattened enum (an object's `oneOf`/`anyOf`) stay open:
    // draft-07 checks `additionalProperties` against its own schema only. The
    // object they vary is closed instead, and lists every variant's properties.
    const variantProperties = (node) => [
      ...Object.keys(node?.properties ?? {}),
      ...['oneOf', 'anyOf'].flatMap((k) => (node?.[k] ?? []).flatMap(variantProperties)),
    ];
    const walk = (node, at, variant = false) => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`, variant));
      else if (node && typeof node === 'object') {
        if (node.properties && !variant && node.additionalProperties !== false) open.push(at || '/');
        for (const [k, v] of Object.entries(node)) {
          const varies = (k === 'oneOf' || k === 'anyOf') && (node.properties || variant);
          if (varies && node.properties) {
            for (const p of v.flatMap(variantProperties)) {
              if (!(p in node.properties)) open.push(`${at}/properties/${p} (a variant's, not listed)`);
            }
          }
          walk(v, `${at}/${k}`, varies);
        }
      }
    };
    walk(schema, '');
    assert.deepEqual(open, [], `${name}.schema.json: open objects`);
    assert.equal(typeof schema.title, 'string', `${name}: title`);
    assert.equal(typeof schema.description, 'string', `${name}: description`);
  }
});

const curricula = readdirSync(path.join(root, 'curricula'))
  .filter((d) => existsSync(path.join(root, 'curricula', d, 'learners')))
  .sort();

test('there are bundled profiles to check', () => {
  assert.ok(curricula.length >= 4, curricula.join(', '));
});

for (const dir of curricula) {
  const file = path.join('curricula', dir, 'curriculum.json');
  const learners = readdirSync(path.join(root, 'curricula', dir, 'learners')).filter((f) => f.endsWith('.json')).sort();
  for (const name of learners) {
    test(`${dir}/${name}: status, recommend, why-not, plan and progress match their schemas`, () => {
      const on = ['--curriculum', file, '--learner', path.join('curricula', dir, 'learners', name), '--format', 'json'];
      const status = check('status', cli(['status', ...on]), 'status');
      check('status', cli(['status', ...on, '--all', '--lang', 'en']), 'status --all --lang en');
      check('recommend', cli(['recommend', ...on, '--top', '50']), 'recommend');
      // One module in each state: a lock with what unlocks it, a rank, a completion…
      const byState = new Map();
      for (const m of status.modules) if (!byState.has(m.state)) byState.set(m.state, m.module);
      for (const [state, module] of byState) {
        check('why-not', cli(['recommend', ...on, '--why', module]), `why-not ${module} (${state})`);
      }
      check('plan', cli(['plan', ...on, '--hours-per-week', '7']), 'plan');
      check('plan', cli(['plan', ...on, '--node-budget', '3', '--lang', 'en']), 'plan, budget out');
      check('progress', cli(['progress', ...on]), 'progress');
      check('progress', cli(['progress', ...on, '--lang', 'en']), 'progress --lang en');
    });
  }
}

/** Status, recommend, plan (with weeks, and with a tight node budget) and progress of one pair. */
function checkAll(curriculum, learner, budget = 3) {
  const on = ['--curriculum', curriculum, '--learner', learner, '--format', 'json'];
  check('status', cli(['status', ...on]), 'status');
  check('recommend', cli(['recommend', ...on, '--top', '50']), 'recommend');
  check('progress', cli(['progress', ...on]), 'progress');
  check('plan', cli(['plan', ...on, '--hours-per-week', '7']), 'plan');
  return check('plan', cli(['plan', ...on, '--node-budget', String(budget)]), `plan, budget ${budget}`);
}

test('the explanation fixtures (unreachable goals, audiences, expressions) match the schemas', () => {
  const dir = 'tests/fixtures/explain';
  const pairs = [
    ['accueil.json', 'famille.json'], ['accueil.json', 'non-suivi.json'], ['accueil.json', 'professionnelle.json'],
    ['accueil.json', 'professionnelle-objectif.json'], ['accueil-expression.json', 'famille-expression.json'],
    ['accueil-expression.json', 'professionnelle-expression.json'],
  ];
  const statuses = new Set();
  for (const [c, l] of pairs) statuses.add(checkAll(path.join(dir, c), path.join(dir, l)).status);
  assert.ok(statuses.has('unreachable'), [...statuses].join(', '));
});

test('generated curricula whose plan runs out of budget (LP relaxation, gap, obstacles) match the plan schema', () => {
  // bench/plan.py's generator (the one the optimiser is checked with against
  // CBC), seeded: these three give a bound from the relaxation's branch and
  // bound, a feasible plan with a gap, and an unreachable goal.
  const work = mkdtempSync(path.join(tmpdir(), 'parcours-generated-'));
  try {
    const cases = [[1, 400, 2], [8, 250, 2], [5, 250, 2]];
    const script = `
import json, sys
sys.path.insert(0, 'bench')
import plan
for seed, n in ${JSON.stringify(cases.map(([s, n]) => [s, n]))}:
    cur = plan.curriculum(seed, n)
    for doc, name in ((cur, 'curriculum'), (plan.learner(seed, cur), 'learner')):
        with open(f'${work}/{name}-{seed}.json', 'w') as f:
            json.dump(doc, f)
`;
    execFileSync('python3', ['-c', script], { cwd: root, timeout: 120_000 });
    const seen = { relaxationNodes: false, gap: false, obstacles: false };
    for (const [seed, , budget] of cases) {
      const plan = checkAll(path.join(work, `curriculum-${seed}.json`), path.join(work, `learner-${seed}.json`), budget);
      seen.relaxationNodes ||= plan.search.relaxationNodes !== undefined;
      seen.gap ||= plan.status === 'feasible' && typeof plan.gap === 'number';
      seen.obstacles ||= plan.status === 'unreachable' && plan.obstacles.length > 0;
    }
    assert.deepEqual(seen, { relaxationNodes: true, gap: true, obstacles: true }, 'the generated cases no longer cover what they are here for: pick other seeds');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("an individual positioning's summary matches its schema (from the package: the command line prints a sentence)", async () => {
  const parcours = await import('../index.js');
  await parcours.init();
  const curriculum = readFileSync(path.join(root, 'curricula/transformation-offre/curriculum.json'), 'utf8');
  const { curriculum: c } = parcours.loadCurriculum(curriculum);
  const instrument = readFileSync(path.join(root, 'curricula/positioning/instrument.json'), 'utf8');
  const record = readFileSync(path.join(root, 'curricula/transformation-offre/learners/chef-de-service-ime.json'), 'utf8');
  const sources = new Set();
  for (const [file, options] of [['etablissement-2026.csv', {}], ['etablissement-2026.csv', { date: '2026-03-02' }]]) {
    const answers = new Uint8Array(readFileSync(path.join(root, 'curricula/positioning', file)));
    const { summary } = c.position(instrument, answers, 'P020', record, options);
    sources.add(check('position-summary', JSON.stringify(summary), `position ${file}`).dateSource);
  }
  assert.deepEqual([...sources].sort(), ['answers', 'given']);
});

test('the diagnostics of every invalid fixture match the diagnostics schema', () => {
  const dir = path.join('tests/fixtures/curricula/invalid');
  const files = readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
  assert.ok(files.length > 50, `${files.length} fixtures`);
  const reports = JSON.parse(cli(['validate', '--format', 'json', ...files], { allowExit1: true }));
  assert.equal(reports.length, files.length);
  const codes = new Set();
  for (const { file, diagnostics } of reports) {
    assert.ok(diagnostics.length > 0, `${file}: no diagnostic`);
    check('diagnostics', JSON.stringify(diagnostics), file);
    for (const d of diagnostics) codes.add(d.code);
  }
  // Many codes met, each one the schema lists (ajv checked the enumeration).
  assert.ok(codes.size > 40, `${codes.size} codes`);
});
