// What a SCORM content needs of its LMS, without a page: find the API, call it
// without ever throwing, keep the learner record in suspend_data, and tell the
// LMS completion, score and objectives from the engine's progress. No DOM and
// no engine here (scorm.js, the launch page's script, brings both), so Node
// tests it with stand-in windows and APIs.

/** suspend_data's size limits, in characters. */
export const LIMITS = { '2004': 64000, '1.2': 4096 };

/** How far up a window's parents the search for the API goes (ADL's value). */
const MAX_PARENTS = 500;

/** The data model's names in each edition. */
export const MODEL = {
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
  // Below 1 until the rule is met: a player may read a progress of 1 as completed.
  const scaled = met ? 1 : Math.min(Math.round(percentage * 100) / 10000, 0.9999);
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
