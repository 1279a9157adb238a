// Why this test exists: curriculum designers write curricula in VS Code (or any
// editor built on vscode-json-languageservice) and get completion and error
// squiggles from the published JSON Schema, curricula/schema/curriculum.schema.json.
// This test drives that very language service with that very schema, so a change
// in how the schema is generated (schemars) cannot silently break the editing
// experience: property and enum completion, located diagnostics, and no false
// positives on a valid curriculum.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';

const schemaUrl = new URL('../../curricula/schema/curriculum.schema.json', import.meta.url);
const schema = JSON.parse(await readFile(schemaUrl, 'utf8'));

const ls = getLanguageService({});
ls.configure({
  validate: true,
  allowComments: false,
  schemas: [{ uri: 'https://parcours.invalid/curriculum.schema.json', fileMatch: ['*.json'], schema }],
});

const CURSOR = '|';
let docCount = 0;

function open(text) {
  docCount += 1;
  return TextDocument.create(`file:///curricula/test-${docCount}.json`, 'json', 1, text);
}

/** Completion labels (quotes stripped) at the single `|` marker in `textWithCursor`. */
async function labelsAt(textWithCursor) {
  const offset = textWithCursor.indexOf(CURSOR);
  assert.ok(offset >= 0 && textWithCursor.indexOf(CURSOR, offset + 1) < 0, 'exactly one cursor marker');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const doc = open(text);
  const list = await ls.doComplete(doc, doc.positionAt(offset), ls.parseJSONDocument(doc));
  assert.ok(list, 'the language service returns a completion list');
  return new Set(list.items.map((item) => item.label.replace(/^"(.*)"$/, '$1')));
}

async function diagnosticsOf(text) {
  const doc = open(text);
  return { doc, diagnostics: await ls.doValidation(doc, ls.parseJSONDocument(doc)) };
}

function assertOffers(labels, expected) {
  const missing = expected.filter((label) => !labels.has(label));
  assert.deepEqual(missing, [], `missing completions ${JSON.stringify(missing)}; offered ${JSON.stringify([...labels])}`);
}

// A small but complete curriculum, valid against the schema (and clean for
// `parcours validate`: no errors, no warnings).
const validCurriculum = {
  formatVersion: 1,
  id: 'design-des-services',
  version: '2026.1',
  title: { fr: 'Design des services', en: 'Service design' },
  description: { fr: 'Parcours de découverte ; durées indicatives.' },
  languages: ['fr'],
  audiences: [
    { id: 'direction', label: { fr: 'Direction' } },
    { id: 'equipe', label: { fr: 'Équipe' } },
  ],
  framework: {
    scales: [
      {
        id: 'niveaux',
        title: { fr: 'Niveaux' },
        levels: [
          { id: 'decouverte', label: { fr: 'Découverte' }, minScore: 0 },
          { id: 'pratique', label: { fr: 'Pratique' }, minScore: 50 },
          { id: 'maitrise', label: { fr: 'Maîtrise' }, minScore: 80 },
        ],
      },
    ],
    defaultScale: 'niveaux',
    assessment: { method: 'decayingAverage', w: 0.65, sourceWeights: { trainerAssessment: 2, selfAssessment: 0.5 } },
    competencies: [
      { id: 'observer', title: { fr: 'Observer' } },
      { id: 'observer-usages', title: { fr: 'Observer les usages' }, parent: 'observer' },
      { id: 'prototyper', title: { fr: 'Prototyper' }, assessment: { method: 'nOfM', n: 2, m: 3 } },
    ],
  },
  stages: [
    { id: 'decouvrir', title: { fr: 'Découvrir' } },
    { id: 'pratiquer', title: { fr: 'Pratiquer' }, description: { fr: 'Sur le terrain.' } },
  ],
  modules: [
    {
      id: 'intro',
      title: { fr: 'Introduction' },
      kind: 'core',
      durationHours: 3.5,
      format: 'classroom',
      audiences: [],
      tags: ['bases'],
      stage: 'decouvrir',
      teaches: [{ competency: 'observer-usages', level: 0 }],
    },
    {
      id: 'atelier-proto',
      title: { fr: 'Atelier prototypage' },
      kind: 'optional',
      durationHours: 7,
      format: 'workshop',
      stage: 'pratiquer',
      resources: ['canevas-proto'],
      teaches: [{ competency: 'prototyper', level: 1 }],
      requires: {
        type: 'allOf',
        of: [
          { type: 'module', module: 'intro' },
          { type: 'competency', competency: 'observer-usages', level: 0 },
        ],
      },
      recommends: { type: 'score', module: 'intro', min: 60, label: { fr: 'Intro réussie' } },
      validityMonths: 24,
      replaces: ['atelier-proto-v1'],
    },
  ],
  groups: [{ id: 'ateliers', title: { fr: 'Ateliers' }, modules: ['atelier-proto'], minModules: 1 }],
  resources: [{ id: 'canevas-proto', title: { fr: 'Canevas de prototypage' }, kind: 'canvas', url: 'boite-a-outils/canevas.pdf' }],
  completion: { rule: 'coreAndOptional', minOptionalModules: 1 },
};

/** The valid curriculum, pretty-printed, with `edit` applied to the text. */
function curriculumText(edit = (s) => s) {
  return edit(JSON.stringify(validCurriculum, null, 2));
}

test('completion inside a module object offers the module fields', async () => {
  const labels = await labelsAt(`{
  "formatVersion": 1,
  "id": "c",
  "modules": [
    { ${CURSOR} }
  ]
}`);
  assertOffers(labels, ['id', 'title', 'kind', 'durationHours', 'format', 'requires', 'teaches']);
});

test('completion for the value of "kind" offers "core" and "optional"', async () => {
  const labels = await labelsAt(`{
  "modules": [
    { "id": "intro", "kind": ${CURSOR} }
  ]
}`);
  assertOffers(labels, ['core', 'optional']);
});

test('a misspelt module kind is reported on the value itself', async () => {
  const text = curriculumText((s) => s.replace('"kind": "core"', '"kind": "coer"'));
  const { doc, diagnostics } = await diagnosticsOf(text);

  const start = doc.positionAt(text.indexOf('"coer"'));
  const end = doc.positionAt(text.indexOf('"coer"') + '"coer"'.length);
  const onValue = diagnostics.filter(
    (d) =>
      d.range.start.line === start.line &&
      d.range.start.character === start.character &&
      d.range.end.line === end.line &&
      d.range.end.character === end.character,
  );
  assert.ok(
    onValue.length > 0,
    `expected a diagnostic at ${JSON.stringify({ start, end })}; got ${JSON.stringify(diagnostics)}`,
  );
  assert.match(onValue[0].message, /"core".*"optional"/, 'the diagnostic names the accepted kinds');
  // And nothing else in the otherwise valid document is flagged.
  assert.deepEqual(diagnostics.filter((d) => !onValue.includes(d)), []);
});

test('a valid curriculum gets no diagnostics', async () => {
  const { diagnostics } = await diagnosticsOf(curriculumText());
  assert.deepEqual(diagnostics, []);
});

test('completion at the top level offers the curriculum sections', async () => {
  const labels = await labelsAt(`{
  "formatVersion": 1,
  ${CURSOR}
}`);
  assertOffers(labels, ['modules', 'framework', 'completion', 'stages', 'groups']);
});
