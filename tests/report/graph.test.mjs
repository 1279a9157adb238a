// Why this test exists: `parcours graph --format svg` writes a picture that is
// opened offline, printed on A4, and will be shown by a web component. What
// matters can only be seen in a real browser: that the file parses as SVG, what
// it requests, where the browser actually puts each text (font metrics are the
// browser's, not ours) and how it prints. So this test draws with the release
// binary, opens each SVG in headless Chromium (Debian's chromium, driven by
// playwright-core; no browser download) and checks:
//
// - the bytes are self-contained (the SVG namespace is the only address) and
//   the page makes zero network requests;
// - the legend is there, with the words of its language, and each any-of and
//   at-least-k is a junction node (« 1 parmi 2 », « 2 parmi 3 »);
// - nothing overflows: every element inside the picture, every node's text
//   inside its node, and the picture inside an A4 page (one page when printed);
// - with --learner: modules carry their state and the plan's steps are numbered;
// - every bundled curriculum draws and fits A4 the same way.
//
// Artefacts (kept for CI): target/report/graph*.{svg,pdf,png}.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.PARCOURS ? path.resolve(root, process.env.PARCOURS) : path.join(root, 'target/release/parcours');
const outDir = path.join(root, 'target/report');
const executablePath = CHROMIUM;
const fixture = 'tests/fixtures/graph/curriculum.json';
const learner = 'tests/fixtures/graph/learner.json';

// A4 less 10 mm margins, in CSS pixels (96 per inch).
const MM = 96 / 25.4;
const PRINTABLE = { width: 190 * MM, height: 277 * MM };

mkdirSync(outDir, { recursive: true });

/** Draws a curriculum as SVG with the command line, and keeps the file. */
function draw(name, args) {
  const svg = execFileSync(bin, ['graph', ...args, '--format', 'svg'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
  const file = path.join(outDir, `${name}.svg`);
  writeFileSync(file, svg);
  return { name, file, url: pathToFileURL(file).href, svg };
}

const drawings = {
  fr: { ...draw('graph', [fixture]), lang: 'fr' },
  en: { ...draw('graph-en', [fixture, '--lang', 'en']), lang: 'en' },
  learner: { ...draw('graph-learner', [fixture, '--learner', learner]), lang: 'fr' },
};
const bundled = readdirSync(path.join(root, 'curricula'))
  .filter((d) => existsSync(path.join(root, 'curricula', d, 'curriculum.json')))
  .sort()
  .map((d) => ({ ...draw(`graph-${d}`, [`curricula/${d}/curriculum.json`]), lang: 'fr' }));

const WORDS = {
  fr: { legend: 'Légende', required: 'prérequis exigé', recommended: 'prérequis recommandé', junctions: ['1 parmi 2', '2 parmi 3'] },
  en: { legend: 'Legend', required: 'required prerequisite', recommended: 'recommended prerequisite', junctions: ['1 of 2', '2 of 3'] },
};

let browser;

before(async () => {
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
});

/** Opens a drawing in a fresh context that records (and aborts) every request. */
async function open(drawing) {
  const context = await browser.newContext({ viewport: { width: 900, height: 1200 }, serviceWorkers: 'block' });
  const seen = new Set();
  context.on('request', (req) => {
    if (req.url() !== drawing.url) seen.add(req.url());
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    seen.add(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(drawing.url, { waitUntil: 'load' });
  await page.waitForTimeout(200);
  return { context, page, requests: () => [...seen] };
}

/** What does not fit, measured by the browser: elements outside the picture,
 * node texts outside their node. */
async function overflow(page) {
  return page.evaluate(() => {
    const svg = document.documentElement;
    const [, , vw, vh] = svg.getAttribute('viewBox').split(/\s+/).map(Number);
    const out = [];
    const slack = 0.5;
    for (const el of svg.querySelectorAll('rect, ellipse, circle, path, text')) {
      const b = el.getBBox();
      if (b.x < -slack || b.y < -slack || b.x + b.width > vw + slack || b.y + b.height > vh + slack) {
        out.push(`${el.tagName} "${el.textContent.slice(0, 30)}" outside the picture`);
      }
    }
    for (const node of svg.querySelectorAll('g.node')) {
      const shape = node.querySelector(':scope > rect, :scope > ellipse').getBBox();
      for (const text of node.querySelectorAll(':scope > text')) {
        const b = text.getBBox();
        if (b.x < shape.x - slack || b.x + b.width > shape.x + shape.width + slack
          || b.y < shape.y - slack || b.y + b.height > shape.y + shape.height + slack) {
          out.push(`"${text.textContent}" leaves its node`);
        }
      }
    }
    return out;
  });
}

/** The picture's size on paper, in CSS pixels, from its width and height in mm. */
function paperSize(svgText) {
  const head = /<svg[^>]*>/.exec(svgText)[0];
  const mm = (attr) => {
    const m = new RegExp(`${attr}="([\\d.]+)mm"`).exec(head);
    assert.ok(m, `the picture's ${attr} is in mm`);
    return Number(m[1]) * MM;
  };
  return { width: mm('width'), height: mm('height') };
}

/** Prints the open drawing on A4 with 10 mm margins; gives the page count. */
async function pages(page, pdfPath) {
  const pdf = await page.pdf({
    path: pdfPath,
    format: 'A4',
    margin: { top: '10mm', right: '10mm', bottom: '10mm', left: '10mm' },
    printBackground: true,
  });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[/g)].length;
}

for (const d of [drawings.fr, drawings.en, drawings.learner]) {
  test(`[${d.name}] self-contained bytes, zero requests, parsed as SVG`, async () => {
    assert.match(d.svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal((d.svg.match(/https?:/g) ?? []).length, 1, 'the namespace is the only address');
    for (const banned of ['<script', '<image', '<style', 'href=', '@import', 'url(http', '<foreignObject']) {
      assert.ok(!d.svg.includes(banned), banned);
    }
    const { context, page, requests } = await open(d);
    try {
      const root = await page.evaluate(() => ({
        tag: document.documentElement.tagName,
        errors: document.getElementsByTagName('parsererror').length,
        title: document.querySelector('svg > title')?.textContent ?? '',
      }));
      assert.deepEqual({ tag: root.tag, errors: root.errors }, { tag: 'svg', errors: 0 });
      assert.ok(root.title.length > 0, 'the picture has a title');
      assert.deepEqual(requests(), [], 'requests made by the picture');
    } finally {
      await context.close();
    }
  });

  test(`[${d.name}] a legend in its language, and a junction node for each choice`, async () => {
    const words = WORDS[d.lang];
    const { context, page } = await open(d);
    try {
      const seen = await page.evaluate(() => ({
        legend: document.querySelector('g.legend')?.textContent ?? '',
        entries: document.querySelectorAll('g.legend g.legend-entry').length,
        junctions: [...document.querySelectorAll('svg > g.node.junction')].map((g) =>
          [...g.querySelectorAll(':scope > text')].map((t) => t.textContent).join(' ')),
        recommended: document.querySelectorAll('g.arrow.recommended').length,
        labels: [...document.querySelectorAll('text.arrow-label')].map((t) => t.textContent),
      }));
      for (const w of [words.legend, words.required, words.recommended]) {
        assert.ok(seen.legend.includes(w), `legend: ${w}`);
      }
      assert.ok(seen.entries >= 8, `${seen.entries} legend entries`);
      assert.equal(seen.junctions.length, 2, seen.junctions.join(' | '));
      for (const [i, j] of words.junctions.entries()) {
        assert.ok(seen.junctions[i].startsWith(j), `junction ${seen.junctions[i]}`);
      }
      assert.equal(seen.recommended, 2, 'one recommended module, one recommended competency');
      assert.ok(seen.labels.some((l) => l === 'score ≥ 70'), seen.labels.join(' | '));
      assert.ok(seen.labels.some((l) => /^(niveau|level) ≥ /.test(l)), seen.labels.join(' | '));
    } finally {
      await context.close();
    }
  });

  test(`[${d.name}] nothing overflows: the picture, each node, one A4 page`, async () => {
    const size = paperSize(d.svg);
    assert.ok(size.width <= PRINTABLE.width && size.height <= PRINTABLE.height, JSON.stringify(size));
    const { context, page } = await open(d);
    try {
      assert.deepEqual(await overflow(page), []);
      assert.equal(await pages(page, path.join(outDir, `${d.name}.pdf`)), 1, 'one A4 page');
      await page.screenshot({ path: path.join(outDir, `${d.name}.png`) });
    } finally {
      await context.close();
    }
  });
}

test('[graph-learner] states coloured, the plan\'s steps numbered and explained', async () => {
  const { context, page } = await open(drawings.learner);
  try {
    const seen = await page.evaluate(() => ({
      states: [...document.querySelectorAll('svg > g.node.module')].map((g) => g.getAttribute('data-state')),
      steps: [...document.querySelectorAll('svg > g.node g.step')].map((g) => Number(g.textContent)),
      legend: document.querySelector('g.legend')?.textContent ?? '',
    }));
    assert.ok(seen.states.every((s) => s), 'every module has a state');
    for (const [key, words] of [['completed', 'suivi'], ['available', 'accessible'], ['locked', 'verrouillé']]) {
      assert.ok(seen.states.includes(key), key);
      assert.ok(seen.legend.includes(words), `legend: ${words}`);
    }
    assert.ok(seen.steps.length >= 3, `${seen.steps.length} steps`);
    assert.deepEqual([...seen.steps].sort((a, b) => a - b), seen.steps.map((_, i) => i + 1), 'steps 1..n');
    assert.ok(seen.legend.includes("n° de l'étape dans le plan de l'apprenant"));
  } finally {
    await context.close();
  }
});

for (const d of bundled) {
  test(`[${d.name}] a bundled curriculum fits one A4 page with nothing overflowing`, async () => {
    const size = paperSize(d.svg);
    assert.ok(size.width <= PRINTABLE.width && size.height <= PRINTABLE.height, JSON.stringify(size));
    const { context, page, requests } = await open(d);
    try {
      assert.deepEqual(await overflow(page), []);
      assert.ok(await page.locator('g.legend').count() === 1, 'a legend');
      assert.equal(await pages(page, path.join(outDir, `${d.name}.pdf`)), 1, 'one A4 page');
      assert.deepEqual(requests(), []);
    } finally {
      await context.close();
    }
  });
}
