// Why this test exists: what a host installs is the tarball, not this folder. A
// file missing from `files` in package.json (the .wasm, a .d.ts), an `exports`
// entry that points nowhere or a path that works only inside the repository
// would pass every other test and break every user. So: `npm pack` (after
// build.sh), `npm install` of the tarball, offline, into an empty project; the
// README's ten-line example, taken from README.md, runs there with Node on a
// bundled curriculum and profile and must print what the command line says; and
// it type-checks against the installed types. The tarball's sizes are printed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { here, readmeExample, typecheck, MISUSES } from '../tools/example.mjs';

const root = path.resolve(here, '../..');
const bin = process.env.PARCOURS ? path.resolve(root, process.env.PARCOURS) : path.join(root, 'target/release/parcours');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const CURRICULUM = 'curricula/design-thinking-aidance/curriculum.json';
const LEARNER = 'curricula/design-thinking-aidance/learners/aide-soignante-debutante.json';

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
}

test('npm pack gives a tarball that installs offline into an empty project, runs the README example and type-checks', (t) => {
  assert.ok(existsSync(path.join(here, 'pkg/parcours_wasm_bg.wasm')), 'bindings/js/pkg is missing: run `bash bindings/js/build.sh` first');
  const work = mkdtempSync(path.join(tmpdir(), 'parcours-pack-'));
  try {
    // The tarball, and what it holds.
    const [packed] = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', work], here));
    const inside = packed.files.map((f) => f.path).sort();
    for (const f of ['README.md', 'component.d.ts', 'component.js', 'index.d.ts', 'index.js', 'package.json',
      'pkg/parcours_wasm.js', 'pkg/parcours_wasm_bg.wasm', 'types.d.ts']) {
      assert.ok(inside.includes(f), `the tarball lacks ${f} (package.json "files"): ${inside.join(', ')}`);
    }
    assert.ok(!inside.some((f) => f.startsWith('test/') || f.startsWith('tools/') || f.startsWith('demo/') || f.startsWith('node_modules/')), inside.join(', '));
    const sizes = `tarball ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} bytes unpacked, ${packed.entryCount} files`;
    t.diagnostic(sizes);
    console.log(sizes);

    // An empty project, the tarball installed without the network (no runtime dependency).
    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'essai-parcours', private: true, type: 'module' }, null, 2));
    run(npm, ['install', '--offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], app);
    assert.deepEqual(readdirSync(path.join(app, 'node_modules')).filter((d) => !d.startsWith('.')), ['parcours']);

    // The README's example, as a reader copies it, beside the files it reads.
    copyFileSync(path.join(root, CURRICULUM), path.join(app, 'curriculum.json'));
    copyFileSync(path.join(root, LEARNER), path.join(app, 'apprenant.json'));
    const example = readmeExample();
    writeFileSync(path.join(app, 'example.mjs'), example);
    const printed = run(process.execPath, ['example.mjs'], app);

    // What the command line says for the same inputs.
    const on = ['--curriculum', CURRICULUM, '--learner', LEARNER, '--format', 'json'];
    const recommended = JSON.parse(run(bin, ['recommend', ...on, '--top', '3'], root)).recommendations[0]?.module;
    const plan = JSON.parse(run(bin, ['plan', ...on, '--hours-per-week', '7'], root));
    assert.ok(typeof recommended === 'string' && plan.totalHours > 0, 'the profile has a next step and a plan');
    assert.equal(printed, `${recommended} ${plan.totalHours}\n`);

    // And its types, from the installed package.
    writeFileSync(path.join(app, 'example.ts'), example);
    writeFileSync(path.join(app, 'misuse.ts'), example + MISUSES);
    const r = typecheck(app, ['example.ts', 'misuse.ts']);
    assert.equal(r.status, 0, r.output);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
