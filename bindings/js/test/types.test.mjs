// Why this test exists: the package's `.d.ts` files are generated (the data types
// from the committed JSON Schemas by json-schema-to-typescript, the API from the
// JSDoc of index.js and component.js by tsc), committed, and shipped. This test
// regenerates them into a temporary folder and fails when the committed ones
// differ (UPDATE=1 rewrites them, as `npm run types` does). Then it type-checks
// the README's ten-line example, taken from README.md, with `tsc --noEmit
// --strict` against the package's types, with misuses that must be errors, and a
// small browser page that uses the component.
//
// It needs no WebAssembly build: types never name the glue.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, mkdirSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate, OUTPUTS } from '../tools/types.mjs';
import { here, readmeExample, typecheck, MISUSES } from '../tools/example.mjs';

const updating = process.env.UPDATE === '1';

test('the committed .d.ts files are what `npm run types` makes from the schemas and the JSDoc', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'parcours-types-'));
  try {
    await generate(out);
    const stale = [];
    for (const file of OUTPUTS) {
      const made = readFileSync(path.join(out, file), 'utf8');
      const committed = path.join(here, file);
      if (!existsSync(committed) || readFileSync(committed, 'utf8') !== made) {
        if (updating) copyFileSync(path.join(out, file), committed);
        else stale.push(file);
      }
    }
    assert.deepEqual(stale, [], `bindings/js/${stale.join(', ')} differ from what the schemas and the JSDoc make: run \`npm run types\` in bindings/js (or UPDATE=1 npm test) and commit the result`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the generated types are real: no `any`, every answer typed, every option checked', () => {
  const index = readFileSync(path.join(here, 'index.d.ts'), 'utf8');
  const types = readFileSync(path.join(here, 'types.d.ts'), 'utf8');
  // Declarations without their comments (which say « if any » in English).
  const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  for (const [file, text] of [['index.d.ts', index], ['types.d.ts', types], ['component.d.ts', readFileSync(path.join(here, 'component.d.ts'), 'utf8')]]) {
    assert.doesNotMatch(code(text), /\bany\b/, `${file} says any`);
  }
  for (const name of ['Status', 'Recommendations', 'WhyNot', 'Plan', 'Progress', 'LearnerRecord', 'CurriculumDocument', 'Diagnostic']) {
    assert.match(index, new RegExp(`export type ${name} = import\\("./types.js"\\)\\.`), `index.d.ts exports ${name}`);
  }
  for (const name of ['Curriculum', 'LearnerRecord', 'Status', 'Recommendations', 'WhyNot', 'Plan', 'Progress', 'DiagnosticOutput', 'ModuleState', 'Code']) {
    assert.match(types, new RegExp(`export (interface|type) ${name}\\b`), `types.d.ts declares ${name}`);
  }
  // Descriptions come from the Rust doc comments, through the schemas.
  assert.match(types, /Where the learner stands\./);
});

/** A temporary project where `parcours` is this folder, as if installed. */
function project() {
  const dir = mkdtempSync(path.join(tmpdir(), 'parcours-consumer-'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(here, path.join(dir, 'node_modules/parcours'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  return dir;
}

test("the README's example type-checks with --strict, and each misuse is an error", () => {
  const dir = project();
  try {
    const example = readmeExample();
    assert.ok(example.split('\n').filter((l) => l.trim()).length <= 10, example);
    writeFileSync(path.join(dir, 'example.ts'), example);
    let r = typecheck(dir, ['example.ts']);
    assert.equal(r.status, 0, `the README's example does not type-check:\n${r.output}`);

    writeFileSync(path.join(dir, 'misuse.ts'), example + MISUSES);
    r = typecheck(dir, ['misuse.ts']);
    assert.equal(r.status, 0, `a misuse is not an error (TS2578: unused @ts-expect-error) or something else fails:\n${r.output}`);

    // Without the directives, tsc names each misuse: the check above is not vacuous.
    writeFileSync(path.join(dir, 'misuse.ts'), example + MISUSES.replaceAll('// @ts-expect-error', '// was expected to fail:'));
    r = typecheck(dir, ['misuse.ts']);
    assert.notEqual(r.status, 0);
    const errors = r.output.split('\n').filter((l) => /error TS\d+/.test(l));
    assert.equal(errors.length, (MISUSES.match(/@ts-expect-error/g) ?? []).length, r.output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a browser page using <parcours-path> type-checks with the DOM types', () => {
  const dir = project();
  try {
    writeFileSync(path.join(dir, 'page.ts'), `
import { ParcoursPath } from 'parcours/component.js';
import type { LearnerRecord } from 'parcours';
import type { ModuleStatus } from 'parcours/types';

// The tag is registered: no cast.
const element: ParcoursPath = document.querySelector('parcours-path')!;
const made: ParcoursPath = document.createElement('parcours-path');
const record: LearnerRecord = {
  formatVersion: 1, id: 'p-001', audience: 'professionnels',
  curriculum: { id: 'design-thinking-aidance', version: '1.0.0' }, now: '2026-12-01',
};
element.record = record;
element.lang = 'en';
element.hoursPerWeek = 7;
element.addEventListener('parcours-done', (e) => console.log((e as CustomEvent<{ module: string }>).detail.module));
await element.rendered;
const states: ModuleStatus['state'][] = ['locked', 'available'];
// @ts-expect-error the element speaks French or English
element.lang = 'de';
// @ts-expect-error a record has an audience
const incomplete: LearnerRecord = { formatVersion: 1, id: 'x', curriculum: { id: 'c', version: '1' }, now: '2026-12-01' };
console.log(states, incomplete, made, ParcoursPath.observedAttributes);
`);
    const r = typecheck(dir, ['page.ts'], { dom: true });
    assert.equal(r.status, 0, r.output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
