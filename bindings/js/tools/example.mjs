// What the package's tests share about its README: the ten-line example, taken
// from README.md itself (so the test runs what a reader copies, and the two
// cannot drift), and a type-check of TypeScript files with the pinned tsc.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Node example of README.md: the first ```js block after the heading
 * « ## Example » that imports the package.
 */
export function readmeExample() {
  const readme = readFileSync(path.join(here, 'README.md'), 'utf8');
  const from = readme.indexOf('\n## Example');
  if (from < 0) throw new Error('README.md: no « ## Example » heading');
  const blocks = [...readme.slice(from).matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  const example = blocks.find((b) => b.includes("from 'parcours'"));
  if (!example) throw new Error('README.md: no ```js block importing \'parcours\' after « ## Example »');
  return example;
}

/**
 * Type-checks `files` in `dir` with `tsc --noEmit --strict`, as a Node 20 project
 * (ES modules, `@types/node`) or, with `dom`, a browser one. The package's own
 * declarations are checked too (no `skipLibCheck`). Returns tsc's exit status
 * and output.
 */
export function typecheck(dir, files, { dom = false } = {}) {
  const tsc = path.join(here, 'node_modules/typescript/bin/tsc');
  const args = [tsc, '--noEmit', '--strict',
    '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--lib', dom ? 'es2022,dom' : 'es2022',
    '--typeRoots', path.join(here, 'node_modules/@types'), '--types', 'node',
    '--pretty', 'false',
    ...files];
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/**
 * Misuses a reader could write after the README's example, each of which the
 * types must refuse (`// @ts-expect-error` fails the check when a line is
 * accepted, so a type that had become `any` is caught).
 */
export const MISUSES = `
// @ts-expect-error hoursPerWeek is a number of hours, not text
loaded.curriculum.plan(record, { hoursPerWeek: '7' });
// @ts-expect-error a plan's length is totalHours
console.log(plan.hours);
// @ts-expect-error a recommendation's state is one of the engine's words
const state: 'done' = recommendations[0]!.state;
// @ts-expect-error the curriculum is there only once ok is checked
loadCurriculum('{}').curriculum.status(record);
`;
