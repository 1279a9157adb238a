// The SCORM adapter: the host of <parcours-path> inside an LMS's SCORM player.
//
// The launch page of a package made by `parcours package scorm` loads this file.
// It finds the player's API the way ADL's own scripts do (the window's parents,
// then the opener and its parents), starts the session, restores the learner
// record from `cmi.suspend_data`, and gives the element the curriculum and the
// record. When the learner marks a module done it appends the completion to the
// record, then writes to the LMS: the record (suspend_data), completion and
// success from the curriculum's completion rule, a scaled score from progress,
// and one `cmi.objectives.n` entry per competency (status and score from the
// learner's level against the curriculum's target), then commits. On exit
// (`pagehide`, `beforeunload`) it commits and terminates.
//
// Choices, and why:
// - The learner's id (`cmi.learner_id`, 1.2 `cmi.core.student_id`) is read once
//   and only fills the record's `id` in memory. The record is stored without its
//   `id` (nor `now`, which the element sets): the LMS knows who the learner is,
//   and personal data is not copied into suspend_data. `cmi.learner_name` is read
//   only as a fallback id when the LMS gives no id.
// - suspend_data holds `j1:` and the record's minimised JSON, or `z1:` and its
//   deflate-raw compression (the browser's CompressionStream) in base64, whichever
//   is shorter. SCORM 1.2 allows 4,096 characters, 2004 allows 64,000.
// - A record that would not fit is never written (what is stored stays as it
//   was): the learner reads why in the page, and the LMS is told in words — a
//   learner comment in 2004 (`cmi.comments_from_learner.n`), `cmi.comments` in
//   1.2 — once per session. Completion, score and objectives are still written.
// - A stored record that does not read (another curriculum, damaged) is kept:
//   the page starts from a fresh record and never writes suspend_data over it.
// - Every LMS error (an exception, `"false"`, GetLastError ≠ 0) is shown politely
//   in the page, French first, and the page goes on.

import './component.js';
import { init, loadCurriculum } from './index.js';

import { LIMITS, MODEL, Session, decode, encode, findApi, readObjectives, report, sessionTime, stored } from './scorm/lms.js';

export { LIMITS, MODEL, Session, decode, encode, findApi, objective, objectiveId, readObjectives, report, sessionTime, stored } from './scorm/lms.js';

const WORDS = {
  fr: {
    noLms: 'Aucune plateforme SCORM n’a été trouvée : le parcours s’affiche, mais la progression ne sera pas enregistrée.',
    lmsError: (what, detail) => `La plateforme n’a pas accepté ${what}${detail ? ` (${detail})` : ''}. Votre parcours reste affiché ; votre progression sera de nouveau enregistrée au prochain changement.`,
    what: { initialize: 'l’ouverture de la session', save: 'l’enregistrement de votre progression', commit: 'la sauvegarde', terminate: 'la fermeture de la session', read: 'la lecture de votre dossier' },
    tooLarge: (size, limit) => `Votre dossier (${size} caractères) dépasse ce que la plateforme peut garder (${limit}) : la dernière étape n’est pas enregistrée dans la plateforme, et ce qui y était déjà enregistré est conservé. Prévenez votre formateur.`,
    lmsTooLarge: (size, limit) => `parcours : le dossier de l’apprenant (${size} caractères) dépasse la limite de cmi.suspend_data (${limit}) ; il n’a pas été enregistré, le précédent est conservé.`,
    unreadable: 'Le dossier enregistré dans la plateforme ne se lit pas : il est conservé tel quel, et le parcours repart d’un dossier vide qui ne le remplacera pas.',
    saved: (t) => `« ${t} » est noté comme fait ; votre progression est enregistrée.`,
    notSaved: (t) => `« ${t} » est noté comme fait.`,
    noSettings: 'Le paquet est incomplet (parcours-scorm.json ou le cursus manque) : refaites-le avec parcours package scorm.',
    code: (n, text) => (n ? `code ${n}${text ? ` : ${text}` : ''}` : text),
  },
  en: {
    noLms: 'No SCORM platform was found: the path is shown, but progress will not be saved.',
    lmsError: (what, detail) => `The platform did not accept ${what}${detail ? ` (${detail})` : ''}. Your path stays on screen; your progress will be saved again at the next change.`,
    what: { initialize: 'opening the session', save: 'saving your progress', commit: 'the save', terminate: 'closing the session', read: 'reading your record' },
    tooLarge: (size, limit) => `Your record (${size} characters) is larger than the platform can keep (${limit}): the last step is not saved in the platform, and what it already held is kept. Tell your trainer.`,
    lmsTooLarge: (size, limit) => `parcours: the learner record (${size} characters) exceeds the cmi.suspend_data limit (${limit}); it was not saved, the previous one is kept.`,
    unreadable: 'The record stored in the platform does not read: it is kept as it is, and the path starts from an empty record that will not replace it.',
    saved: (t) => `"${t}" is recorded as done; your progress is saved.`,
    notSaved: (t) => `"${t}" is recorded as done.`,
    noSettings: 'The package is incomplete (parcours-scorm.json or the curriculum is missing): make it again with parcours package scorm.',
    code: (n, text) => (n ? `code ${n}${text ? `: ${text}` : ''}` : text),
  },
};

/** Today on the page's clock (`YYYY-MM-DD`), or `?today=` (tests). */
function today() {
  const given = new URLSearchParams(location.search).get('today');
  if (given && /^\d{4}-\d{2}-\d{2}$/.test(given)) return given;
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Runs the launch page: the whole session, from finding the API to terminating. */
export async function launch(doc = document, win = window) {
  const $ = (id) => doc.getElementById(id);
  const path = $('path');
  const alertBox = $('scorm-alert');
  const status = $('scorm-status');
  let lang = 'fr';
  const w = () => WORDS[lang];
  const alerts = [];
  const alertLine = (text) => {
    if (alerts.includes(text)) return;
    alerts.push(text);
    const p = doc.createElement('p');
    p.textContent = text;
    alertBox.append(p);
    alertBox.hidden = false;
  };
  const onError = (what, detail) => {
    const d = detail ? w().code(detail.code, detail.text) : '';
    alertLine(w().lmsError(w().what[what] ?? what, d));
  };

  let settings;
  let curriculum;
  try {
    settings = await (await fetch(new URL('./parcours-scorm.json', doc.baseURI))).json();
    curriculum = await (await fetch(new URL(`./${settings.curriculum}`, doc.baseURI))).json();
  } catch {
    alertLine(WORDS.fr.noSettings);
    alertLine(WORDS.en.noSettings);
    return null;
  }
  lang = settings.lang === 'en' ? 'en' : 'fr';
  const edition = settings.scorm === '1.2' ? '1.2' : '2004';
  const limit = LIMITS[edition];
  doc.documentElement.lang = lang;
  const title = (t) => (typeof t === 'string' ? t : t?.[lang] ?? t?.fr ?? '');
  $('scorm-title').textContent = title(curriculum.title);
  doc.title = title(curriculum.title);
  path.lang = lang;
  const day = today();
  path.today = day;

  const api = findApi(win, edition);
  const session = api ? new Session(api, edition, onError) : null;
  if (!session) alertLine(w().noLms);
  else session.initialize();
  const started = Date.now();

  // The record: restored from suspend_data, or a fresh one.
  let learnerId = '';
  let keepStored = false;
  let record = null;
  if (session) {
    learnerId = session.get(MODEL[edition].learnerId).value || session.get(MODEL[edition].learnerName).value;
    const suspended = session.get('cmi.suspend_data');
    if (suspended.detail) {
      // What the LMS holds is unknown: never write over it.
      keepStored = true;
      onError('read', suspended.detail);
    } else {
      try {
        record = await decode(suspended.value);
      } catch {
        keepStored = true;
        alertLine(w().unreadable);
      }
    }
  }
  if (!record) {
    record = {
      formatVersion: 1,
      // The package's audience (`--audience`), else the curriculum's first.
      audience: settings.audience ?? curriculum.audiences?.[0]?.id,
      curriculum: { id: curriculum.id, version: curriculum.version },
      evidence: [],
      goals: { complete: true },
    };
  }
  record = { ...record, id: learnerId || 'apprenant', now: day };

  await init();
  const loaded = loadCurriculum(curriculum, { lang });
  const compiled = loaded.ok ? loaded.curriculum : null;
  const labels = new Map((curriculum.framework?.competencies ?? []).map((c) => [c.id, title(c.title)]));
  const objectives = session ? readObjectives(session) : new Map();
  let reportedTooLarge = false;
  let lastSaved = null;

  /** Writes the record, the status and the objectives, then commits; true when all went in. */
  async function save() {
    if (!session || !session.open || !compiled) return false;
    let ok = true;
    const text = await encode(record);
    lastSaved = { raw: stored(record).length, encoded: text.length, fits: text.length <= limit };
    if (text.length > limit) {
      ok = false;
      alertLine(w().tooLarge(text.length, limit));
      if (!reportedTooLarge) {
        reportedTooLarge = true;
        const message = w().lmsTooLarge(text.length, limit);
        if (edition === '2004') {
          const n = Number(session.get('cmi.comments_from_learner._count').value) || 0;
          session.set(`cmi.comments_from_learner.${n}.comment`, message);
          session.set(`cmi.comments_from_learner.${n}.location`, 'parcours');
        } else {
          session.set('cmi.comments', message);
        }
      }
    } else if (!keepStored) {
      ok = session.set('cmi.suspend_data', text) && ok;
    }
    let progress = null;
    try {
      progress = compiled.progress(record, { lang });
    } catch {
      progress = null;
    }
    if (progress) {
      const levels = (progress.levels ?? []).map((l) => ({ ...l, label: labels.get(l.competency) }));
      ok = report(session, { ...progress, levels }, objectives) && ok;
    }
    ok = session.set(MODEL[edition].exit, 'suspend') && ok;
    ok = session.commit() && ok;
    return ok;
  }

  // One save at a time, in order: a later record is never overwritten by an
  // earlier one whose compression finished last.
  let saving = Promise.resolve(true);
  const queueSave = () => (saving = saving.then(save, save));

  path.addEventListener('parcours-done', async (e) => {
    const { module } = e.detail;
    record = { ...record, completed: [...(record.completed ?? []), { module, date: day }] };
    path.record = record;
    const ok = await queueSave();
    const t = title(curriculum.modules.find((m) => m.id === module)?.title) || module;
    status.textContent = ok ? w().saved(t) : w().notSaved(t);
    doc.body.dataset.saves = String(Number(doc.body.dataset.saves ?? 0) + 1);
  });

  let ended = false;
  const end = () => {
    if (ended || !session) return;
    ended = true;
    session.set(MODEL[edition].sessionTime, sessionTime(Date.now() - started, edition));
    session.set(MODEL[edition].exit, 'suspend');
    session.commit();
    session.terminate();
  };
  win.addEventListener('pagehide', end);
  win.addEventListener('beforeunload', end);

  path.curriculum = curriculum;
  path.record = record;
  await path.rendered;
  // The first state goes to the LMS at once (a fresh attempt reads "incomplete").
  await queueSave();
  doc.body.dataset.ready = 'true';
  return { session, end, save, get record() { return record; }, get lastSaved() { return lastSaved; } };
}

if (typeof document !== 'undefined' && document.getElementById('scorm-status') && document.getElementById('path')) {
  window.parcoursScorm = launch();
}
