// Why this test exists: the steering committee's report (`parcours position
// --report out.html`) is one HTML file that is mailed, opened offline, printed on
// A4 and read by persons supported with a screen reader. What matters can only be
// seen in a real browser: what the page requests, how it lays out when printed,
// and what the DOM (not the bytes) exposes. So this test generates the report with
// the release binary, opens it in headless Chromium (Debian's chromium, driven by
// playwright-core; no browser download) and checks:
//
// - one radar per published college, and no figure of a hidden college anywhere
//   (anonymity: the hidden college is named once, in the "not published" line,
//   followed by what to change in the instrument); the bundled instrument
//   publishes direction by name, so this runs on a copy without that;
// - the college published by name (direction): its radar, the mark « groupe
//   nommé » next to each mention, and the threshold line naming it;
// - zero network requests, of any kind (every non-file request is also aborted);
// - printing: A4 PDF, nothing wider than the printable width, every chart an
//   image with a title, a summary and its data table;
// - the summary in easy-to-read words that opens the report;
// - the threshold line: the threshold in force and where it comes from; each
//   wave's dates and respondents per college; the training plan's budget table
//   (headcounts, hours per person × people = trainee-hours, the total);
// - the heat map: its colour follows the position (darker = more favourable), a
//   bar as long as the consensus, and a legend in plain words;
// - the same for the English report (radar count, hidden college, network).
//
// Artefacts (kept for CI): target/report/rapport.{html,pdf,png} and rapport-en.html.
// No pixel comparison: the checks are on geometry and on the DOM.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.PARCOURS ? path.resolve(root, process.env.PARCOURS) : path.join(root, 'target/release/parcours');
const outDir = path.join(root, 'target/report');
const executablePath = CHROMIUM;
const instrumentPath = 'curricula/positioning/instrument.json';
const waves = [
  '--answers', 'curricula/positioning/etablissement-2027.csv',
  '--before', 'curricula/positioning/etablissement-2026.csv',
];

function parcours(args, instrument = instrumentPath) {
  return execFileSync(bin, ['position', '--instrument', instrument, ...waves, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

mkdirSync(outDir, { recursive: true });
const reports = {
  fr: { file: path.join(outDir, 'rapport.html'), lang: 'fr' },
  en: { file: path.join(outDir, 'rapport-en.html'), lang: 'en' },
};
// The report, by the command line, as a user makes it.
for (const r of Object.values(reports)) {
  parcours(['--report', r.file, '--lang', r.lang]);
  r.url = pathToFileURL(r.file).href;
  r.html = readFileSync(r.file, 'utf8');
}
// What is published, from the same command's JSON output.
const analysis = JSON.parse(parcours(['--format', 'json']));
const published = analysis.colleges.map((c) => c.id);
const teams = (analysis.teams ?? []).map((t) => t.id);
const named = analysis.colleges.filter((c) => c.publishedByName).map((c) => c.id);
const instrument = JSON.parse(readFileSync(path.join(root, instrumentPath), 'utf8'));

// The same establishment with no college published by name: direction (4 people)
// is then under the threshold and hidden.
const unnamedPath = path.join(outDir, 'instrument-sans-college-nomme.json');
const unnamed = structuredClone(instrument);
unnamed.$schema = undefined;
for (const c of unnamed.colleges) delete c.publishedByName;
writeFileSync(unnamedPath, JSON.stringify(unnamed, null, 2));
const hiddenReports = {
  fr: { file: path.join(outDir, 'rapport-college-cache.html'), lang: 'fr' },
  en: { file: path.join(outDir, 'rapport-college-cache-en.html'), lang: 'en' },
};
for (const r of Object.values(hiddenReports)) {
  parcours(['--report', r.file, '--lang', r.lang], unnamedPath);
  r.url = pathToFileURL(r.file).href;
  r.html = readFileSync(r.file, 'utf8');
}
const hiddenAnalysis = JSON.parse(parcours(['--format', 'json'], unnamedPath));
const hidden = hiddenAnalysis.hiddenColleges ?? [];
const labelOf = (id, lang) => {
  const c = instrument.colleges.find((c) => c.id === id);
  return c ? (c.label[lang] ?? c.label.fr) : id;
};

// The printable width of A4 with the margin the page's own `@page` rule sets, in
// CSS pixels (96 per inch).
function printableWidth(html) {
  const rule = /@page\s*\{[^}]*\}/.exec(html);
  assert.ok(rule, 'the page has an @page rule');
  assert.match(rule[0], /size\s*:\s*A4/, '@page sets A4');
  const margin = /margin\s*:\s*([\d.]+)mm/.exec(rule[0]);
  assert.ok(margin, '@page sets its margin in mm');
  return Math.floor(((210 - 2 * Number(margin[1])) / 25.4) * 96);
}

let browser;

before(async () => {
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
});

/**
 * Opens a report in a fresh context that counts every request other than the
 * file:// document itself, and aborts anything that is not a file.
 */
async function open(report, viewport = { width: 1000, height: 1200 }) {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  const seen = new Set();
  context.on('request', (req) => {
    if (req.url() !== report.url) seen.add(req.url());
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    seen.add(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(report.url, { waitUntil: 'load' });
  // Give anything lazy (fonts, images in CSS) a chance to ask for the network.
  await page.waitForTimeout(300);
  return { context, page, requests: () => [...seen] };
}

for (const r of Object.values(reports)) {
  test(`[${r.lang}] the file is self-contained: no external reference in the bytes`, () => {
    for (const banned of ['http://', 'https://', 'src=', '<link', '<script', 'url(', '@import', '<img', '<iframe']) {
      assert.ok(!r.html.includes(banned), `${banned} in ${path.basename(r.file)}`);
    }
    assert.match(r.html, new RegExp(`^<!DOCTYPE html>\\n<html lang="${r.lang}">`));
  });

  test(`[${r.lang}] zero network requests when the page is opened`, async () => {
    const { context, page, requests } = await open(r);
    try {
      // Nothing in the DOM could load anything either.
      const loaders = await page.evaluate(() =>
        [...document.querySelectorAll('[src], link, script, img, iframe, object, embed, video, audio, source')].length);
      assert.equal(loaders, 0);
      const links = await page.evaluate(() =>
        [...document.querySelectorAll('[href]')].map((e) => e.getAttribute('href')).filter((h) => !h.startsWith('#')));
      assert.deepEqual(links, []);
      assert.deepEqual(requests(), [], 'requests made by the page');
    } finally {
      await context.close();
    }
  });

  test(`[${r.lang}] one radar per published college, none for a hidden one`, async () => {
    const { context, page } = await open(r);
    try {
      const radars = await page.$$eval('svg.radar', (svgs) => svgs.map((s) => s.getAttribute('data-group')));
      assert.equal(radars.length, analysis.colleges.length);
      assert.deepEqual(radars, published);
      assert.equal(await page.locator('svg.heatmap').count(), 1);
      if ((analysis.changes ?? []).length > 0) {
        assert.ok((await page.locator('svg.change').count()) >= 1, 'before/after charts with two waves');
      }
      // Every figure of a group belongs to a published college or team.
      const groups = await page.$$eval('[data-group]', (els) => [...new Set(els.map((e) => e.getAttribute('data-group')))]);
      for (const g of groups) assert.ok(published.includes(g) || teams.includes(g), `data-group=${g}`);
    } finally {
      await context.close();
    }
  });

  test(`[${r.lang}] each wave is dated and counted per college`, async () => {
    const { context, page } = await open(r);
    try {
      const lines = (await page.$$eval('li.wave', (els) => els.map((e) => e.textContent)))
        .map((l) => l.replace(/\s+/g, ' '));
      assert.equal(lines.length, 2, 'this wave and the earlier one');
      assert.match(lines[0], r.lang === 'fr' ? /^Cette vague : du \d\d\/03\/2027 au \d\d\/03\/2027 ; 40 répondants \(/ : /^This wave: from 2027-03-\d\d to 2027-03-\d\d; 40 respondents \(/);
      assert.match(lines[1], r.lang === 'fr' ? /^Vague précédente : du \d\d\/03\/2026 au \d\d\/03\/2026 ; 40 répondants \(/ : /^Earlier wave: from 2026-03-\d\d to 2026-03-\d\d; 40 respondents \(/);
      for (const c of analysis.before.colleges) {
        assert.ok(lines[1].includes(`${c.label[r.lang] ?? c.label.fr}`) && lines[1].includes(` ${c.respondents}`), c.group);
      }
    } finally {
      await context.close();
    }
  });

  test(`[${r.lang}] the training plan is budget-ready: curriculum titles, headcounts, trainee-hours`, async () => {
    const { context, page } = await open(r);
    try {
      const heads = await page.$$eval('#training h3', (hs) => hs.map((h) => h.textContent));
      assert.ok(heads.length > 0);
      for (const h of heads) assert.ok(!/transformation-offre|innovation-sociale-design/.test(h), `an id heads a plan: ${h}`);
      const rows = await page.$$eval('table.hours tbody tr:not(.total)', (trs) => trs.map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').replace(',', '.'))));
      assert.ok(rows.length > 0);
      let total = 0;
      // A team's row is on top of its college's, not added to the total.
      const colleges = await page.$$eval('table.hours tbody tr:not(.total)', (trs) => trs.map((tr) =>
        !/non ajouté|not added/.test(tr.querySelector('th').textContent)));
      rows.forEach((cells, k) => {
        const [perPerson, people, trainee] = [parseFloat(cells[0]), Number(cells[1]), parseFloat(cells[2])];
        assert.ok(people > 0, `a headcount on every row: ${cells}`);
        assert.ok(Math.abs(perPerson * people - trainee) < 0.01, `${perPerson} × ${people} ≠ ${trainee}`);
        if (colleges[k]) total += trainee;
      });
      const shown = parseFloat((await page.$eval('table.hours tr.total td', (td) => td.textContent)).replace(/\s+/g, '').replace(',', '.'));
      assert.ok(Math.abs(shown - total) < 0.01, `total ${shown} ≠ ${total}`);
      // The action plan: priorities, subjects for dialogue and strengths as rows,
      // colleges by label, never by id.
      for (const kind of ['priority', 'dialogue', 'strength']) {
        assert.ok(await page.locator(`table.actions tr[data-kind="${kind}"]`).count() > 0, kind);
      }
      const actions = await page.$eval('table.actions', (t) => t.textContent);
      assert.ok(!/personnes-accompagnees|transformation-offre|innovation-sociale-design/.test(actions), 'an id in the action plan');
      const line = await page.$eval('p.budget-total', (p) => p.textContent);
      assert.match(line, r.lang === 'fr' ? /heures stagiaires/ : /trainee-hours/);
    } finally {
      await context.close();
    }
  });

  test(`[${r.lang}] each item appears once, with all its figures and what to make of it in words`, async () => {
    const { context, page } = await open(r);
    try {
      const rows = await page.$$eval('table#items tr[data-item]', (trs) => trs.map((tr) => ({
        item: tr.getAttribute('data-item'),
        head: tr.querySelector('th').textContent.trim(),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
      })));
      assert.deepEqual(rows.map((x) => x.item), analysis.items.map((i) => i.item), 'every item once, in order');
      const published = analysis.colleges.length;
      for (const row of rows) {
        // Overall, each published college, « ne sait pas », and the verdicts.
        assert.equal(row.cells.length, published + 3, row.item);
        assert.ok(row.cells.at(-1).length > 0, `${row.item}: an empty verdict cell`);
        assert.ok(!/personnes-accompagnees|≥|≤|position 0/.test(row.cells.at(-1)), `${row.item}: ${row.cells.at(-1)}`);
      }
      // No other table, list or heading of the page writes an item's statement,
      // except the action plan (its rows are actions on an item).
      const elsewhere = await page.$$eval('th, li, h2, h3, td', (els) => els
        .filter((e) => !e.closest('table#items') && !e.closest('table.actions') && !e.closest('#summary'))
        .map((e) => e.textContent));
      for (const row of rows) {
        const statement = row.head.replace(/^(n°|no\.)\s*\d+\.\s*/, '').slice(0, 60);
        assert.ok(!elsewhere.some((t) => t.includes(statement)), `${row.item} is written twice`);
      }
      const classes = await page.$eval('table#items', (t) => t.textContent);
      for (const word of r.lang === 'fr' ? ['Point fort pour', 'Priorité pour', 'À discuter'] : ['Strength for', 'Priority for', 'To talk over']) {
        assert.ok(classes.includes(word), word);
      }
    } finally {
      await context.close();
    }
  });

  test(`[${r.lang}] the report opens with a summary in easy-to-read words`, async () => {
    const { context, page } = await open(r);
    try {
      // First thing after the title.
      const first = await page.evaluate(() => document.querySelector('h1').nextElementSibling?.id);
      assert.equal(first, 'summary');
      const lines = await page.$$eval('#summary li', (lis) => lis.map((li) => li.textContent));
      assert.ok(lines.length >= 6, `${lines.length} lines`);
      for (const l of lines) {
        assert.ok(!l.includes('%'), `a percentage: ${l}`);
        assert.ok(!/personnes-accompagnees|transformation-offre/.test(l), `an id: ${l}`);
      }
      assert.match(lines[0], r.lang === 'fr' ? /^40 personnes ont répondu au questionnaire\.$/ : /^40 people answered the questionnaire\.$/);
      const strongest = lines.find((l) => (r.lang === 'fr' ? /^Le point le plus fort/ : /^The strongest point/).test(l));
      assert.ok(strongest, 'the strongest point is named');
    } finally {
      await context.close();
    }
  });

  test(`[${r.lang}] the threshold in force is stated, with where it comes from`, async () => {
    const { context, page } = await open(r);
    try {
      const lines = await page.$$eval('li.threshold', (els) => els.map((e) => e.textContent));
      assert.equal(lines.length, 1, 'one threshold line');
      const expected = r.lang === 'fr'
        ? `Seuil d'anonymat : ${analysis.threshold} (fixé par l'instrument)`
        : `Anonymity threshold: ${analysis.threshold} (set by the instrument)`;
      // French typography puts a narrow no-break space before the colon.
      assert.ok(lines[0].replace(/[\u00a0\u202f]/g, ' ').startsWith(expected), lines[0]);
      assert.equal(analysis.threshold, instrument.anonymityThreshold ?? 5);
    } finally {
      await context.close();
    }
  });

  test(`[${r.lang}] the heat map: colour = position, a bar = consensus, a legend in plain words`, async () => {
    const { context, page } = await open(r);
    try {
      const cells = await page.$$eval('svg.heatmap g[data-position]', (gs) => gs.map((g) => {
        const rects = g.querySelectorAll('rect');
        const rgb = getComputedStyle(rects[0]).fill.match(/\d+/g).map(Number);
        return {
          position: Number(g.dataset.position),
          consensus: Number(g.dataset.consensus),
          // Relative lightness of the fill (0 dark, 1 light).
          light: (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255,
          track: rects[1]?.getBBox().width,
          bar: rects[2]?.getBBox().width,
        };
      }));
      assert.ok(cells.length > analysis.items.length, `${cells.length} cells`);
      // The more favourable, the darker: never a darker cell for a lower position.
      for (const a of cells) {
        for (const b of cells) {
          if (a.position < b.position) assert.ok(a.light >= b.light, `${a.position} darker than ${b.position}`);
        }
        // The consensus bar is as long as the consensus.
        assert.ok(Math.abs(a.bar - Math.max(2, a.track * a.consensus)) < 0.2, `bar ${a.bar} for consensus ${a.consensus}`);
      }
      // The least favourable item overall is pale, whatever its consensus.
      const worst = cells.reduce((m, c) => (c.position < m.position ? c : m));
      assert.ok(worst.light > 0.5, `least favourable cell has lightness ${worst.light}`);
      const legend = await page.$eval('#heat-legend', (e) => e.textContent);
      assert.match(legend, r.lang === 'fr' ? /La couleur dit si l'avis est favorable/ : /The colour says whether the opinion is favourable/);
      assert.match(legend, r.lang === 'fr' ? /Le trait sous le chiffre dit si les réponses se ressemblent/ : /The bar under the number says whether the answers are alike/);
    } finally {
      await context.close();
    }
  });

  test(`[${r.lang}] the college published by name says so, and the threshold line names it`, async () => {
    assert.deepEqual(named, ['direction'], 'the bundled establishment publishes direction by name');
    assert.deepEqual(analysis.hiddenColleges ?? [], []);
    const { context, page } = await open(r);
    try {
      assert.equal(await page.locator('svg.radar[data-group="direction"]').count(), 1);
      const label = labelOf('direction', r.lang);
      const mark = r.lang === 'fr' ? `${label} (groupe nommé)` : `${label} (named group)`;
      // Every text node, SVG lines included (a label wrapped over <tspan>s is one label).
      const text = (await page.evaluate(() => {
        const parts = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) parts.push(walker.currentNode.textContent);
        return parts.join(' ');
      })).replace(/\s+/g, ' ');
      const all = text.split(label).length - 1;
      const marked = text.split(mark).length - 1;
      assert.ok(marked >= 5, `${marked} marked mentions`);
      // Every mention is marked, but the one in the threshold line, which explains.
      assert.equal(all, marked + 1, `${all - marked} unmarked mentions of ${label}`);
      const line = (await page.$eval('li.threshold', (e) => e.textContent)).replace(/\s+/g, ' ');
      assert.ok(line.includes(r.lang === 'fr'
        ? `Seule exception : ${label} (4 personnes), groupe nommé : ses membres ont accepté d'être identifiés comme groupe`
        : `The one exception: ${label} (4 people), a named group: its members agreed to be identified as a group`), line);
      assert.equal(await page.locator('li.hidden-advice').count(), 0, 'nothing hidden, no advice');
    } finally {
      await context.close();
    }
  });
}

for (const r of Object.values(hiddenReports)) {
  test(`[${r.lang}] no figure of a hidden college anywhere in the file`, async () => {
    assert.ok(hidden.length > 0, 'without publishedByName, direction is hidden');
    const { context, page } = await open(r);
    try {
      for (const id of hidden) {
        assert.equal(await page.locator(`[data-group="${id}"]`).count(), 0, `[data-group=${id}]`);
        assert.ok(!r.html.includes(`data-group="${id}"`));
        const label = labelOf(id, r.lang);
        const word = new RegExp(`\\b${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g');
        // In the bytes (title, SVG text, attributes included) and in the text.
        assert.ok((r.html.match(word) ?? []).length <= 1, `${label} appears more than once in the file`);
        const text = await page.evaluate(() => document.documentElement.textContent);
        const occurrences = text.match(word) ?? [];
        assert.ok(occurrences.length <= 1, `${label} appears ${occurrences.length} times`);
        if (occurrences.length === 1) {
          // Only in the "not published" line, which has no figure.
          const line = await page.evaluate((l) => {
            const li = [...document.querySelectorAll('li')].find((e) => e.textContent.includes(l));
            return li ? { cls: li.className, text: li.textContent } : null;
          }, label);
          assert.ok(line, `${label} is in a list item`);
          assert.equal(line.cls, 'hidden-colleges');
          assert.match(line.text, r.lang === 'fr' ? /^Non publiés \(sous le seuil\)/ : /^Not published \(under the threshold\)/);
          assert.ok(!/\d/.test(line.text), 'no figure in the not-published line');
        }
      }
      // What to change in the instrument, right after, with no name and no figure.
      const advice = await page.$eval('li.hidden-colleges + li.hidden-advice', (e) => e.textContent);
      assert.match(advice, r.lang === 'fr' ? /^Pour publier un collège caché, modifiez l'instrument/ : /^To publish a hidden college, change the instrument/);
      assert.ok(advice.includes('mergeInto') && advice.includes('publishedByName: true'));
      assert.ok(!/\d/.test(advice));
      // One radar per published college, none for the hidden one.
      const radars = await page.$$eval('svg.radar', (svgs) => svgs.map((s) => s.getAttribute('data-group')));
      assert.deepEqual(radars, hiddenAnalysis.colleges.map((c) => c.id));
    } finally {
      await context.close();
    }
  });
}

test('[fr] every chart is an image with a title, a one-sentence summary and its data table', async () => {
  const { context, page } = await open(reports.fr);
  try {
    const charts = await page.$$eval('svg', (svgs) =>
      svgs.map((svg) => {
        const ids = (svg.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
        const block = svg.closest('.chart-block');
        const table = block?.querySelector('table');
        return {
          cls: svg.getAttribute('class'),
          role: svg.getAttribute('role'),
          viewBox: svg.getAttribute('viewBox'),
          title: svg.querySelector(':scope > title')?.textContent ?? '',
          labels: ids.map((id) => document.getElementById(id)?.textContent ?? null),
          rows: table ? table.querySelectorAll('tbody tr').length : 0,
          caption: table?.querySelector('caption')?.textContent ?? '',
          maxWidth: getComputedStyle(svg).maxWidth,
        };
      }));
    assert.ok(charts.length >= analysis.colleges.length + 1);
    for (const c of charts) {
      assert.equal(c.role, 'img', c.cls);
      assert.match(c.viewBox, /^0 0 [\d.]+ [\d.]+$/, c.cls);
      assert.ok(c.title.length > 0, `${c.cls}: <title>`);
      assert.equal(c.labels.length, 2, `${c.cls}: title and summary`);
      for (const l of c.labels) assert.ok(l && l.trim().length > 0, `${c.cls}: aria-labelledby resolves`);
      assert.match(c.labels[1].trim(), /\.$/, `${c.cls}: the summary is a sentence`);
      assert.ok(c.rows > 0 && c.caption.length > 0, `${c.cls}: data table with a caption`);
      assert.equal(c.maxWidth, '100%', `${c.cls}: scales down`);
    }
  } finally {
    await context.close();
  }
});

test('[fr] prints on A4 with nothing wider than the printable width; PDF and screenshot kept', async () => {
  const report = reports.fr;
  const width = printableWidth(report.html);
  const { context, page, requests } = await open(report, { width, height: 1100 });
  try {
    await page.emulateMedia({ media: 'print' });
    const layout = await page.evaluate((limit) => {
      const over = [];
      for (const el of document.querySelectorAll('svg, table, img, figure, pre, h1, h2, h3, p, ul, ol')) {
        const box = el.getBoundingClientRect();
        if (box.right > limit + 0.5 || box.left < -0.5) {
          over.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} ${box.left.toFixed(1)}–${box.right.toFixed(1)}`);
        }
      }
      const style = getComputedStyle(document.querySelector('figure') ?? document.body);
      return {
        scrollWidth: document.documentElement.scrollWidth,
        over,
        avoid: style.breakInside,
      };
    }, width);
    assert.ok(layout.scrollWidth <= width, `scrollWidth ${layout.scrollWidth} > ${width}`);
    assert.deepEqual(layout.over, [], 'elements wider than the printable width');
    assert.equal(layout.avoid, 'avoid', 'charts are not split across pages');

    const pdfPath = path.join(outDir, 'rapport.pdf');
    const pdf = await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdf.toString('latin1');
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
    assert.ok(boxes.length >= 2, `${boxes.length} page(s)`);
    for (const [, w, h] of boxes) {
      // A4 is 595.28 × 841.89 pt.
      assert.ok(Math.abs(Number(w) - 595.28) < 1.5 && Math.abs(Number(h) - 841.89) < 1.5, `MediaBox ${w} × ${h}`);
    }
    assert.ok(statSync(pdfPath).size > 10_000);

    // The screenshot, on screen as a reader sees it.
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1000, height: 1200 });
    await page.screenshot({ path: path.join(outDir, 'rapport.png'), fullPage: true });
    assert.ok(statSync(path.join(outDir, 'rapport.png')).size > 10_000);
    assert.deepEqual(requests(), [], 'printing made no request either');
  } finally {
    await context.close();
  }
});

test('[en] prints within the printable width too', async () => {
  const report = reports.en;
  const width = printableWidth(report.html);
  const { context, page } = await open(report, { width, height: 1100 });
  try {
    await page.emulateMedia({ media: 'print' });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= width, `scrollWidth ${scrollWidth} > ${width}`);
    const over = await page.$$eval('svg, table', (els, limit) =>
      els.filter((e) => e.getBoundingClientRect().right > limit + 0.5).length, width);
    assert.equal(over, 0);
  } finally {
    await context.close();
  }
});
