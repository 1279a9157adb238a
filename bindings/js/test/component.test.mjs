// Why this test exists: <parcours-path> is what a learner sees in their LMS, and
// what matters can only be seen in a real browser. It serves the repository on
// 127.0.0.1 (its own static server, closed at the end), opens the demo page in
// Debian's Chromium (playwright-core, no browser download) and checks, against
// the command line's answers (never hard-coded ones):
//
// - the page loads; each module drawn carries the state `parcours status` gives,
//   and the recommended one is marked;
// - the record's `now` is the element's clock (a fixed `today`), on a copy;
// - a locked module opened shows why and what unlocks it, in words, no ids;
// - the language switch turns every word to English;
// - by keyboard only: Tab reaches the modules (a visible outline), Enter opens,
//   « marquer comme fait » changes the recommendation to the command line's next
//   one, Escape closes;
// - at 360 px the page does not scroll sideways; text contrast is ≥ 4.5:1; the
//   print stylesheet hides buttons and keeps the panel;
// - no request leaves 127.0.0.1, no console error, no page error;
// - the same bytes as the command line in Chromium for status, recommend and
//   plan of every bundled profile.
//
// Artefacts: target/component/*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { catalog, writeCatalog } from '../demo/catalog.mjs';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = process.env.PARCOURS ? path.resolve(root, process.env.PARCOURS) : path.join(root, 'target/release/parcours');
const executablePath = CHROMIUM;
const outDir = path.join(root, 'target/component');
mkdirSync(outDir, { recursive: true });

const TODAY = '2026-12-01';
const CURRICULUM = 'design-thinking-aidance';
const LEARNER = 'aide-soignante-debutante';
const curriculumFile = `curricula/${CURRICULUM}/curriculum.json`;
const doc = JSON.parse(readFileSync(path.join(root, curriculumFile), 'utf8'));
const original = JSON.parse(readFileSync(path.join(root, `curricula/${CURRICULUM}/learners/${LEARNER}.json`), 'utf8'));
const moduleIds = doc.modules.map((m) => m.id);
const titles = new Map(doc.modules.map((m) => [m.id, m.title]));

function cli(args) {
  return execFileSync(bin, args, { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
}

/** The command line's JSON answer for `record` (written under target/component). */
function cliJson(command, record, extra = []) {
  const file = path.join(outDir, 'record.json');
  writeFileSync(file, JSON.stringify(record));
  return JSON.parse(cli([command, '--curriculum', curriculumFile, '--learner', file, '--format', 'json', ...extra]));
}

let server;
let origin;
let browser;
let page;
const requests = [];
const consoleErrors = [];
const pageErrors = [];

before(async () => {
  writeCatalog();
  server = await serve(root);
  origin = server.origin;
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${origin}/bindings/js/demo/index.html?today=${TODAY}&curriculum=${CURRICULUM}&learner=${LEARNER}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30_000 });
  await settle();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Waits until the element has drawn what it was last given. */
async function settle() {
  await page.evaluate(() => document.getElementById('path').rendered);
}

/** What the element shows: each module node, the recommendation, the panel. */
function drawn() {
  return page.evaluate(() => {
    const el = document.getElementById('path');
    const s = el.shadowRoot;
    return {
      nodes: [...s.querySelectorAll('g[data-module]')].map((g) => ({
        module: g.dataset.module,
        state: g.dataset.state,
        recommended: g.dataset.recommended === 'true',
        role: g.getAttribute('role'),
        tabindex: g.getAttribute('tabindex'),
        label: g.getAttribute('aria-label'),
      })),
      next: s.querySelector('.next p').textContent,
      nextHeading: s.querySelector('.next h2').textContent,
      nextModule: s.querySelector('.next p').dataset.module,
      panel: s.querySelector('.panel').hidden ? null : s.querySelector('.panel').innerText,
      plan: [...s.querySelectorAll('.plan li')].map((li) => li.textContent),
      levels: [...s.querySelectorAll('.levels li')].map((li) => li.textContent),
      error: s.querySelector('.error').hidden ? null : s.querySelector('.error').textContent,
      lastRecord: el.lastRecord,
      hostRecord: el.record,
    };
  });
}

/** The path of the element focused, through the shadow root. */
function focused() {
  return page.evaluate(() => {
    const a = document.getElementById('path').shadowRoot.activeElement;
    if (!a) return null;
    const style = getComputedStyle(a);
    return {
      module: a.dataset?.module ?? null,
      tag: a.tagName.toLowerCase(),
      className: a.getAttribute('class') ?? '',
      text: a.textContent.slice(0, 80),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      outlineColor: style.outlineColor,
    };
  });
}

function noIds(text, what) {
  for (const id of moduleIds.filter((i) => i.includes('-'))) {
    assert.ok(!text.includes(id), `${what}: the id ${id} is shown: ${text}`);
  }
}

test('the page loads and draws each module with the state `parcours status` gives', async () => {
  const d = await drawn();
  assert.equal(d.error, null);
  const record = { ...original, now: TODAY };
  const status = cliJson('status', record);
  const recommend = cliJson('recommend', record, ['--top', '1']);
  assert.equal(d.nodes.length, status.modules.length);
  for (const m of status.modules) {
    const node = d.nodes.find((n) => n.module === m.module);
    assert.ok(node, `${m.module} drawn`);
    assert.equal(node.state, m.state, `${m.module}: state`);
    assert.equal(node.role, 'button');
    assert.equal(node.tabindex, '0');
    assert.ok(node.label.startsWith(titles.get(m.module).fr), `${m.module}: ${node.label}`);
    noIds(node.label, m.module);
  }
  const next = recommend.recommendations[0].module;
  assert.deepEqual(d.nodes.filter((n) => n.recommended).map((n) => n.module), [next]);
  assert.ok(d.next.includes(titles.get(next).fr), d.next);
  // The plan in order, with hours and weeks, as the command line plans it.
  const plan = cliJson('plan', record, ['--hours-per-week', '7']);
  assert.equal(d.plan.length, plan.steps.length);
  plan.steps.forEach((s, i) => {
    assert.ok(d.plan[i].includes(titles.get(s.module).fr), d.plan[i]);
    assert.match(d.plan[i], new RegExp(`${String(s.hours).replace('.', ',')} h`));
    assert.match(d.plan[i], /semaine/);
  });
  // Competency levels in words, never only a colour.
  assert.ok(d.levels.length > 0);
  for (const l of d.levels) assert.match(l, /niveau \d sur \d|pas encore évalué/);
  await page.screenshot({ path: path.join(outDir, 'demo-fr.png'), fullPage: true });
});

test('the record\'s `now` is the element\'s clock (a fixed date), on a copy of the host\'s record', async () => {
  const d = await drawn();
  assert.equal(d.lastRecord.now, TODAY);
  assert.equal(d.hostRecord.now, original.now, 'the host\'s record is untouched');
  assert.notEqual(original.now, TODAY);
  // The engine's own answer for that record dates it so.
  const now = await page.evaluate(async () => {
    const p = await import('/bindings/js/index.js');
    await p.init();
    const el = document.getElementById('path');
    const { curriculum } = p.loadCurriculum(el.curriculum);
    return curriculum.progress(el.lastRecord).now;
  });
  assert.equal(now, TODAY);
});

test('a locked module opened shows why and what unlocks it, in words', async () => {
  const status = cliJson('status', { ...original, now: TODAY });
  const locked = status.modules.find((m) => m.state === 'locked');
  assert.ok(locked, 'the profile has a locked module');
  await page.evaluate(() => {
    window.opened = [];
    document.addEventListener('parcours-open', (e) => window.opened.push(e.detail.module));
  });
  await page.locator(`parcours-path g[data-module="${locked.module}"]`).click();
  const d = await drawn();
  assert.ok(d.panel, 'the panel is open');
  assert.ok(d.panel.includes(titles.get(locked.module).fr));
  assert.match(d.panel, /verrouillé/);
  assert.match(d.panel, /Pourquoi il est verrouillé/);
  for (const why of locked.why) assert.ok(d.panel.includes(why.text.fr), `${why.text.fr} in ${d.panel}`);
  assert.match(d.panel, /Ce qui le déverrouille/);
  for (const item of locked.unlock.items.filter((i) => i.kind === 'module')) {
    assert.ok(d.panel.includes(titles.get(item.module).fr), `${item.module} named by its title`);
  }
  noIds(d.panel, 'panel');
  assert.deepEqual(await page.evaluate(() => window.opened), [locked.module]);
  // Escape closes it and gives the focus back to the module.
  await page.keyboard.press('Escape');
  assert.equal((await drawn()).panel, null);
  assert.equal((await focused()).module, locked.module);
  await page.screenshot({ path: path.join(outDir, 'demo-locked.png'), fullPage: true });
});

test('the language switch turns the words to English', async () => {
  await page.selectOption('#lang', 'en');
  await settle();
  const d = await drawn();
  const status = cliJson('status', { ...original, now: TODAY });
  assert.equal(d.nextHeading, 'Recommended next module');
  assert.ok(d.next.includes(titles.get(d.nextModule).en), d.next);
  const locked = status.modules.find((m) => m.state === 'locked');
  const node = d.nodes.find((n) => n.module === locked.module);
  assert.ok(node.label.startsWith(titles.get(locked.module).en), node.label);
  assert.match(node.label, /locked/);
  await page.locator(`parcours-path g[data-module="${locked.module}"]`).click();
  const panel = (await drawn()).panel;
  assert.match(panel, /Why it is locked/);
  for (const why of locked.why) assert.ok(panel.includes(why.text.en), panel);
  assert.doesNotMatch(panel, /verrouillé|Pourquoi/);
  noIds(panel, 'panel (en)');
  for (const l of d.levels) assert.match(l, /level \d of \d|not assessed yet/);
  assert.equal(await page.evaluate(() => document.getElementById('path').getAttribute('lang')), 'en');
  await page.screenshot({ path: path.join(outDir, 'demo-en.png'), fullPage: true });
  await page.keyboard.press('Escape');
  await page.selectOption('#lang', 'fr');
  await settle();
  assert.equal((await drawn()).nextHeading, 'Prochain module recommandé');
});

test('by keyboard only: Tab to the recommended module (visible focus), Enter, mark it done, the recommendation changes', async () => {
  const before = await drawn();
  const target = before.nextModule;
  assert.ok(target);
  await page.evaluate(() => document.activeElement?.blur());
  await page.evaluate(() => window.scrollTo(0, 0));
  let reached = null;
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    if (f?.module) {
      assert.equal(f.outlineStyle, 'solid', `${f.module}: an outline`);
      assert.ok(f.outlineWidth >= 2, `${f.module}: outline ${f.outlineWidth}px`);
    }
    if (f?.module === target) {
      reached = f;
      break;
    }
  }
  assert.ok(reached, 'Tab reaches the recommended module');
  await page.screenshot({ path: path.join(outDir, 'demo-focus.png') });
  await page.keyboard.press('Enter');
  let d = await drawn();
  assert.ok(d.panel?.includes(titles.get(target).fr));
  // Tab to « Marquer comme fait », which has a visible focus too.
  let done = null;
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    if (f?.tag === 'button' && f.className.includes('done')) {
      done = f;
      break;
    }
  }
  assert.ok(done, 'the « marquer comme fait » button is reached by Tab');
  assert.equal(done.outlineStyle, 'solid');
  await page.keyboard.press('Enter');
  await settle();
  d = await drawn();
  // The host (the demo) added the completion and gave the record back.
  const record = { ...original, completed: [{ module: target, date: TODAY }], now: TODAY };
  assert.deepEqual(d.lastRecord, record);
  assert.equal(d.nodes.find((n) => n.module === target).state, 'completed');
  const expected = cliJson('recommend', record, ['--top', '1']).recommendations[0].module;
  assert.notEqual(expected, target);
  assert.equal(d.nextModule, expected);
  assert.ok(d.next.includes(titles.get(expected).fr), d.next);
  const log = await page.textContent('#log');
  assert.ok(log.includes(titles.get(target).fr), log);
  await page.keyboard.press('Escape');
  assert.equal((await drawn()).panel, null);
});

test('at 360 px wide the page does not scroll sideways; the graph scrolls in its own box', async () => {
  await page.setViewportSize({ width: 360, height: 780 });
  await settle();
  const sizes = await page.evaluate(() => {
    const box = document.getElementById('path').shadowRoot.querySelector('.graph');
    return {
      page: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
      box: box.getBoundingClientRect().right,
    };
  });
  assert.ok(sizes.page <= sizes.viewport, `page ${sizes.page}px wide in a ${sizes.viewport}px viewport`);
  assert.ok(sizes.box <= sizes.viewport);
  await page.screenshot({ path: path.join(outDir, 'demo-360.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('every text has a contrast of at least 4.5:1 on its background', async () => {
  // With a module's panel open, so that its words are measured too.
  const status = cliJson('status', { ...original, now: TODAY });
  const locked = status.modules.find((m) => m.state === 'locked');
  await page.locator(`parcours-path g[data-module="${locked.module}"]`).click();
  const low = await page.evaluate(() => {
    const rgb = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const parent = (e) => e.parentElement ?? e.getRootNode().host ?? null;
    const background = (e) => {
      for (let n = e; n; n = parent(n)) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c && c.a > 0) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const out = [];
    let measured = 0;
    const visit = (rootNode) => {
      for (const e of rootNode.querySelectorAll('*')) {
        if (e.shadowRoot) visit(e.shadowRoot);
        const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || e.closest('style, script, title, option') || !e.getClientRects().length) continue;
        if (e.namespaceURI === 'http://www.w3.org/2000/svg') {
          // Drawing text on the last filled shape drawn under its centre (a
          // node, a band, the legend's box, a step's disc), else on white.
          const t = e.getBoundingClientRect();
          const [cx, cy] = [t.left + t.width / 2, t.top + t.height / 2];
          const shapes = [...e.ownerSVGElement.querySelectorAll('rect, ellipse, circle')].filter((sh) => {
            if (!(sh.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
            if (sh.closest('defs, marker')) return false;
            const fill = rgb(getComputedStyle(sh).fill);
            if (!fill || fill.a === 0) return false;
            const b = sh.getBoundingClientRect();
            return cx >= b.left && cx <= b.right && cy >= b.top && cy <= b.bottom;
          });
          const shape = shapes.at(-1);
          const fg = rgb(getComputedStyle(e).fill);
          const bg = shape ? rgb(getComputedStyle(shape).fill) : { r: 255, g: 255, b: 255, a: 1 };
          if (!fg || !bg) continue;
          measured++;
          const r = ratio(fg, bg);
          if (r < 4.5) out.push(`${e.textContent.trim().slice(0, 40)}: ${r.toFixed(2)}`);
        } else {
          measured++;
          const r = ratio(rgb(getComputedStyle(e).color), background(e));
          if (r < 4.5) out.push(`${e.textContent.trim().slice(0, 40)}: ${r.toFixed(2)}`);
        }
      }
    };
    visit(document);
    return { out, measured };
  });
  assert.ok(low.measured > 30, `${low.measured} texts measured`);
  assert.deepEqual(low.out, []);
});

test('printed: the panel stays, no buttons', async () => {
  // The panel opened by the previous test, then closed: it still prints.
  await page.keyboard.press('Escape');
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => {
    const s = document.getElementById('path').shadowRoot;
    return {
      buttons: [...s.querySelectorAll('button')].map((b) => getComputedStyle(b).display),
      panel: getComputedStyle(s.querySelector('.panel')).display,
      picker: getComputedStyle(document.getElementById('picker')).display,
    };
  });
  await page.emulateMedia({ media: 'screen' });
  assert.ok(printed.buttons.length > 0);
  assert.ok(printed.buttons.every((d) => d === 'none'), JSON.stringify(printed.buttons));
  assert.equal(printed.panel, 'block');
  assert.equal(printed.picker, 'none');
});

test('the same bytes as the command line in Chromium: status, recommend and plan of every bundled profile', async () => {
  const cases = catalog().curricula.flatMap((c) => c.learners.map((l) => ({
    curriculum: `/curricula/${c.id}/curriculum.json`,
    learner: `/curricula/${c.id}/learners/${l.id}.json`,
  })));
  assert.ok(cases.length >= 10);
  const results = await page.evaluate(async (list) => {
    const p = await import('/bindings/js/index.js');
    await p.init();
    const text = async (u) => (await fetch(u)).text();
    const out = [];
    for (const { curriculum, learner } of list) {
      const { curriculum: c } = p.loadCurriculum(await text(curriculum));
      const record = await text(learner);
      out.push({
        statusFr: c.statusJson(record),
        statusEn: c.statusJson(record, { lang: 'en' }),
        recommend: c.recommendJson(record, { top: 3 }),
        plan: c.planJson(record, { hoursPerWeek: 7 }),
      });
      c.free();
    }
    return out;
  }, cases);
  cases.forEach((k, i) => {
    const on = ['--curriculum', k.curriculum.slice(1), '--learner', k.learner.slice(1)];
    const r = results[i];
    assert.equal(r.statusFr, cli(['status', ...on, '--format', 'json']), `${k.learner}: status`);
    assert.equal(r.statusEn, cli(['status', ...on, '--format', 'json', '--lang', 'en']), `${k.learner}: status (en)`);
    assert.equal(r.recommend, cli(['recommend', ...on, '--top', '3', '--format', 'json']), `${k.learner}: recommend`);
    assert.equal(r.plan, cli(['plan', ...on, '--hours-per-week', '7', '--format', 'json']), `${k.learner}: plan`);
  });
});

test('a record of another curriculum is refused in words, in the element, and the next good record draws again', async () => {
  const other = JSON.parse(readFileSync(path.join(root, 'curricula/transformation-offre/learners/chef-de-service-ime.json'), 'utf8'));
  const shown = await page.evaluate(async (record) => {
    const el = document.getElementById('path');
    const good = el.record;
    el.record = record;
    await el.rendered;
    const s = el.shadowRoot;
    const out = {
      error: s.querySelector('.error').hidden ? null : s.querySelector('.error').textContent,
      graphHidden: s.querySelector('.graph-section').hidden,
      role: s.querySelector('.error').getAttribute('role'),
    };
    el.record = good;
    await el.rendered;
    out.after = s.querySelector('.error').hidden && !s.querySelector('.graph-section').hidden;
    return out;
  }, other);
  assert.ok(shown.error?.startsWith('Le dossier de l’apprenant est refusé'), shown.error);
  assert.equal(shown.role, 'alert');
  assert.equal(shown.graphHidden, true);
  assert.ok(!shown.error.includes(other.id), 'no personal data (the learner id) in the message');
  assert.equal(shown.after, true);
});

test('attributes work as well as properties: JSON text, lang, today, hours-per-week', async () => {
  const record = { ...original, now: TODAY };
  const plan = cliJson('plan', record, ['--hours-per-week', '14']);
  const shown = await page.evaluate(async ([curriculum, learner]) => {
    const el = document.createElement('parcours-path');
    el.setAttribute('lang', 'en');
    el.setAttribute('today', '2026-12-01');
    el.setAttribute('hours-per-week', '14');
    el.setAttribute('curriculum', curriculum);
    el.setAttribute('record', learner);
    document.body.append(el);
    await el.rendered;
    const s = el.shadowRoot;
    const out = {
      nodes: s.querySelectorAll('g[data-module][role="button"]').length,
      now: el.lastRecord.now,
      plan: [...s.querySelectorAll('.plan li')].map((li) => li.textContent),
      summary: s.querySelector('.plan p').textContent,
      error: s.querySelector('.error').hidden ? null : s.querySelector('.error').textContent,
    };
    el.remove();
    return out;
  }, [JSON.stringify(doc), JSON.stringify(original)]);
  assert.equal(shown.error, null);
  assert.equal(shown.nodes, doc.modules.length);
  assert.equal(shown.now, TODAY);
  assert.equal(shown.plan.length, plan.steps.length);
  assert.ok(shown.summary.includes(`over ${plan.weeks.length} weeks at 14 h a week`), shown.summary);
  plan.steps.forEach((st, i) => assert.ok(shown.plan[i].startsWith(`"${titles.get(st.module).en}"`), shown.plan[i]));
});

test('no request left 127.0.0.1, no console error, no page error', () => {
  assert.ok(requests.length > 0);
  const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(outside, []);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(pageErrors, []);
});

test('numbers are written as Intl.NumberFormat writes them (fr-FR, en-GB), without loading Intl on the first render', async () => {
  const differ = await page.evaluate(async () => {
    const { formatNumber } = await import('/bindings/js/component.js');
    const out = [];
    let checked = 0;
    const check = (x) => {
      for (const [lang, locale] of [['fr', 'fr-FR'], ['en', 'en-GB']]) {
        checked++;
        const ours = formatNumber(x, lang);
        const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x);
        if (ours !== intl && out.length < 10) out.push({ x: String(x), lang, ours, intl });
      }
    };
    // Hours from minutes, scores, tenths and hundredths (the halves that binary
    // floats hold just below: 1.45, 2.675…), thousands, and what goes to Intl.
    for (let m = 0; m <= 60_000; m += 1) check(m / 60);
    for (let i = 0; i <= 200_000; i += 1) check(i / 100);
    for (const x of [0.05, 0.95, 1.45, 2.675, 9.95, 99.95, 9999.95, 1234567.89, 1e20, 1e21, 5e-7, -1.5, -0, NaN, Infinity]) check(x);
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 100_000; i++) check(random() * 10 ** Math.floor(random() * 8));
    return { checked, out };
  });
  assert.ok(differ.checked > 700_000, String(differ.checked));
  assert.deepEqual(differ.out, []);
});
