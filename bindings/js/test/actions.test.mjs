// What the learner reads when the next step is not a new module: a training to
// renew, a module to retake for the score a gate asks, or a module dispensed at
// positioning to take all the same. The designer's cases of tests/fixtures/advice
// in <parcours-path> (headless Chromium, the repository served on 127.0.0.1),
// checked against the command line: the same module, the same action, and the
// action in the same words as `parcours recommend` prints them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = process.env.PARCOURS ? path.resolve(root, process.env.PARCOURS) : path.join(root, 'target/release/parcours');
const curriculumFile = 'tests/fixtures/advice/actions.json';
const doc = JSON.parse(readFileSync(path.join(root, curriculumFile), 'utf8'));
const titles = new Map(doc.modules.map((m) => [m.id, m.title]));

const cli = (args) => execFileSync(bin, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });

let server;
let browser;
let page;
const problems = [];

before(async () => {
  server = await serve(root);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(`${server.origin}/blank.html`);
  await page.evaluate(async () => {
    await import('/bindings/js/component.js');
    const el = document.createElement('parcours-path');
    el.id = 'path';
    document.body.append(el);
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Sets the element's inputs and waits for the words of the next step. */
async function next(record, lang) {
  return page.evaluate(async ({ doc, record, lang }) => {
    const el = document.getElementById('path');
    el.lang = lang;
    el.today = record.now;
    el.curriculum = doc;
    el.record = record;
    await el.rendered;
    const text = () => el.shadowRoot?.querySelector('.next p');
    const p = text();
    return { text: p?.textContent ?? '', module: p?.dataset.module ?? '', action: p?.dataset.action ?? '' };
  }, { doc, record, lang });
}

for (const name of ['expire-seul', 'score-sous-seuil', 'mixte']) {
  const learner = `tests/fixtures/advice/${name}.json`;
  const record = JSON.parse(readFileSync(path.join(root, learner), 'utf8'));
  test(`${name}: the next step says renew or retake, in the command line's words`, async () => {
    const on = ['--curriculum', curriculumFile, '--learner', learner, '--top', '1'];
    const first = JSON.parse(cli(['recommend', ...on, '--format', 'json'])).recommendations[0];
    assert.ok(first, 'the command line recommends something');
    assert.notEqual(first.action, 'take', 'the case is a renewal or a retake');
    for (const lang of ['fr', 'en']) {
      const shown = await next(record, lang);
      assert.equal(shown.module, first.module);
      assert.equal(shown.action, first.action);
      assert.ok(shown.text.includes(titles.get(first.module)[lang]), `${shown.text}: the module's title`);
      // The words after the title are the command line's, whatever its line breaks.
      const words = shown.text.slice(shown.text.lastIndexOf(lang === 'fr' ? ' : ' : ': ') + (lang === 'fr' ? 3 : 2));
      assert.match(words, lang === 'fr' ? /^à (renouveler|repasser)/ : /^to (renew|retake)/);
      const human = cli(['recommend', ...on, '--lang', lang]).replace(/\s+/g, ' ');
      assert.ok(human.includes(words), `« ${words} » is not in the command line's text: ${human}`);
    }
  });
}

test('no console error, no page error', () => {
  assert.deepEqual(problems, []);
});
