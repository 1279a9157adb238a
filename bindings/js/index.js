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

// The types the API takes and gives. The data types are generated from the JSON
// Schemas that the Rust types generate (`types.d.ts`, by `npm run types`), so
// `index.d.ts`, which tsc makes from this file's JSDoc, never describes by hand
// what the engine returns.
/** @typedef {import('./types.js').Curriculum} CurriculumDocument A curriculum as designers write it (`curriculum.schema.json`). */
/** @typedef {import('./types.js').LearnerRecord} LearnerRecord A learner record (`learner.schema.json`). */
/** @typedef {import('./types.js').Instrument} Instrument A self-positioning instrument (`instrument.schema.json`). */
/** @typedef {import('./types.js').Status} Status Where the learner stands (`status.schema.json`). */
/** @typedef {import('./types.js').Recommendations} Recommendations The ranked next steps (`recommend.schema.json`). */
/** @typedef {import('./types.js').Recommendation} Recommendation One recommended module. */
/** @typedef {import('./types.js').WhyNot} WhyNot Why a module is not (first) recommended (`why-not.schema.json`). */
/** @typedef {import('./types.js').Plan} Plan The shortest individual path (`plan.schema.json`). */
/** @typedef {import('./types.js').Progress} Progress The individual record against the completion rule (`progress.schema.json`). */
/** @typedef {import('./types.js').DiagnosticOutput} Diagnostic One problem, with its code, place and hint (`diagnostics.schema.json`). */
/** @typedef {import('./types.js').PositionSummary} PositionSummary What an individual positioning added (`position-summary.schema.json`). */
/** @typedef {import('./types.js').Lang} Lang `fr` or `en`. */
/**
 * A compiled `WebAssembly.Module`. Typed `object`: a Node project without the
 * DOM types has no `WebAssembly` namespace, and its build must not fail on ours.
 * @typedef {object} WasmModule
 */
/**
 * A document as the API takes it: the object, its JSON text, or the bytes of
 * its file (UTF-8).
 * @template T
 * @typedef {T | string | Uint8Array} Doc
 */
/** @typedef {{ lang?: Lang }} LangOptions The language of messages and texts (by default the curriculum's, `fr` unless `loadCurriculum` said otherwise). */
/** @typedef {{ lang?: Lang, top?: number }} RecommendOptions `top`: how many modules (5 by default). */
/** @typedef {{ lang?: Lang, hoursPerWeek?: number, nodeBudget?: number }} PlanOptions `hoursPerWeek`: spreads the plan into weeks; `nodeBudget`: the search's budget (never a clock). */
/** @typedef {{ lang?: Lang, since?: string }} ProgressOptions `since`: the entry date, `YYYY-MM-DD`. */
/** @typedef {{ lang?: Lang, record?: Doc<LearnerRecord> | null }} GraphOptions `record`: colour each module by this learner's state, number the plan's steps. */
/** @typedef {{ lang?: Lang, date?: string }} PositionOptions `date`: the day of the answers, `YYYY-MM-DD`. */
/**
 * What `loadCurriculum` gives: the compiled curriculum and its warnings, or
 * every problem that keeps it from loading.
 * @typedef {{ ok: true, curriculum: Curriculum, diagnostics: Diagnostic[] }
 *   | { ok: false, curriculum?: undefined, diagnostics: Diagnostic[] }} LoadResult
 */

/**
 * A document refused by the engine (a learner record that does not read, one of
 * another curriculum, a module that does not exist): `diagnostics` lists each
 * problem with its place and a hint, in the language asked. Personal data from
 * the record is never copied into a message.
 */
export class ParcoursError extends Error {
  /**
   * @param {string} message
   * @param {Diagnostic[]} diagnostics
   * @param {unknown} [cause]
   */
  constructor(message, diagnostics, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ParcoursError';
    /** Each problem, with its code, JSON pointer, message and hint. @type {Diagnostic[]} */
    this.diagnostics = diagnostics;
  }
}

/** @type {Promise<void> | null} */
let ready = null;

/**
 * Loads the WebAssembly module, once. In Node it reads the `.wasm` beside this
 * file; in a browser or bundler it fetches it, or takes `source` (a URL, a
 * `Response`, bytes or a compiled `WebAssembly.Module`).
 * @param {string | URL | Response | ArrayBuffer | ArrayBufferView | WasmModule} [source]
 * @returns {Promise<void>}
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

/**
 * Loads the module from bytes, synchronously (workers, tests).
 * @param {ArrayBuffer | ArrayBufferView | WasmModule} bytes
 * @returns {void}
 */
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

/**
 * Runs `f` on the loaded module. The module's refusals (an `Error` named
 * `ParcoursError`, with `diagnostics`) become this file's `ParcoursError`, so
 * callers can test `instanceof`.
 * @template T
 * @param {() => T} f
 * @returns {T}
 */
function call(f) {
  if (!ready) {
    throw new Error('parcours : appelez d\'abord `await init()` / parcours: call `await init()` first');
  }
  try {
    return f();
  } catch (e) {
    if (e instanceof Error && e.name === 'ParcoursError' && !(e instanceof ParcoursError)) {
      throw new ParcoursError(e.message, /** @type {any} */ (e).diagnostics ?? [], e);
    }
    throw e;
  }
}

/**
 * Reads, checks and compiles a curriculum (JSON text or object). Returns
 * `{ ok: true, curriculum, diagnostics }` (diagnostics: its warnings) or
 * `{ ok: false, diagnostics }`, each diagnostic with its JSON pointer, line,
 * column, message and hint in `lang`.
 * @param {Doc<CurriculumDocument>} curriculum
 * @param {LangOptions} [opts]
 * @returns {LoadResult}
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

  /**
   * Made by `loadCurriculum` only.
   * @private
   * @param {unknown} inner
   * @param {Lang} [lang]
   */
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

  /**
   * The curriculum's id.
   * @returns {string}
   */
  get id() { return this.#handle().id; }

  /**
   * Its title, in `lang`.
   * @param {Lang} [lang]
   * @returns {string}
   */
  title(lang = this.#lang) { return call(() => this.#handle().title(langOf({ lang }))); }

  /**
   * Where the learner stands: each competency's level and each module's state.
   * @param {Doc<LearnerRecord>} record
   * @param {LangOptions} [opts]
   * @returns {Status}
   */
  status(record, opts) {
    return JSON.parse(this.statusJson(record, opts));
  }

  /**
   * The same, as the command line's JSON text (`parcours status --format json`).
   * @param {Doc<LearnerRecord>} record
   * @param {LangOptions} [opts]
   * @returns {string}
   */
  statusJson(record, opts = {}) {
    const r = text(record, RECORD);
    return call(() => this.#handle().statusJson(r, langOf(opts, this.#lang)));
  }

  /**
   * The best next modules, each score explained. Options: `top`.
   * @param {Doc<LearnerRecord>} record
   * @param {RecommendOptions} [opts]
   * @returns {Recommendations}
   */
  recommend(record, opts) {
    return JSON.parse(this.recommendJson(record, opts));
  }

  /**
   * The same, as the command line's JSON text (`parcours recommend --format json`).
   * @param {Doc<LearnerRecord>} record
   * @param {RecommendOptions} [opts]
   * @returns {string}
   */
  recommendJson(record, opts = {}) {
    const r = text(record, RECORD);
    const o = options(opts, ['top']);
    return call(() => this.#handle().recommendJson(r, o, langOf(opts, this.#lang)));
  }

  /**
   * Why `moduleId` is not (first) recommended: the lock and what unlocks it, or the scores.
   * @param {Doc<LearnerRecord>} record
   * @param {string} moduleId
   * @param {RecommendOptions} [opts]
   * @returns {WhyNot}
   */
  whyNot(record, moduleId, opts) {
    return JSON.parse(this.whyNotJson(record, moduleId, opts));
  }

  /**
   * The same, as the command line's JSON text (`parcours recommend --why ID --format json`).
   * @param {Doc<LearnerRecord>} record
   * @param {string} moduleId
   * @param {RecommendOptions} [opts]
   * @returns {string}
   */
  whyNotJson(record, moduleId, opts = {}) {
    if (typeof moduleId !== 'string') {
      throw new TypeError('whyNot : l\'identifiant du module est attendu (texte) / whyNot: the module id is expected (a string)');
    }
    const r = text(record, RECORD);
    const o = options(opts, ['top']);
    return call(() => this.#handle().whyNotJson(r, moduleId, o, langOf(opts, this.#lang)));
  }

  /**
   * The shortest individual path. Options: `hoursPerWeek`, `nodeBudget`.
   * @param {Doc<LearnerRecord>} record
   * @param {PlanOptions} [opts]
   * @returns {Plan}
   */
  plan(record, opts) {
    return JSON.parse(this.planJson(record, opts));
  }

  /**
   * The same, as the command line's JSON text (`parcours plan --format json`).
   * @param {Doc<LearnerRecord>} record
   * @param {PlanOptions} [opts]
   * @returns {string}
   */
  planJson(record, opts = {}) {
    const r = text(record, RECORD);
    const o = options(opts, ['hoursPerWeek', 'nodeBudget']);
    return call(() => this.#handle().planJson(r, o, langOf(opts, this.#lang)));
  }

  /**
   * The individual record against the completion rule. Options: `since` (AAAA-MM-JJ).
   * @param {Doc<LearnerRecord>} record
   * @param {ProgressOptions} [opts]
   * @returns {Progress}
   */
  progress(record, opts) {
    return JSON.parse(this.progressJson(record, opts));
  }

  /**
   * The same, as the command line's JSON text (`parcours progress --format json`).
   * @param {Doc<LearnerRecord>} record
   * @param {ProgressOptions} [opts]
   * @returns {string}
   */
  progressJson(record, opts = {}) {
    const r = text(record, RECORD);
    const o = options(opts, ['since']);
    return call(() => this.#handle().progressJson(r, o, langOf(opts, this.#lang)));
  }

  /**
   * The individual record as a self-contained, printable HTML page.
   * @param {Doc<LearnerRecord>} record
   * @param {ProgressOptions} [opts]
   * @returns {string}
   */
  recordHtml(record, opts = {}) {
    const r = text(record, RECORD);
    const o = options(opts, ['since']);
    return call(() => this.#handle().recordHtml(r, o, langOf(opts, this.#lang)));
  }

  /**
   * The curriculum drawn as a self-contained SVG (stages as bands, junctions for
   * any-of and at-least-k, a legend); with `record`, each module coloured by the
   * learner's state and the plan's steps numbered.
   * @param {GraphOptions} [opts]
   * @returns {string}
   */
  graphSvg(opts = {}) {
    const r = opts.record === undefined || opts.record === null ? undefined : text(opts.record, RECORD);
    return call(() => this.#handle().graphSvg(r, langOf(opts, this.#lang)));
  }

  /**
   * One respondent's self-positioning answers written into a copy of their record
   * (the record given is never changed): `{ record, recordText, summary }`.
   * `answers` are the answer file's bytes (CSV or JSON) or its text. Options: `date`.
   * @param {Doc<Instrument>} instrument
   * @param {Uint8Array | string} answers
   * @param {string} respondent
   * @param {Doc<LearnerRecord>} record
   * @param {PositionOptions} [opts]
   * @returns {{ record: LearnerRecord, recordText: string, summary: PositionSummary }}
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

  /**
   * Releases the compiled curriculum now.
   * @returns {void}
   */
  free() {
    if (this.#inner) {
      this.#inner.free();
      this.#inner = null;
    }
  }
}
