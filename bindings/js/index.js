// parcours for JavaScript: the engine compiled to WebAssembly, in the browser,
// a bundler or Node 20. This file only translates: plain objects (or JSON text)
// in, plain objects out, errors as JavaScript errors. Every rule is the Rust
// engine's, so a page gives the same answers, byte for byte, as the command line.
//
// Errors: a document that is refused (a learner record that does not read, one
// of another curriculum) throws a `ParcoursError` whose `diagnostics` list each
// problem with its place and a hint; a misuse (a wrong argument type, an unknown
// option) throws a `TypeError`. A curriculum that does not load is not an error:
// `loadCurriculum` returns `{ ok: false, diagnostics }`.

import initWasm, * as wasm from './pkg/parcours_wasm.js';

let ready = null;

/**
 * Loads the WebAssembly module, once. In Node it reads the `.wasm` beside this
 * file; in a browser or bundler it fetches it, or takes `source` (a URL, a
 * `Response`, bytes or a compiled `WebAssembly.Module`).
 */
export function init(source) {
  if (!ready) {
    ready = (async () => {
      let input = source;
      if (input === undefined && typeof process !== 'undefined' && process.versions?.node) {
        const { readFile } = await import('node:fs/promises');
        input = await readFile(new URL('./pkg/parcours_wasm_bg.wasm', import.meta.url));
      }
      await initWasm(input === undefined ? undefined : { module_or_path: input });
    })();
    ready.catch(() => { ready = null; });
  }
  return ready;
}

/** Loads the module from bytes, synchronously (workers, tests). */
export function initSync(bytes) {
  wasm.initSync({ module: bytes });
  ready = Promise.resolve();
}

const LANGS = new Set(['fr', 'en']);

function langOf(options, lang = 'fr') {
  const l = options?.lang ?? lang;
  if (!LANGS.has(l)) {
    throw new TypeError('langue inconnue : écrivez "fr" ou "en" / unknown language: write "fr" or "en"');
  }
  return l;
}

/** A document as JSON text: a string as it is, bytes decoded, an object stringified. */
function text(value, what) {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch (e) {
      throw new TypeError(`${what.fr} : impossible de l'écrire en JSON (référence circulaire ou trop profonde ?) / ${what.en}: cannot be written as JSON (a cycle, or too deep?)`);
    }
  }
  throw new TypeError(`${what.fr} : du texte JSON ou un objet est attendu, pas ${value === null ? 'null' : typeof value} / ${what.en}: JSON text or an object is expected`);
}

const RECORD = { fr: 'dossier de l\'apprenant', en: 'learner record' };
const CURRICULUM = { fr: 'cursus', en: 'curriculum' };
const INSTRUMENT = { fr: 'instrument', en: 'instrument' };

/** The options object a call passes on (without `lang`), as JSON text. */
function options(value, known) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError('options : un objet est attendu / options: an object is expected');
  }
  const out = {};
  for (const key of Object.keys(value)) {
    if (key === 'lang') continue;
    if (!known.includes(key)) {
      throw new TypeError(`options : « ${String(key).slice(0, 40)} » n'existe pas ; options possibles : lang, ${known.join(', ')} / options: "${String(key).slice(0, 40)}" does not exist`);
    }
    const v = value[key];
    if (typeof v === 'number' && !Number.isFinite(v)) {
      // JSON would write NaN and Infinity as null, which means "no option".
      throw new TypeError(`options : « ${key} » doit être un nombre fini / options: "${key}" must be a finite number`);
    }
    out[key] = v;
  }
  return JSON.stringify(out);
}

function call(f) {
  if (!ready) {
    throw new Error('parcours : appelez d\'abord `await init()` / parcours: call `await init()` first');
  }
  return f();
}

/**
 * Reads, checks and compiles a curriculum (JSON text or object). Returns
 * `{ ok: true, curriculum, diagnostics }` (diagnostics: its warnings) or
 * `{ ok: false, diagnostics }`, each diagnostic with its JSON pointer, line,
 * column, message and hint in `lang`.
 */
export function loadCurriculum(curriculum, opts = {}) {
  const lang = langOf(opts);
  const source = text(curriculum, CURRICULUM);
  return call(() => {
    const loaded = wasm.loadCurriculum(source);
    try {
      const diagnostics = JSON.parse(loaded.diagnosticsJson(lang));
      if (!loaded.ok) return { ok: false, diagnostics };
      return { ok: true, curriculum: new Curriculum(loaded.takeCurriculum(), lang), diagnostics };
    } finally {
      loaded.free();
    }
  });
}

/**
 * A compiled curriculum. Each call takes the learner record it is about (JSON
 * text or object): the engine keeps nothing between calls. `free()` releases it
 * (or let the garbage collector do it).
 */
export class Curriculum {
  #inner;
  #lang;

  constructor(inner, lang = 'fr') {
    if (!(inner instanceof wasm.Curriculum)) {
      throw new TypeError('utilisez loadCurriculum() / use loadCurriculum()');
    }
    this.#inner = inner;
    this.#lang = lang;
  }

  #handle() {
    if (!this.#inner) throw new Error('ce cursus a été libéré (free) / this curriculum was freed');
    return this.#inner;
  }

  /** The curriculum's id. */
  get id() { return this.#handle().id; }

  /** Its title, in `lang`. */
  title(lang = this.#lang) { return call(() => this.#handle().title(langOf({ lang }))); }

  /** Where the learner stands: each competency's level and each module's state. */
  status(record, opts) {
    return JSON.parse(this.statusJson(record, opts));
  }

  /** The same, as the command line's JSON text (`parcours status --format json`). */
  statusJson(record, opts = {}) {
    const r = text(record, RECORD);
    return call(() => this.#handle().statusJson(r, langOf(opts, this.#lang)));
  }

  /** The best next modules, each score explained. Options: `top`. */
  recommend(record, opts) {
    return JSON.parse(this.recommendJson(record, opts));
  }

  recommendJson(record, opts = {}) {
    const r = text(record, RECORD);
    const o = options(opts, ['top']);
    return call(() => this.#handle().recommendJson(r, o, langOf(opts, this.#lang)));
  }

  /** Why `moduleId` is not (first) recommended: the lock and what unlocks it, or the scores. */
  whyNot(record, moduleId, opts) {
    return JSON.parse(this.whyNotJson(record, moduleId, opts));
  }

  whyNotJson(record, moduleId, opts = {}) {
    if (typeof moduleId !== 'string') {
      throw new TypeError('whyNot : l\'identifiant du module est attendu (texte) / whyNot: the module id is expected (a string)');
    }
    const r = text(record, RECORD);
    const o = options(opts, ['top']);
    return call(() => this.#handle().whyNotJson(r, moduleId, o, langOf(opts, this.#lang)));
  }

  /** The shortest individual path. Options: `hoursPerWeek`, `nodeBudget`. */
  plan(record, opts) {
    return JSON.parse(this.planJson(record, opts));
  }

  planJson(record, opts = {}) {
    const r = text(record, RECORD);
    const o = options(opts, ['hoursPerWeek', 'nodeBudget']);
    return call(() => this.#handle().planJson(r, o, langOf(opts, this.#lang)));
  }

  /** The individual record against the completion rule. Options: `since` (AAAA-MM-JJ). */
  progress(record, opts) {
    return JSON.parse(this.progressJson(record, opts));
  }

  progressJson(record, opts = {}) {
    const r = text(record, RECORD);
    const o = options(opts, ['since']);
    return call(() => this.#handle().progressJson(r, o, langOf(opts, this.#lang)));
  }

  /** The individual record as a self-contained, printable HTML page. */
  recordHtml(record, opts = {}) {
    const r = text(record, RECORD);
    const o = options(opts, ['since']);
    return call(() => this.#handle().recordHtml(r, o, langOf(opts, this.#lang)));
  }

  /**
   * The curriculum drawn as a self-contained SVG (stages as bands, junctions for
   * any-of and at-least-k, a legend); with `record`, each module coloured by the
   * learner's state and the plan's steps numbered.
   */
  graphSvg(opts = {}) {
    const r = opts.record === undefined || opts.record === null ? undefined : text(opts.record, RECORD);
    return call(() => this.#handle().graphSvg(r, langOf(opts, this.#lang)));
  }

  /**
   * One respondent's self-positioning answers written into a copy of their record
   * (the record given is never changed): `{ record, recordText, summary }`.
   * `answers` are the answer file's bytes (CSV or JSON) or its text. Options: `date`.
   */
  position(instrument, answers, respondent, record, opts = {}) {
    const ins = text(instrument, INSTRUMENT);
    let bytes;
    if (answers instanceof Uint8Array) bytes = answers;
    else if (typeof answers === 'string') bytes = new TextEncoder().encode(answers);
    else throw new TypeError('position : les réponses sont attendues en octets ou en texte / position: answers are expected as bytes or text');
    if (typeof respondent !== 'string') {
      throw new TypeError('position : l\'identifiant du répondant est attendu (texte) / position: the respondent id is expected (a string)');
    }
    const r = text(record, RECORD);
    const o = options(opts, ['date']);
    const out = JSON.parse(call(() => this.#handle().positionJson(ins, bytes, respondent, r, o, langOf(opts, this.#lang))));
    return { record: JSON.parse(out.recordText), recordText: out.recordText, summary: out.summary };
  }

  /** Releases the compiled curriculum now. */
  free() {
    if (this.#inner) {
      this.#inner.free();
      this.#inner = null;
    }
  }
}
