// The demo plays the host LMS: it picks a bundled curriculum and a learner
// profile, switches the language, and when the learner marks a module done it
// appends a completion to (a copy of) the record and gives the record back to
// the element. `?today=AAAA-MM-JJ` fixes the element's clock (tests).
import '../component.js';

const $ = (id) => document.getElementById(id);
const path = $('path');
const params = new URLSearchParams(location.search);
if (params.get('today')) path.today = params.get('today');

const WORDS = {
  fr: {
    title: 'Démonstration du parcours d’un apprenant',
    curriculum: 'Cursus',
    learner: 'Profil d’apprenant',
    lang: 'Langue',
    done: (t) => `« ${t} » est noté comme fait le ${path.today}.`,
    failed: 'Le catalogue de démonstration manque : lancez bash bindings/js/build.sh.',
  },
  en: {
    title: 'Demonstration of a learner’s path',
    curriculum: 'Curriculum',
    learner: 'Learner profile',
    lang: 'Language',
    done: (t) => `"${t}" is recorded as done on ${path.today}.`,
    failed: 'The demo catalogue is missing: run bash bindings/js/build.sh.',
  },
};

let catalog = { curricula: [] };
let curriculumDoc = null;
let record = null;

const lang = () => $('lang').value;
const text = (t) => (typeof t === 'string' ? t : t?.[lang()] ?? t?.fr ?? '');
// A profile's id reads as words: « aide-soignante-debutante » → « aide soignante debutante ».
const profile = (id) => id.replace(/-/g, ' ');

async function json(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

// A host LMS has the curriculum and the record at hand; the demo reads them
// from files the catalogue lists. When the address names them, they are asked
// for beside the catalogue rather than after it, and used only if the catalogue
// lists that very file.
const early = new Map();
const ID = /^[a-z0-9-]+$/;
function askEarly(curriculum, learner) {
  if (!curriculum || !ID.test(curriculum)) return;
  const base = `../../../curricula/${curriculum}`;
  const files = [`${base}/curriculum.json`];
  if (learner && ID.test(learner)) files.push(`${base}/learners/${learner}.json`);
  for (const f of files) early.set(f, json(f).catch(() => null));
}
async function doc(file) {
  const asked = early.get(file);
  early.delete(file);
  return (asked && (await asked)) ?? json(file);
}

function words() {
  const w = WORDS[lang()];
  document.documentElement.lang = lang();
  $('title').textContent = w.title;
  $('curriculum-label').textContent = w.curriculum;
  $('learner-label').textContent = w.learner;
  $('lang-label').textContent = w.lang;
  for (const option of $('curriculum').options) {
    option.textContent = text(catalog.curricula.find((c) => c.id === option.value)?.title);
  }
}

function current() {
  return catalog.curricula.find((c) => c.id === $('curriculum').value);
}

async function pickCurriculum() {
  const c = current();
  $('learner').replaceChildren(...c.learners.map((l) => new Option(profile(l.id), l.id)));
  curriculumDoc = await json(c.file);
  path.curriculum = curriculumDoc;
  await pickLearner();
}

async function pickLearner() {
  const l = current().learners.find((x) => x.id === $('learner').value);
  record = await doc(l.file);
  $('log').textContent = '';
  path.record = record;
}

// The host decides what completion means; here, marking it done is enough.
path.addEventListener('parcours-done', (e) => {
  const { module } = e.detail;
  const next = structuredClone(record);
  next.completed = [...(next.completed ?? []), { module, date: path.today }];
  record = next;
  path.record = record;
  const title = curriculumDoc.modules.find((m) => m.id === module)?.title;
  $('log').textContent = WORDS[lang()].done(text(title));
});

$('curriculum').addEventListener('change', () => pickCurriculum());
$('learner').addEventListener('change', () => pickLearner());
$('lang').addEventListener('change', () => {
  path.lang = lang();
  words();
});

try {
  askEarly(params.get('curriculum'), params.get('learner'));
  catalog = await json('./catalog.json');
  $('curriculum').replaceChildren(...catalog.curricula.map((c) => new Option(text(c.title), c.id)));
  const wanted = params.get('curriculum');
  if (wanted && catalog.curricula.some((c) => c.id === wanted)) $('curriculum').value = wanted;
  words();
  const c = current();
  $('learner').replaceChildren(...c.learners.map((l) => new Option(profile(l.id), l.id)));
  const learner = params.get('learner');
  if (learner && c.learners.some((l) => l.id === learner)) $('learner').value = learner;
  curriculumDoc = await doc(c.file);
  path.curriculum = curriculumDoc;
  await pickLearner();
  early.clear();
  document.body.dataset.ready = 'true';
} catch (e) {
  $('log').textContent = WORDS[lang()].failed;
}
