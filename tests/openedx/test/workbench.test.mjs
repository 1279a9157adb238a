// ParcoursXBlock in the xblock-sdk workbench, in headless Chromium.
//
// The test starts the workbench (Django's runserver from the venv of
// target/openedx-venv, `PARCOURS_VENV` for another) on 127.0.0.1 at a free port,
// with a fresh database in a temporary folder, and stops it at the end. Then:
// - Studio: the author saves a curriculum; the learner's view draws it;
// - the learner marks the recommended module done: the server stores the
//   record and publishes the grade the engine computed (the workbench's event
//   log), equal to the command line's progress on the stored record;
// - a reload brings the record back from the server (the module is « suivi »);
// - a bad curriculum in Studio: every error listed with line:column and pointer,
//   French first; after a reload the previous curriculum is still there, and
//   the learner's view unchanged;
// - a new version of the curriculum (the module done renamed, `replaces` its old
//   id): the stored record still counts, and the learner goes on;
// - no request leaves 127.0.0.1, none fails; no page error, no console error;
//   the workbench is stopped (its process group) and its folder removed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const venv = path.resolve(root, process.env.PARCOURS_VENV ?? 'target/openedx-venv');
const bin = process.env.PARCOURS ? path.resolve(root, process.env.PARCOURS) : path.join(root, 'target/release/parcours');
const CURRICULUM = path.join(root, 'curricula/design-thinking-aidance/curriculum.json');
const BAD = path.join(root, 'tests/fixtures/curricula/invalid/combo-every-problem-at-once.json');
const SCENARIO = 'parcours.0';
// Screenshots the README shows (target/ only: copying them is a person's choice).
const shots = path.join(root, 'target/openedx');
mkdirSync(shots, { recursive: true });

let dir;
let server;
let origin;
let browser;
const requests = [];
const pageErrors = [];
const failures = [];

/** A port the system gives on 127.0.0.1 (closed again, then handed to runserver). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`the workbench did not answer at ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  assert.ok(existsSync(path.join(venv, 'bin/python')), `${venv} is missing: bash tests/run-all.sh sets it up`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'parcours-workbench-'));
  const env = {
    ...process.env,
    DJANGO_SETTINGS_MODULE: 'workbench_settings',
    PYTHONPATH: path.resolve(here, '..'),
    PARCOURS_WORKBENCH_DIR: dir,
  };
  const django = path.join(venv, 'bin/django-admin');
  execFileSync(django, ['migrate', '--noinput', '--run-syncdb'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(django, ['runserver', `127.0.0.1:${port}`, '--noreload', '--nothreading'], {
    cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true,
  });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  server.on('exit', (code) => { if (code) failures.push(`workbench exited ${code}: ${log.slice(-2000)}`); });
  try {
    await waitFor(`${origin}/`, 60_000);
  } catch (e) {
    throw new Error(`${e.message}\n${log.slice(-3000)}`);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    process.kill(-server.pid, 'SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(u));
  assert.deepEqual(outside, [], 'no request leaves 127.0.0.1');
  assert.deepEqual(pageErrors, [], 'no page error, no console error');
  assert.deepEqual(failures, [], 'no failed request, the workbench up to the end');
});

async function newPage() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    // The workbench's own page declares no icon, so Chromium asks /favicon.ico
    // and the workbench answers 404: not a request of the block.
    if (m.type() === 'error' && m.location().url !== `${origin}/favicon.ico`) pageErrors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`); });
  return page;
}

/** The Studio view: saves `curriculum` (text) with `audience`; what it answered, in the page. */
async function studioSave(page, curriculum, audience = 'professionnels') {
  await page.goto(`${origin}/scenario/${SCENARIO}/studio_view/`);
  await page.waitForSelector('.parcours-studio textarea[name=curriculum]');
  const before = await page.evaluate(() => Number(document.querySelector('.parcours-studio').closest('[data-saved]')?.dataset.saved ?? 0));
  await page.evaluate(([text, aud]) => {
    document.querySelector('textarea[name=curriculum]').value = text;
    document.querySelector('input[name=audience]').value = aud;
  }, [curriculum, audience]);
  await page.click('.parcours-studio .save-button');
  await page.waitForFunction((n) => Number(document.querySelector('.parcours-studio').closest('[data-saved]')?.dataset.saved ?? 0) > n, before, { timeout: 30_000 });
  return page.evaluate(() => ({
    status: document.querySelector('.parcours-studio-status').textContent,
    diagnostics: [...document.querySelectorAll('.parcours-diagnostics li')].map((li) => ({
      code: li.dataset.code, fr: li.querySelector('p').textContent, en: li.querySelector('p[lang=en]').textContent,
    })),
  }));
}

/** The learner's view, drawn. */
async function student(page) {
  await page.goto(`${origin}/scenario/${SCENARIO}/`);
  await page.waitForFunction(() => document.querySelector('.parcours-xblock')?.dataset.ready === 'true', null, { timeout: 60_000 });
}

function recommended(page) {
  return page.evaluate(async () => {
    const el = document.querySelector('parcours-path');
    await el.rendered;
    return el.shadowRoot.querySelector('.next p[data-module]')?.dataset.module || null;
  });
}

function labels(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelector('parcours-path').shadowRoot
    .querySelectorAll('g[data-module]')].map((g) => [g.dataset.module, g.getAttribute('aria-label')])));
}

/** Marks `module` done in the element; the handler's answer. */
async function markDone(page, module) {
  const answer = page.waitForResponse((r) => r.url().includes('/mark_done'), { timeout: 30_000 });
  const before = await page.evaluate(() => Number(document.querySelector('.parcours-xblock').dataset.saves ?? 0));
  await page.evaluate(async (m) => {
    const el = document.querySelector('parcours-path');
    await el.rendered;
    const g = [...el.shadowRoot.querySelectorAll('g[data-module]')].find((x) => x.dataset.module === m);
    g.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    el.shadowRoot.querySelector('.panel button.done').click();
  }, module);
  const json = await (await answer).json();
  await page.waitForFunction((n) => Number(document.querySelector('.parcours-xblock').dataset.saves ?? 0) > n, before, { timeout: 30_000 });
  await page.evaluate(() => document.querySelector('parcours-path').rendered);
  return json;
}

function cliProgress(curriculumFile, record) {
  const file = path.join(dir, 'record.json');
  writeFileSync(file, JSON.stringify(record));
  return JSON.parse(execFileSync(bin, ['progress', '--curriculum', curriculumFile, '--learner', file, '--format', 'json'], { encoding: 'utf8' }));
}

function events() {
  const file = path.join(dir, 'events.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

const doc = JSON.parse(readFileSync(CURRICULUM, 'utf8'));
const titleOf = (id) => doc.modules.find((m) => m.id === id).title.fr;
let done;

test('Studio: the author saves a curriculum, the learner sees it drawn', async () => {
  const page = await newPage();
  const saved = await studioSave(page, readFileSync(CURRICULUM, 'utf8'));
  assert.equal(saved.status, 'Cursus enregistré. [en] Curriculum saved.');
  assert.deepEqual(saved.diagnostics, []);
  await student(page);
  assert.equal(await page.textContent('.parcours-title'), doc.title.fr);
  const drawn = await labels(page);
  assert.equal(Object.keys(drawn).length, doc.modules.length);
  // The runtime came from the block's own resources.
  assert.ok(requests.some((u) => u.startsWith(`${origin}/resource/parcours/public/runtime/pkg/parcours_wasm_bg.wasm`)));
  await page.close();
});

test('the learner marks a module done: stored on the server, graded by the engine, there after a reload', async () => {
  const page = await newPage();
  await student(page);
  done = await recommended(page);
  assert.ok(done, 'a module is recommended');
  const answer = await markDone(page, done);
  assert.equal(answer.ok, true, JSON.stringify(answer));
  const status = await page.textContent('.parcours-status');
  assert.ok(status.startsWith(`« ${titleOf(done)} » est noté comme fait ; votre progression (`), status);
  assert.ok(status.includes('[en] "'), status);
  // The grade: the engine's, on the server; the same figure as the command line.
  const progress = cliProgress(CURRICULUM, answer.record);
  const grade = Math.round((progress.completion.percentage / 100) * 10000) / 10000;
  assert.ok(grade > 0);
  assert.deepEqual(answer.grade, { value: grade, max_value: 1 });
  assert.match(events(), new RegExp(`XBlock event grade for parcours[^\\n]*\\n[^\\n]*'value': ${grade}, 'max_value': 1\\.0`));
  // Reload: the record comes back from the server; the drawing says « suivi ».
  await page.reload();
  await page.waitForFunction(() => document.querySelector('.parcours-xblock')?.dataset.ready === 'true', null, { timeout: 60_000 });
  const record = await page.evaluate(() => document.querySelector('parcours-path').record);
  assert.deepEqual(record.completed.map((c) => c.module), [done]);
  assert.match((await labels(page))[done], /suivi/);
  // What the README shows: the learner's view after the reload.
  await page.screenshot({ path: path.join(shots, 'openedx-student.png'), fullPage: true });
  await page.close();
});

test('Studio: a bad curriculum shows every error, French first, and keeps the previous one', async () => {
  const page = await newPage();
  const good = readFileSync(CURRICULUM, 'utf8');
  const refused = await studioSave(page, readFileSync(BAD, 'utf8'));
  assert.ok(refused.status.startsWith('Le cursus n’est pas enregistré : 4 erreurs à corriger'), refused.status);
  assert.ok(refused.status.includes('[en] The curriculum is not saved'), refused.status);
  const codes = refused.diagnostics.map((d) => d.code);
  for (const code of ['type', 'cycle', 'unknown-audience', 'level-out-of-scale']) assert.ok(codes.includes(code), codes.join());
  await page.screenshot({ path: path.join(shots, 'openedx-studio-errors.png'), fullPage: true });
  const typed = refused.diagnostics.find((d) => d.code === 'type');
  assert.ok(typed.fr.startsWith('erreur[type] ligne 43, colonne 24 (/modules/1/durationHours) : type incorrect'), typed.fr);
  assert.ok(typed.en.startsWith('[en] error[type] line 43, column 24 (/modules/1/durationHours): '), typed.en);
  // Reloaded, Studio still holds the previous curriculum; the learner's view is unchanged.
  await page.goto(`${origin}/scenario/${SCENARIO}/studio_view/`);
  assert.equal(await page.inputValue('textarea[name=curriculum]'), good);
  await student(page);
  assert.equal(await page.textContent('.parcours-title'), doc.title.fr);
  assert.match((await labels(page))[done], /suivi/);
  await page.close();
});

test('a new curriculum version (a module renamed, `replaces` its old id) keeps the stored record', async () => {
  const page = await newPage();
  const renamed = `${done}-v2`;
  const swap = (v) => (Array.isArray(v) ? v.map(swap) : v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)])) : v === done ? renamed : v);
  const v2 = swap(structuredClone(doc));
  v2.version = `${doc.version}-v2`;
  const module = v2.modules.find((m) => m.id === renamed);
  module.replaces = [...(module.replaces ?? []), done];
  const v2File = path.join(dir, 'curriculum-v2.json');
  writeFileSync(v2File, JSON.stringify(v2, null, 2));
  const saved = await studioSave(page, JSON.stringify(v2, null, 2));
  assert.equal(saved.status, 'Cursus enregistré. [en] Curriculum saved.');
  await student(page);
  const record = await page.evaluate(() => document.querySelector('parcours-path').record);
  assert.deepEqual(record.completed.map((c) => c.module), [done], 'the record is as stored');
  const drawn = await labels(page);
  assert.equal(drawn[done], undefined, 'the old id is gone from the drawing');
  assert.match(drawn[renamed], /suivi/, 'the renamed module counts as done');
  assert.equal(await page.$('.parcours-alert'), null);
  // And the learner goes on under version 2, graded on it.
  const next = await recommended(page);
  const answer = await markDone(page, next);
  assert.equal(answer.ok, true, JSON.stringify(answer));
  assert.deepEqual(answer.record.completed.map((c) => c.module), [done, next]);
  const progress = cliProgress(v2File, answer.record);
  assert.equal(answer.grade.value, Math.round((progress.completion.percentage / 100) * 10000) / 10000);
  await page.close();
});
