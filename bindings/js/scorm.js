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

/** suspend_data's size limits, in characters. */
export const LIMITS = { '2004': 64000, '1.2': 4096 };

/** How far up a window's parents the search for the API goes (ADL's value). */
const MAX_PARENTS = 500;

/** The data model's names in each edition. */
const MODEL = {
  '2004': {
    api: 'API_1484_11',
    initialize: 'Initialize', terminate: 'Terminate', commit: 'Commit',
    get: 'GetValue', set: 'SetValue', lastError: 'GetLastError', errorString: 'GetErrorString',
    learnerId: 'cmi.learner_id', learnerName: 'cmi.learner_name',
    exit: 'cmi.exit', sessionTime: 'cmi.session_time',
  },
  '1.2': {
    api: 'API',
    initialize: 'LMSInitialize', terminate: 'LMSFinish', commit: 'LMSCommit',
    get: 'LMSGetValue', set: 'LMSSetValue', lastError: 'LMSGetLastError', errorString: 'LMSGetErrorString',
    learnerId: 'cmi.core.student_id', learnerName: 'cmi.core.student_name',
    exit: 'cmi.core.exit', sessionTime: 'cmi.core.session_time',
  },
};

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

/**
 * The LMS API named `name` in `win` or its parents (ADL's algorithm: at most
 * MAX_PARENTS steps; a parent of another origin ends the search quietly).
 */
function scan(win, name) {
  let w = win;
  for (let i = 0; w && i <= MAX_PARENTS; i++) {
    try {
      if (w[name]) return w[name];
      if (!w.parent || w.parent === w) return null;
      w = w.parent;
    } catch {
      return null;
    }
  }
  return null;
}

/** The API of `edition` from `win`: its parents first, then its opener and the opener's parents. */
export function findApi(win, edition) {
  const name = MODEL[edition].api;
  const found = scan(win, name);
  if (found) return found;
  try {
    return win.opener ? scan(win.opener, name) : null;
  } catch {
    return null;
  }
}

/** Minimised JSON of what is stored: the record without `id` nor `now`. */
export function stored(record) {
  const { id, now, ...rest } = record;
  return JSON.stringify(rest);
}

function toBase64(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function fromBase64(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function pipe(bytes, transform) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** suspend_data for `record`: `j1:` + JSON, or `z1:` + base64(deflate-raw(JSON)) when shorter. */
export async function encode(record) {
  const json = stored(record);
  const plain = `j1:${json}`;
  if (typeof CompressionStream === 'undefined') return plain;
  const packed = `z1:${toBase64(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')))}`;
  return packed.length < plain.length ? packed : plain;
}

/** The record stored in suspend_data (`null` when empty); throws when it does not read. */
export async function decode(text) {
  if (!text) return null;
  let json;
  if (text.startsWith('j1:')) json = text.slice(3);
  else if (text.startsWith('z1:')) json = new TextDecoder().decode(await pipe(fromBase64(text.slice(3)), new DecompressionStream('deflate-raw')));
  else throw new SyntaxError('unknown suspend_data encoding');
  const record = JSON.parse(json);
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new SyntaxError('not a record');
  return record;
}

/** An objective id within SCORM's rules (no spaces; 1.2: at most 255 characters). */
export function objectiveId(id) {
  return String(id).replace(/[^\x21-\x7e]/g, '-').slice(0, 255);
}

/** What the LMS is told about one competency, from the engine's progress levels. */
export function objective(level) {
  const after = level.after ?? null;
  const target = level.target ?? null;
  const acquired = level.acquired === true;
  let scaled;
  if (acquired) scaled = 1;
  else if (after === null || target === null) scaled = 0;
  else scaled = target > 0 ? Math.min(Math.max(after / target, 0), 1) : 1;
  scaled = Math.round(scaled * 10000) / 10000;
  const state = acquired ? 'acquired' : after === null ? 'none' : 'progress';
  return { id: objectiveId(level.competency), scaled, state };
}

/** A session time for `ms` milliseconds: 2004 ISO 8601 duration, 1.2 HHHH:MM:SS. */
export function sessionTime(ms, edition) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (edition === '2004') return `PT${s}S`;
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.min(Math.floor(s / 3600), 9999), 4)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/**
 * One SCORM session: the API, with every call guarded. A call that throws,
 * returns "false", or leaves GetLastError ≠ 0 is reported to `onError` and
 * answers `null` (or `false`); it never throws.
 */
export class Session {
  constructor(api, edition, onError) {
    this.api = api;
    this.edition = edition;
    this.m = MODEL[edition];
    this.onError = onError;
    this.open = false;
  }

  #detail() {
    try {
      const code = Number(this.api[this.m.lastError]());
      if (!code) return null;
      let text = '';
      try { text = String(this.api[this.m.errorString](String(code)) ?? ''); } catch { /* the code says enough */ }
      return { code, text };
    } catch {
      return null;
    }
  }

  #call(what, method, ...args) {
    try {
      const result = this.api[method](...args);
      const ok = result === true || result === 'true';
      const detail = this.#detail();
      if (!ok || detail) {
        this.onError(what, detail ?? { code: 0, text: String(result) });
        return false;
      }
      return true;
    } catch (e) {
      this.onError(what, { code: 0, text: String(e?.message ?? e) });
      return false;
    }
  }

  initialize() {
    this.open = this.#call('initialize', this.m.initialize, '');
    return this.open;
  }

  get(name) {
    try {
      const value = this.api[this.m.get](name);
      const detail = this.#detail();
      // 403 (2004) and 403-like "not initialised" reads are an empty value, not an error.
      if (detail && detail.code !== 403 && detail.code !== 0) return { value: '', detail };
      return { value: value === undefined || value === null ? '' : String(value), detail: null };
    } catch (e) {
      return { value: '', detail: { code: 0, text: String(e?.message ?? e) } };
    }
  }

  set(name, value) {
    return this.#call('save', this.m.set, name, String(value));
  }

  commit() {
    return this.#call('commit', this.m.commit, '');
  }

  terminate() {
    if (!this.open) return false;
    this.open = false;
    return this.#call('terminate', this.m.terminate, '');
  }
}

/** Writes completion, success, score and objectives from the engine's progress. */
export function report(session, progress, objectiveIndex) {
  const edition = session.edition;
  const met = progress.completion?.met === true;
  const percentage = Math.min(Math.max(Number(progress.completion?.percentage) || 0, 0), 100);
  const scaled = met ? 1 : Math.round(percentage * 100) / 10000;
  const raw = Math.round(scaled * 10000) / 100;
  let ok = true;
  const set = (k, v) => { ok = session.set(k, v) && ok; };
  if (edition === '2004') {
    set('cmi.completion_status', met ? 'completed' : 'incomplete');
    set('cmi.success_status', met ? 'passed' : 'unknown');
    set('cmi.progress_measure', scaled);
    set('cmi.score.scaled', scaled);
    set('cmi.score.min', 0);
    set('cmi.score.max', 100);
    set('cmi.score.raw', raw);
  } else {
    set('cmi.core.lesson_status', met ? 'passed' : 'incomplete');
    set('cmi.core.score.min', 0);
    set('cmi.core.score.max', 100);
    set('cmi.core.score.raw', raw);
  }
  for (const level of progress.levels ?? []) {
    const o = objective(level);
    let n = objectiveIndex.get(o.id);
    const fresh = n === undefined;
    if (fresh) {
      n = objectiveIndex.size;
    }
    const p = `cmi.objectives.${n}`;
    if (fresh) {
      if (!session.set(`${p}.id`, o.id)) { ok = false; continue; }
      objectiveIndex.set(o.id, n);
    }
    if (edition === '2004') {
      set(`${p}.completion_status`, o.state === 'acquired' ? 'completed' : o.state === 'none' ? 'not attempted' : 'incomplete');
      set(`${p}.success_status`, o.state === 'acquired' ? 'passed' : 'unknown');
      set(`${p}.score.scaled`, o.scaled);
      set(`${p}.progress_measure`, o.scaled);
      if (level.label) set(`${p}.description`, String(level.label).slice(0, 250));
    } else {
      set(`${p}.status`, o.state === 'acquired' ? 'passed' : o.state === 'none' ? 'not attempted' : 'incomplete');
      set(`${p}.score.min`, 0);
      set(`${p}.score.max`, 100);
      set(`${p}.score.raw`, Math.round(o.scaled * 100));
    }
  }
  return ok;
}

/** The objectives the LMS already holds, id → index (kept across launches). */
export function readObjectives(session) {
  const index = new Map();
  const count = Number(session.get('cmi.objectives._count').value) || 0;
  for (let n = 0; n < count; n++) {
    const id = session.get(`cmi.objectives.${n}.id`).value;
    if (id && !index.has(id)) index.set(id, n);
  }
  return index;
}

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
