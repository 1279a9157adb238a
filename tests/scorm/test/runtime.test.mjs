// Why this test exists: what an LMS keeps of a learner is what the package wrote
// through the SCORM API, and only a real runtime in a real browser says whether
// it works. scorm-again (npm, pinned) plays the LMS in a host page served on
// 127.0.0.1; the package's launch page runs in its iframe, in Debian's Chromium
// (playwright-core, no browser download). Once for SCORM 2004, once for 1.2:
//
// - launch: the API is found in the parent, the session opens, the record is
//   fresh, completion reads incomplete, one objective per competency the engine
//   reports, with the ids, statuses and scores the command line's `progress`
//   gives for the same record (never hard-coded values);
// - two modules are marked done (clicked in the element, « Marquer comme fait »),
//   suspend_data holds them, the scaled score is progress;
// - terminate (the frame unloads: pagehide), relaunch with scorm-again's stored
//   CMI JSON (loadFromJSON): the same modules are done, no objective doubled; then
//   modules until the completion rule is met: completed and passed, score 1;
// - relaunched with a new version of the curriculum (a module renamed, with
//   `replaces`), the stored record still counts;
// - a SetValue that fails ("false", or an exception) shows the polite message,
//   French first, and the page goes on (the next module is marked done, the
//   record still saved);
// - without an LMS the page says so and still draws the path; a stored record
//   that does not read, or that the LMS fails to give back, is never written over;
// - the largest bundled curriculum with every module done: its record's size,
//   raw and encoded, against each suspend_data limit (printed); a record that
//   no longer fits 1.2's 4,096 characters is reported to the learner and to the
//   LMS (cmi.comments) and what was stored is kept;
// - no request leaves 127.0.0.1, none fails; no page error, no console error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../browser.mjs';
import { cli, close, largestCurriculum, makePackage, outDir, readZip, root, serve } from '../lib.mjs';

const executablePath = CHROMIUM;
const TODAY = '2026-12-01';
const LEARNER = 'apprenant-042';
const CURRICULUM = 'curricula/design-thinking-aidance/curriculum.json';
const LARGEST = largestCurriculum();
const LIMITS = { '2004': 64000, '1.2': 4096 };
const doc = JSON.parse(readFileSync(path.join(root, CURRICULUM), 'utf8'));

const packages = new Map();
const sizes = [];
let server;
let origin;
let browser;
const requests = [];
const pageErrors = [];
const consoleErrors = [];

before(async () => {
  for (const edition of ['2004', '1.2']) {
    for (const [key, file] of [['small', CURRICULUM], ['large', LARGEST]]) {
      const zip = makePackage(file, edition, 'fr', `runtime-${key}-${edition}.zip`);
      packages.set(`${key}-${edition}`, readZip(zip));
      sizes.push(`${path.basename(path.dirname(file))} SCORM ${edition}: ${statSync(zip).size} bytes`);
    }
  }
  server = await serve(packages);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  console.log(`package sizes:\n  ${sizes.join('\n  ')}`);
  await browser?.close();
  await close(server);
  const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(u));
  assert.deepEqual(outside, [], 'no request leaves 127.0.0.1');
  assert.deepEqual(pageErrors, [], 'no page error');
  assert.deepEqual(consoleErrors, [], 'no console error, no failed request');
});

async function newPage() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${origin}/lms/host.html`);
  return page;
}

/** Opens the package in the host's frame with `options`; the frame once the session is up. */
async function launch(page, edition, key, options = {}) {
  await page.evaluate(([e, o]) => window.launch(e, o), [edition, {
    learnerId: LEARNER,
    src: `/pkg/${key}-${edition}/index.html?today=${TODAY}`,
    ...options,
  }]);
  const frame = await frameOf(page);
  await frame.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
  return frame;
}

async function frameOf(page) {
  for (let i = 0; i < 200; i++) {
    const f = page.frames().find((x) => x.url().includes('/pkg/'));
    if (f) return f;
    await page.waitForTimeout(50);
  }
  throw new Error('the package frame did not open');
}

/** GetValue through the LMS's own API (scorm-again), from the host page. */
function lmsGet(page, edition, names) {
  return page.evaluate(([e, n]) => n.map((x) => (e === '2004' ? window.api.GetValue(x) : window.api.LMSGetValue(x))), [edition, names]);
}

/** The record the launch page holds (with the id and `now` it set). */
function recordOf(frame) {
  return frame.evaluate(async () => (await window.parcoursScorm).record);
}

/** Marks `module` done in the element (opens it, clicks « Marquer comme fait ») and waits for the save. */
async function markDone(frame, module) {
  const before = await frame.evaluate(() => Number(document.body.dataset.saves ?? 0));
  await frame.evaluate(async (m) => {
    const el = document.getElementById('path');
    await el.rendered;
    const g = [...el.shadowRoot.querySelectorAll('g[data-module]')].find((x) => x.dataset.module === m);
    g.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    el.shadowRoot.querySelector('.panel button.done').click();
  }, module);
  await frame.waitForFunction((n) => Number(document.body.dataset.saves ?? 0) > n, before, { timeout: 30_000 });
  await frame.evaluate(() => document.getElementById('path').rendered);
}

/** The element's recommended module. */
function recommended(frame) {
  return frame.evaluate(async () => {
    const el = document.getElementById('path');
    await el.rendered;
    return el.shadowRoot.querySelector('.next p[data-module]')?.dataset.module || null;
  });
}

/** The command line's progress for `record` against `curriculum`. */
function cliProgress(curriculum, record) {
  const file = path.join(outDir, 'runtime-record.json');
  writeFileSync(file, JSON.stringify(record));
  return JSON.parse(cli(['progress', '--curriculum', curriculum, '--learner', file, '--format', 'json']));
}

/** What the LMS should hold for `progress`, as the adapter maps it (scaled from the engine's figures). */
function expected(progress) {
  const met = progress.completion.met;
  const scaled = met ? 1 : Math.min(Math.round(progress.completion.percentage * 100) / 10000, 0.9999);
  const objectives = progress.levels.map((l) => {
    const s = l.acquired ? 1 : l.after === null || l.after === undefined ? 0 : l.target > 0 ? Math.min(l.after / l.target, 1) : 1;
    const state = l.acquired ? 'acquired' : l.after === null || l.after === undefined ? 'none' : 'progress';
    return { id: l.competency, scaled: Math.round(s * 10000) / 10000, state };
  });
  return { met, scaled, objectives };
}

const STATUS_2004 = { acquired: ['completed', 'passed'], progress: ['incomplete', 'unknown'], none: ['not attempted', 'unknown'] };
const STATUS_12 = { acquired: 'passed', progress: 'incomplete', none: 'not attempted' };

/** Checks the LMS's completion, score and objectives against the command line's progress of `record`. */
async function checkLms(page, edition, curriculum, record) {
  const want = expected(cliProgress(curriculum, record));
  if (edition === '2004') {
    const [completion, success, scaled, count] = await lmsGet(page, edition, ['cmi.completion_status', 'cmi.success_status', 'cmi.score.scaled', 'cmi.objectives._count']);
    assert.equal(completion, want.met ? 'completed' : 'incomplete');
    assert.equal(success, want.met ? 'passed' : 'unknown');
    assert.equal(Number(scaled), want.scaled);
    assert.equal(Number(count), want.objectives.length);
  } else {
    const [status, raw, max, count] = await lmsGet(page, edition, ['cmi.core.lesson_status', 'cmi.core.score.raw', 'cmi.core.score.max', 'cmi.objectives._count']);
    assert.equal(status, want.met ? 'passed' : 'incomplete');
    assert.equal(Number(raw), Math.round(want.scaled * 10000) / 100);
    assert.equal(Number(max), 100);
    assert.equal(Number(count), want.objectives.length);
  }
  // Objectives keep the index they were created at (the LMS cannot renumber
  // them), so each is found by its id; none is doubled.
  const ids = await lmsGet(page, edition, want.objectives.map((_, n) => `cmi.objectives.${n}.id`));
  assert.deepEqual([...ids].sort(), want.objectives.map((o) => o.id).sort(), 'one objective per competency, none doubled');
  for (const o of want.objectives) {
    const p = `cmi.objectives.${ids.indexOf(o.id)}`;
    if (edition === '2004') {
      const [id, completion, success, scaled, description] = await lmsGet(page, edition, [`${p}.id`, `${p}.completion_status`, `${p}.success_status`, `${p}.score.scaled`, `${p}.description`]);
      assert.equal(id, o.id);
      assert.deepEqual([completion, success], STATUS_2004[o.state], `${o.id}`);
      assert.equal(Number(scaled), o.scaled);
      assert.ok(description && description !== o.id, 'the description is the competency label');
    } else {
      const [id, status, raw] = await lmsGet(page, edition, [`${p}.id`, `${p}.status`, `${p}.score.raw`]);
      assert.equal(id, o.id);
      assert.equal(status, STATUS_12[o.state], `${o.id}`);
      assert.equal(Number(raw), Math.round(o.scaled * 100));
    }
  }
  return want;
}

/** What the element recommends next, `take`, `renew` or `retake`. */
function recommendedAction(frame) {
  return frame.evaluate(() => document.getElementById('path').shadowRoot.querySelector('.next p[data-module]')?.dataset.action || null);
}

/**
 * Marks the recommended module done until the rule is met, nothing is
 * recommended, or the next step is a retake (a score the learner cannot mark:
 * a trainer records it).
 */
async function completeOpenModules(page, frame, edition) {
  for (let i = 0; i < 40; i++) {
    const [status] = await lmsGet(page, edition, [edition === '2004' ? 'cmi.completion_status' : 'cmi.core.lesson_status']);
    if (status === 'completed' || status === 'passed') return;
    const m = await recommended(frame);
    if (!m || (await recommendedAction(frame)) === 'retake') return;
    await markDone(frame, m);
  }
}

/** The modules a score gate names, anywhere in the curriculum's prerequisites. */
function gateModules(curriculum) {
  const out = new Set();
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'score' && typeof node.module === 'string') out.add(node.module);
      Object.values(node).forEach(walk);
    }
  };
  walk(curriculum.modules.map((m) => m.requires));
  return out;
}

/** suspend_data decoded in Node (the same two forms the adapter writes). */
function decodeNode(text) {
  if (text.startsWith('j1:')) return JSON.parse(text.slice(3));
  assert.ok(text.startsWith('z1:'), `suspend_data in a known form: ${text.slice(0, 10)}`);
  return JSON.parse(inflateRawSync(Buffer.from(text.slice(3), 'base64')).toString('utf8'));
}

/** Unloads the launch page (pagehide) and waits for Terminate; the LMS's stored CMI JSON. */
async function terminate(page) {
  await page.evaluate(() => window.unload());
  await page.waitForFunction(() => window.terminated === true, null, { timeout: 10_000 });
  const stored = await page.evaluate(() => window.stored());
  return stored.cmi ?? stored;
}

/** The record suspend_data holds, decoded by the package's own decoder. */
function decoded(frame, text) {
  return frame.evaluate(async (t) => (await import('./scorm.js')).decode(t), text);
}

for (const edition of ['2004', '1.2']) {
  test(`SCORM ${edition}: launch, complete, terminate, relaunch with the stored data, complete the rule`, async () => {
    const page = await newPage();
    let frame = await launch(page, edition, 'small');
    // The learner's id fills the record (in memory), the record is fresh.
    let record = await recordOf(frame);
    assert.equal(record.id, LEARNER);
    assert.deepEqual(record.completed ?? [], []);
    assert.equal(record.audience, doc.audiences[0].id, 'a new record has the package\'s audience (by default the first)');
    await checkLms(page, edition, CURRICULUM, record);

    const done = [];
    for (let i = 0; i < 2; i++) {
      const m = await recommended(frame);
      assert.ok(m, 'a module is recommended');
      await markDone(frame, m);
      done.push(m);
    }
    record = await recordOf(frame);
    assert.deepEqual(record.completed.map((c) => c.module), done);
    const [suspend] = await lmsGet(page, edition, ['cmi.suspend_data']);
    const restored = await decoded(frame, suspend);
    assert.deepEqual(restored.completed.map((c) => c.module), done, 'suspend_data holds the record');
    assert.equal(restored.id, undefined, 'the learner id is not copied into suspend_data');
    assert.ok(!suspend.includes(LEARNER) && !suspend.includes('Camille'));
    const want = await checkLms(page, edition, CURRICULUM, record);
    assert.equal(want.met, false);
    assert.ok(want.scaled > 0, 'progress shows in the score');
    assert.ok(want.objectives.length > 0, 'the competencies the modules taught are objectives');

    // Terminate, then relaunch with what the LMS stored.
    const cmi = await terminate(page);
    const calls = await page.evaluate(() => window.calls.map((c) => c[0]));
    assert.ok(calls.includes(edition === '2004' ? 'cmi.exit' : 'cmi.core.exit'));
    frame = await launch(page, edition, 'small', { cmi });
    record = await recordOf(frame);
    assert.deepEqual(record.completed.map((c) => c.module), done, 'the record came back');
    const states = await frame.evaluate(() => Object.fromEntries([...document.getElementById('path').shadowRoot
      .querySelectorAll('g[data-module]')].map((g) => [g.dataset.module, g.getAttribute('aria-label')])));
    for (const m of done) assert.match(states[m], /suivi/, `${m} is drawn as done`);
    await checkLms(page, edition, CURRICULUM, record);
    // What the README shows: the relaunched package in the LMS's frame.
    await page.screenshot({ path: path.join(outDir, `scorm-${edition}-relaunched.png`), fullPage: true });

    // Complete the rule. Marking a module done records no score, so a score gate
    // (every bundled curriculum has one) stays shut: the modules that open go
    // first, then the record comes back from the LMS with the gate's score added
    // (as a trainer's import would bring it), and the rest follows.
    await completeOpenModules(page, frame, edition);
    const scored = gateModules(doc);
    const stored = await terminate(page);
    const withScore = decodeNode(stored.suspend_data);
    withScore.completed = withScore.completed.map((c) => (scored.has(c.module) ? { ...c, score: 80 } : c));
    stored.suspend_data = `j1:${JSON.stringify(withScore)}`;
    frame = await launch(page, edition, 'small', { cmi: stored });
    await completeOpenModules(page, frame, edition);
    record = await recordOf(frame);
    const end = await checkLms(page, edition, CURRICULUM, record);
    assert.equal(end.met, true);
    assert.equal(end.scaled, 1);
    const alert = await frame.evaluate(() => document.getElementById('scorm-alert').hidden);
    assert.equal(alert, true, 'no LMS error shown');
    await terminate(page);
    await page.close();
  });

  test(`SCORM ${edition}: a SetValue that fails is shown politely and the page goes on`, async () => {
    const page = await newPage();
    const mode = edition === '2004' ? 'false' : 'throw';
    const frame = await launch(page, edition, 'small', { failSetValue: { pattern: '^cmi\\.objectives\\.', mode } });
    // Two modules marked done: the objectives are refused, the rest goes in.
    const done = [];
    for (let i = 0; i < 2; i++) {
      const m = await recommended(frame);
      await markDone(frame, m);
      done.push(m);
    }
    const text = await frame.evaluate(() => document.getElementById('scorm-alert').textContent);
    assert.match(text, /^La plateforme n’a pas accepté l’enregistrement de votre progression/);
    assert.match(text, /Votre parcours reste affiché/);
    assert.ok(!/objectives|cmi\./.test(text.split('(')[0]), 'words, not element names, lead');
    const [suspend] = await lmsGet(page, edition, ['cmi.suspend_data']);
    assert.deepEqual((await decoded(frame, suspend)).completed.map((c) => c.module), done, 'the record is still saved');
    const drawn = await frame.evaluate(() => document.getElementById('path').shadowRoot.querySelectorAll('g[data-module]').length);
    assert.equal(drawn, doc.modules.length, 'the element still draws every module');
    const status = await frame.evaluate(() => document.getElementById('scorm-status').textContent);
    assert.match(status, /est noté comme fait\.$/, 'the learner is told the step is noted, not that everything was saved');
    await page.close();
  });
}

test('SCORM 2004: relaunched with a new version of the curriculum (a module renamed, `replaces` its old id), the stored record still counts', async () => {
  const page = await newPage();
  let frame = await launch(page, '2004', 'small');
  const done = [];
  for (let i = 0; i < 2; i++) {
    const m = await recommended(frame);
    await markDone(frame, m);
    done.push(m);
  }
  const cmi = await terminate(page);
  // Version 2: the first module done is renamed everywhere it is named.
  const [old] = done;
  const renamed = `${old}-v2`;
  const swap = (v) => (Array.isArray(v) ? v.map(swap) : v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)])) : v === old ? renamed : v);
  const v2 = swap(structuredClone(doc));
  v2.version = `${doc.version}-v2`;
  const module = v2.modules.find((m) => m.id === renamed);
  module.replaces = [...(module.replaces ?? []), old];
  const dir = path.join(outDir, 'curriculum-v2');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'curriculum.json');
  writeFileSync(file, JSON.stringify(v2, null, 2));
  packages.set('v2-2004', readZip(makePackage(path.relative(root, file), '2004', 'fr', 'runtime-v2-2004.zip')));

  frame = await launch(page, '2004', 'v2', { cmi });
  const record = await recordOf(frame);
  assert.deepEqual(record.completed.map((c) => c.module), done, 'the record is as stored');
  const labels = await frame.evaluate(() => Object.fromEntries([...document.getElementById('path').shadowRoot
    .querySelectorAll('g[data-module]')].map((g) => [g.dataset.module, g.getAttribute('aria-label')])));
  assert.equal(labels[old], undefined, 'the old id is gone from the drawing');
  assert.match(labels[renamed], /suivi/, 'the renamed module counts as done');
  assert.equal(await frame.evaluate(() => document.getElementById('scorm-alert').hidden), true);
  await checkLms(page, '2004', path.relative(root, file), record);
  await page.close();
});

test('without an LMS the page says progress is not saved, and still draws the path', async () => {
  const page = await newPage();
  await page.goto(`${origin}/pkg/small-2004/index.html?today=${TODAY}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
  const text = await page.evaluate(() => document.getElementById('scorm-alert').textContent);
  assert.match(text, /^Aucune plateforme SCORM n’a été trouvée : le parcours s’affiche, mais la progression ne sera pas enregistrée\./);
  const drawn = await page.evaluate(() => document.getElementById('path').shadowRoot.querySelectorAll('g[data-module]').length);
  assert.equal(drawn, doc.modules.length);
  assert.equal(await page.title(), doc.title.fr);
  await page.close();
});

for (const edition of ['2004', '1.2']) {
  test(`SCORM ${edition}: a stored record that does not read is kept, never written over`, async () => {
    const page = await newPage();
    const damaged = 'z1:not base64 at all';
    const frame = await launch(page, edition, 'small', { cmi: { suspend_data: damaged } });
    const text = await frame.evaluate(() => document.getElementById('scorm-alert').textContent);
    assert.match(text, /Le dossier enregistré dans la plateforme ne se lit pas : il est conservé tel quel/);
    await markDone(frame, await recommended(frame));
    const [suspend] = await lmsGet(page, edition, ['cmi.suspend_data']);
    assert.equal(suspend, damaged, 'what the LMS held is kept');
    await page.close();
  });
}

test('SCORM 2004: a stored record the LMS fails to give back is never written over', async () => {
  const page = await newPage();
  const held = 'j1:{"formatVersion":1}';
  const frame = await launch(page, '2004', 'small', { cmi: { suspend_data: held }, failGetValue: '^cmi\\.suspend_data$' });
  const text = await frame.evaluate(() => document.getElementById('scorm-alert').textContent);
  assert.match(text, /^La plateforme n’a pas accepté la lecture de votre dossier \(LMS en panne\)/);
  await markDone(frame, await recommended(frame));
  const suspend = await page.evaluate(() => window.api.cmi.suspend_data);
  assert.equal(suspend, held, 'what the LMS held is kept');
  const [completion] = await lmsGet(page, '2004', ['cmi.completion_status']);
  assert.equal(completion, 'incomplete', 'the rest is still reported');
  await page.close();
});

test('the largest bundled curriculum, every module done: suspend_data against each limit; a record too large for 1.2 is reported and nothing stored is lost', async () => {
  const big = JSON.parse(readFileSync(path.join(root, LARGEST), 'utf8'));
  const page = await newPage();
  let frame = await launch(page, '1.2', 'large');
  // The fullest bundled record of that curriculum, with every module done (and a score).
  const learners = path.join(root, path.dirname(LARGEST), 'learners');
  const { readdirSync } = await import('node:fs');
  const fullest = readdirSync(learners).map((f) => readFileSync(path.join(learners, f), 'utf8')).sort((a, b) => b.length - a.length)[0];
  const full = { ...JSON.parse(fullest), completed: big.modules.map((m, i) => ({ module: m.id, date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-15`, score: 80 })) };
  const measured = await frame.evaluate(async (r) => {
    const s = await import('./scorm.js');
    const json = s.stored(r);
    const encoded = await s.encode(r);
    return { raw: json.length, encoded: encoded.length, kind: encoded.slice(0, 3), plain: `j1:${json}`.length };
  }, full);
  console.log(`largest record (${big.id}, ${big.modules.length} modules, ${big.framework.competencies.length} competencies, every module done): ` +
    `${measured.raw} characters of JSON, ${measured.encoded} stored (${measured.kind}); limits 1.2: ${LIMITS['1.2']}, 2004: ${LIMITS['2004']}`);
  assert.ok(measured.encoded <= LIMITS['2004'], 'fits SCORM 2004');
  assert.ok(measured.encoded <= LIMITS['1.2'], 'fits SCORM 1.2');
  assert.ok(measured.encoded < measured.plain, 'compression pays');

  // A record that grew past 4,096 characters: more evidence than any bundled
  // record, just under the limit, then one module more.
  const next = await recommended(frame);
  const base = await recordOf(frame);
  const grown = await frame.evaluate(async ([b, comps, m, limit]) => {
    const s = await import('./scorm.js');
    const make = (n) => ({ ...b, evidence: Array.from({ length: n }, (_, i) => ({
      competency: comps[i % comps.length], level: i % 2, source: i % 3 ? 'trainerAssessment' : 'selfAssessment',
      date: `20${10 + (i % 16)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}` })) });
    for (let n = 1; n < 5000; n++) {
      const before = await s.encode(make(n));
      const after = await s.encode({ ...make(n), completed: [...(b.completed ?? []), { module: m, date: b.now }] });
      if (before.length <= limit && after.length > limit) return { stored: before, n, before: before.length, after: after.length };
      if (before.length > limit) return null;
    }
    return null;
  }, [base, big.framework.competencies.map((c) => c.id), next, LIMITS['1.2']]);
  assert.ok(grown, 'a record at the edge of the limit was built');
  console.log(`1.2 edge: ${grown.n} pieces of evidence, ${grown.before} characters stored, ${grown.after} with one module more`);
  await terminate(page);
  frame = await launch(page, '1.2', 'large', { cmi: { suspend_data: grown.stored, core: { lesson_status: 'incomplete' } } });
  const [before] = await lmsGet(page, '1.2', ['cmi.suspend_data']);
  assert.equal(before, grown.stored);
  await markDone(frame, next);
  const [after, comments] = await lmsGet(page, '1.2', ['cmi.suspend_data', 'cmi.comments']);
  assert.equal(after, grown.stored, 'what was stored is kept');
  assert.match(comments, /dépasse la limite de cmi\.suspend_data \(4096\)/, 'the LMS is told');
  const alert = await frame.evaluate(() => document.getElementById('scorm-alert').textContent);
  assert.match(alert, /^Votre dossier \(\d+ caractères\) dépasse ce que la plateforme peut garder \(4096\)/, 'the learner is told');
  await page.close();
});
