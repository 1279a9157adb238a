// The calls the same-bytes tests over generated curricula make, as data, so that
// Node (generated.test.mjs) and Chromium (generated.browser.test.mjs) make the
// very same ones: each has the command line's arguments and the package method
// with its options. `relaxation: true` marks the calls whose plan must run out of
// its node budget and go through the linear-programming relaxation (checked on
// the command line's answer, see `relaxed`).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = process.env.PARCOURS ? path.resolve(root, process.env.PARCOURS) : path.join(root, 'target/release/parcours');

export function cli(args) {
  return execFileSync(bin, args, { cwd: root, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 });
}

/** Whether a plan (the command line's JSON text) went through the relaxation. */
export function relaxed(planJson) {
  const search = JSON.parse(planJson).search ?? {};
  return search.relaxationBoundHours !== undefined;
}

const DIR = 'tests/fixtures/generated';

// [curriculum, learner, [[name, method, options, command-line flags, relaxation]]]
const CASES = [
  ['layered-300', 'layered-300.complete', [
    ['status', 'statusJson', {}, ['status'], false],
    ['recommend', 'recommendJson', { top: 3 }, ['recommend', '--top', '3'], false],
    ['plan', 'planJson', {}, ['plan'], false],
    ['plan, 300 nodes', 'planJson', { nodeBudget: 300 }, ['plan', '--node-budget', '300'], true],
    ['plan, 300 nodes, 7 h a week', 'planJson', { nodeBudget: 300, hoursPerWeek: 7 }, ['plan', '--node-budget', '300', '--hours-per-week', '7'], true],
    ['drawing', 'graphSvg', {}, ['graph'], false],
  ]],
  ['layered-300', 'layered-300.5', [
    ['status', 'statusJson', {}, ['status'], false],
    ['recommend', 'recommendJson', { top: 3 }, ['recommend', '--top', '3'], false],
    ['plan, 300 nodes', 'planJson', { nodeBudget: 300 }, ['plan', '--node-budget', '300'], true],
  ]],
  ['layered-300', 'layered-300.20', [
    ['status', 'statusJson', {}, ['status'], false],
    ['plan (default budget)', 'planJson', {}, ['plan'], true],
  ]],
  ['mixed-60', 'mixed-60.8', [
    ['status', 'statusJson', {}, ['status'], false],
    ['recommend', 'recommendJson', { top: 3 }, ['recommend', '--top', '3'], false],
    ['plan', 'planJson', {}, ['plan'], false],
    ['plan, 2 nodes', 'planJson', { nodeBudget: 2 }, ['plan', '--node-budget', '2'], true],
  ]],
];

/** Every case: files relative to the root, and its calls. */
export function cases() {
  return CASES.map(([cur, learner, calls]) => {
    const curriculum = `${DIR}/${cur}.json`;
    const record = `${DIR}/${learner}.json`;
    return {
      curriculum,
      learner: record,
      calls: calls.map(([name, method, options, flags, relaxation]) => ({
        name,
        method,
        options,
        relaxation,
        args: method === 'graphSvg'
          ? ['graph', curriculum, '--format', 'svg', '--learner', record]
          : [...flags, '--curriculum', curriculum, '--learner', record, '--format', 'json'],
      })),
    };
  });
}

/** The package's answer to `call` (the same code runs in Chromium, as text). */
export function wasmCall(c, record, call) {
  return call.method === 'graphSvg' ? c.graphSvg({ record, ...call.options }) : c[call.method](record, call.options);
}
