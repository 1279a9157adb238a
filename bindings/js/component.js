// <parcours-path>: a learner's path drawn in any page, with no framework. The
// host (an LMS) gives a curriculum and a learner record; the element shows the
// prerequisite graph with each module's state (the engine's own SVG, made
// clickable), a module's details and what unlocks it, the individual plan week by
// week, and the competency levels. It never edits the record: when the learner
// marks a module done it sends an event, and the host, which decides what
// completion means, sets an updated record.
//
// Every answer is the engine's (through index.js); this file only arranges words
// around them. Before each call the element sets the record's `now` (a copy: the
// host's object is untouched) from the page's clock, or from the `today`
// attribute when given (tests, or a host that knows better).

import { init, loadCurriculum } from './index.js';

const WORDS = {
  fr: {
    region: 'Parcours de formation',
    quote: (t) => `« ${t} »`,
    next: 'Prochain module recommandé',
    noNext: 'Aucun module n’est recommandé pour l’instant : il n’y a rien d’accessible à suivre.',
    nextIs: (t) => `« ${t} »`,
    graph: 'Graphe des prérequis',
    graphHint: 'Chaque module est un bouton : Tab pour passer d’un module à l’autre, Entrée ou Espace pour ouvrir ses détails, Échap pour les fermer.',
    states: {
      completed: 'suivi',
      expired: 'périmé, à renouveler',
      notForAudience: 'hors public',
      masteredByPositioning: 'acquis au positionnement, peut être dispensé',
      available: 'accessible',
      availableWithWarnings: 'accessible, avec réserve',
      locked: 'verrouillé',
    },
    otherState: 'autre état',
    recommended: 'recommandé ensuite',
    recommendedLegend: 'Contour épais orange : le module recommandé ensuite.',
    step: (n) => `étape ${n} du plan`,
    close: 'Fermer',
    done: 'Marquer comme fait',
    core: 'module obligatoire',
    optional: 'module optionnel',
    stage: (s) => `Étape du cursus : ${s}.`,
    duration: (h) => `Durée : ${h}.`,
    state: (s) => `État : ${s}.`,
    isNext: 'C’est le module recommandé ensuite.',
    // What the recommendation asks beyond taking a new module: the same words
    // as the command line's (parcours-report's `action_in_words`).
    nextAction: (r) => {
      const score = (x) => `${formatNumber(x, 'fr')}/100`;
      switch (r.action) {
        case 'renew':
          return r.expiredOn ? `à renouveler (formation expirée le ${frenchDate(r.expiredOn)})` : 'à renouveler (formation expirée)';
        case 'retake':
          return `à repasser (${typeof r.bestScore === 'number' ? `meilleur score ${score(r.bestScore)}` : 'suivi sans score enregistré'}, ${score(r.requiredScore)} demandé)`;
        default:
          if (r.state !== 'masteredByPositioning') return '';
          return typeof r.requiredScore === 'number'
            ? `acquis au positionnement, à passer pour le score demandé (${score(r.requiredScore)})`
            : 'acquis au positionnement, à suivre : la dispense n’ouvre pas la suite';
      }
    },
    nextWithAction: (t, a) => `« ${t} » : ${a}`,
    why: 'Pourquoi il est verrouillé',
    unlock: 'Ce qui le déverrouille',
    unlockHours: (h) => `En tout, environ ${h} de formation.`,
    impossible: 'Il ne peut pas être déverrouillé pour ce public.',
    warnings: 'Avec réserve',
    itemModule: (t) => `suivre « ${t} »`,
    itemScore: (t, s) => `obtenir au moins ${s} à « ${t} »`,
    itemLevel: (c, l, via) => `atteindre le niveau « ${l} » en « ${c} »` + (via ? `, par « ${via} »` : ', par une évaluation'),
    teaches: 'Compétences travaillées',
    teachesItem: (c, l) => `${c} : jusqu’au niveau « ${l} »`,
    plan: 'Plan individuel',
    planSummary: (h, w, hpw) => `${h} de formation` + (w ? `, en ${w} à raison de ${hpw} par semaine.` : '.'),
    planStatus: {
      feasible: 'Le meilleur plan trouvé dans le temps de calcul ; il peut en exister un plus court.',
      unreachable: 'L’objectif ne peut pas être atteint avec les modules de ce cursus.',
    },
    planEmpty: 'Rien à planifier : l’objectif est atteint.',
    actions: {
      take: '',
      renew: 'à renouveler',
      retake: 'à reprendre pour le score demandé',
      forScore: 'à suivre pour le score demandé',
    },
    week: (a, b) => (a === b ? `semaine ${a}` : `semaines ${a} à ${b}`),
    weeks: (n) => (n === 1 ? '1 semaine' : `${n} semaines`),
    levels: 'Niveaux de compétence',
    noLevel: 'pas encore évalué',
    levelOf: (l, r, n) => `${l} (niveau ${r} sur ${n})`,
    goal: (l, r, n) => `objectif : ${l} (${r} sur ${n})`,
    aim: (l, r, n) => `visé par le cursus : ${l} (${r} sur ${n})`,
    reached: 'atteint',
    hours: (x) => `${formatNumber(x, 'fr')} h`,
    badCurriculum: 'Le cursus ne peut pas être chargé :',
    badRecord: 'Le dossier de l’apprenant est refusé :',
    notJson: 'le dossier de l’apprenant n’est pas du JSON lisible.',
    badToday: (v) => `la date du jour « ${v.slice(0, 20)} » ne se lit pas : écrivez AAAA-MM-JJ.`,
    noEngine: 'Le moteur ne peut pas démarrer :',
    waiting: 'Chargement du parcours…',
    empty: 'Donnez un cursus et un dossier d’apprenant.',
  },
  en: {
    region: 'Learning path',
    quote: (t) => `"${t}"`,
    next: 'Recommended next module',
    noNext: 'No module is recommended for now: nothing available is left to take.',
    nextIs: (t) => `"${t}"`,
    graph: 'Prerequisite graph',
    graphHint: 'Each module is a button: Tab moves from one module to the next, Enter or Space opens its details, Escape closes them.',
    states: {
      completed: 'completed',
      expired: 'expired, to renew',
      notForAudience: 'not for this audience',
      masteredByPositioning: 'mastered at positioning, may be skipped',
      available: 'available',
      availableWithWarnings: 'available, with a warning',
      locked: 'locked',
    },
    otherState: 'other state',
    recommended: 'recommended next',
    recommendedLegend: 'Thick orange outline: the recommended next module.',
    step: (n) => `step ${n} of the plan`,
    close: 'Close',
    done: 'Mark as done',
    core: 'core module',
    optional: 'optional module',
    stage: (s) => `Curriculum stage: ${s}.`,
    duration: (h) => `Duration: ${h}.`,
    state: (s) => `State: ${s}.`,
    isNext: 'This is the recommended next module.',
    nextAction: (r) => {
      const score = (x) => `${formatNumber(x, 'en')}/100`;
      switch (r.action) {
        case 'renew':
          return r.expiredOn ? `to renew (the training expired on ${r.expiredOn})` : 'to renew (the training expired)';
        case 'retake':
          return `to retake (${typeof r.bestScore === 'number' ? `best score ${score(r.bestScore)}` : 'completed with no score recorded'}, ${score(r.requiredScore)} required)`;
        default:
          if (r.state !== 'masteredByPositioning') return '';
          return typeof r.requiredScore === 'number'
            ? `mastered at positioning, to take for the required score (${score(r.requiredScore)})`
            : 'mastered at positioning, to take: the dispensation does not open what follows';
      }
    },
    nextWithAction: (t, a) => `"${t}": ${a}`,
    why: 'Why it is locked',
    unlock: 'What unlocks it',
    unlockHours: (h) => `In all, about ${h} of training.`,
    impossible: 'It cannot be unlocked for this audience.',
    warnings: 'With a warning',
    itemModule: (t) => `complete "${t}"`,
    itemScore: (t, s) => `score at least ${s} in "${t}"`,
    itemLevel: (c, l, via) => `reach the level "${l}" in "${c}"` + (via ? `, through "${via}"` : ', by an assessment'),
    teaches: 'Competencies worked on',
    teachesItem: (c, l) => `${c}: up to the level "${l}"`,
    plan: 'Individual plan',
    planSummary: (h, w, hpw) => `${h} of training` + (w ? `, over ${w} at ${hpw} a week.` : '.'),
    planStatus: {
      feasible: 'The best plan found within the search budget; a shorter one may exist.',
      unreachable: 'The goal cannot be reached with this curriculum’s modules.',
    },
    planEmpty: 'Nothing to plan: the goal is reached.',
    actions: {
      take: '',
      renew: 'to renew',
      retake: 'to retake for the score asked',
      forScore: 'to take for the score asked',
    },
    week: (a, b) => (a === b ? `week ${a}` : `weeks ${a} to ${b}`),
    weeks: (n) => (n === 1 ? '1 week' : `${n} weeks`),
    levels: 'Competency levels',
    noLevel: 'not assessed yet',
    levelOf: (l, r, n) => `${l} (level ${r} of ${n})`,
    goal: (l, r, n) => `goal: ${l} (${r} of ${n})`,
    aim: (l, r, n) => `aimed at by the curriculum: ${l} (${r} of ${n})`,
    reached: 'reached',
    hours: (x) => `${formatNumber(x, 'en')} h`,
    badCurriculum: 'The curriculum cannot be loaded:',
    badRecord: 'The learner record is refused:',
    notJson: 'the learner record is not readable JSON.',
    badToday: (v) => `today's date "${v.slice(0, 20)}" does not read: write YYYY-MM-DD.`,
    noEngine: 'The engine cannot start:',
    waiting: 'Loading the path…',
    empty: 'Give a curriculum and a learner record.',
  },
};

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `YYYY-MM-DD` as French writes it: `DD/MM/YYYY`. */
function frenchDate(iso) {
  const [y, m, d] = String(iso).split('-');
  return `${d}/${m}/${y}`;
}

const GROUP = { fr: '\u202f', en: ',' };
const DECIMAL = { fr: ',', en: '.' };

/**
 * A number as the element writes it: what `Intl.NumberFormat` gives in `fr-FR`
 * or `en-GB` with at most one decimal (half away from zero, on the decimal that
 * prints the number; groups of three), without `Intl`, whose first use in a
 * page loads the locale's data: 30 ms of the first render. Negative, infinite,
 * huge or tiny numbers, which the element never shows, go to `Intl` itself.
 * @param {number} x
 * @param {'fr' | 'en'} lang
 * @returns {string}
 */
export function formatNumber(x, lang) {
  const l = lang === 'en' ? 'en' : 'fr';
  const shortest = String(x);
  if (!(x >= 0) || !Number.isFinite(x) || Object.is(x, -0) || /e/i.test(shortest)) {
    return new Intl.NumberFormat(l === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(x);
  }
  const [whole, fraction = ''] = shortest.split('.');
  // The tenths as a decimal string, rounded up when the next digit is 5 or more.
  let tenths = whole + (fraction[0] ?? '0');
  if ((fraction[1] ?? '0') >= '5') {
    let i = tenths.length - 1;
    while (i >= 0 && tenths[i] === '9') i--;
    tenths = (i < 0 ? '1' : tenths.slice(0, i) + String(Number(tenths[i]) + 1)) + '0'.repeat(tenths.length - 1 - i);
  }
  const int = tenths.slice(0, -1).replace(/^0+(?=\d)/, '') || '0';
  const digit = tenths.slice(-1);
  const grouped = int.length < 4 ? int : int.replace(/\B(?=(\d{3})+$)/g, GROUP[l]);
  return digit === '0' ? grouped : grouped + DECIMAL[l] + digit;
}

// Colours: every text colour has a contrast ratio of at least 4.5:1 on its
// background (the end-to-end test measures them).
const STYLE = `
:host { display: block; box-sizing: border-box; max-width: 100%; color: #1f1f1f; background: #ffffff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: inherit; }
.root { display: grid; gap: 1rem; min-width: 0; overflow-wrap: anywhere; }
section { min-width: 0; }
h2 { font-size: 1.15rem; margin: 0 0 .4rem; }
h3 { font-size: 1rem; margin: .6rem 0 .2rem; }
p { margin: .2rem 0; }
.muted { color: #4a4a4a; }
.status:empty { display: none; }
.error { color: #8b0000; background: #fff4f4; border: 1px solid #8b0000; padding: .5rem .75rem; border-radius: 4px; }
.error ul { margin: .3rem 0 0; padding-left: 1.2rem; }
.next p { font-weight: 600; }
.graph { overflow: auto; max-width: 100%; max-height: 80vh; border: 1px solid #767676; border-radius: 4px; background: #ffffff; }
.graph:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.graph svg { display: block; }
.graph g[data-module] { cursor: pointer; }
.graph g[data-module]:focus { outline: 3px solid #0b57d0; outline-offset: 3px; }
.graph g[data-module]:focus > rect { stroke: #0b57d0; stroke-width: 4px; }
.graph g[data-module].recommended > rect { stroke: #b34700; stroke-width: 4px; stroke-dasharray: none; }
.graph g[data-module].recommended:focus > rect { stroke: #0b57d0; }
.graph g[data-module].selected > rect { stroke-width: 5px; }
.panel { border: 2px solid #1f1f1f; border-radius: 6px; padding: .75rem 1rem; background: #f7f7f7; }
.panel h2:focus { outline: 3px solid #0b57d0; outline-offset: 2px; }
.panel ul { margin: .2rem 0; padding-left: 1.2rem; }
.buttons { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .75rem; }
button { font: inherit; padding: .35rem .9rem; border-radius: 4px; border: 2px solid #0b57d0; cursor: pointer;
  background: #ffffff; color: #0b57d0; min-height: 44px; }
button.primary { background: #0b57d0; color: #ffffff; }
button:focus-visible { outline: 3px solid #1f1f1f; outline-offset: 2px; }
.plan ol { margin: .3rem 0; padding-left: 1.6rem; }
.plan li { margin: .15rem 0; }
.levels ul { list-style: none; margin: 0; padding: 0; display: grid; gap: .6rem; }
.bar { position: relative; height: .9rem; background: #ffffff; border: 1px solid #595959; border-radius: 3px; margin-top: .15rem; max-width: 24rem; }
.bar .fill { position: absolute; inset: 0 auto 0 0; background: #2e6b3a; }
.bar .target { position: absolute; top: -4px; bottom: -4px; width: 3px; background: #1f1f1f; }
.legend-line { font-size: .95rem; }
@media print {
  :host { color: #000000; }
  button, .hint { display: none !important; }
  .graph { overflow: visible; border: none; max-height: none; }
  .graph svg { max-width: 100%; height: auto; }
  .panel[hidden]:not(:empty) { display: block; }
  .panel { break-inside: avoid; background: #ffffff; }
}
`;

const STATES = new Set(Object.keys(WORDS.fr.states));
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Today on the page's clock, as the record wants it (`YYYY-MM-DD`, local time). */
function pageToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** The labels of a curriculum document, looked up by id. */
class Labels {
  constructor(doc, lang) {
    this.lang = lang;
    const fw = doc.framework ?? {};
    this.modules = new Map((doc.modules ?? []).map((m) => [m.id, m]));
    this.stages = new Map((doc.stages ?? []).map((s) => [s.id, s]));
    this.competencies = new Map((fw.competencies ?? []).map((c) => [c.id, c]));
    this.scales = new Map((fw.scales ?? []).map((s) => [s.id, s]));
    this.defaultScale = fw.defaultScale;
    this.competencyOrder = (fw.competencies ?? []).map((c) => c.id);
  }

  text(t) {
    if (t === undefined || t === null) return '';
    if (typeof t === 'string') return t;
    return t[this.lang] ?? t.fr ?? '';
  }

  module(id) {
    return this.text(this.modules.get(id)?.title) || id;
  }

  competency(id) {
    return this.text(this.competencies.get(id)?.title) || id;
  }

  /** The levels of a competency's scale, in rank order. */
  levels(id) {
    const c = this.competencies.get(id);
    return this.scales.get(c?.scale ?? this.defaultScale)?.levels ?? [];
  }

  level(id, rank) {
    return this.text(this.levels(id)[rank]?.label) || String(rank);
  }
}

/** @typedef {import('./index.js').CurriculumDocument} CurriculumDocument */
/** @typedef {import('./index.js').LearnerRecord} LearnerRecord */

/**
 * `<parcours-path>`: set `curriculum` and `record` (objects or JSON text), and
 * listen for `parcours-open` and `parcours-done` (`detail: { module }`, bubbling
 * and composed). The host decides what completion means and sets an updated
 * `record`; the element never edits it.
 */
export class ParcoursPath extends HTMLElement {
  static observedAttributes = ['curriculum', 'record', 'lang', 'today', 'hours-per-week'];

  #curriculum = null;
  #record = null;
  #loaded = null; // { source, lang, result }
  #selected = null;
  #opener = null;
  #generation = 0;
  #scheduled = false;
  #rendered = Promise.resolve();
  #lastRecord = null;
  #parts;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = el('style');
    style.textContent = STYLE;
    const parts = {
      error: el('div', { class: 'error', role: 'alert', hidden: true }),
      status: el('p', { class: 'muted status', 'aria-live': 'polite' }),
      nextTitle: el('h2'),
      nextText: el('p'),
      graphTitle: el('h2', { id: 'graph-heading' }),
      hint: el('p', { class: 'muted hint' }),
      graph: el('div', { class: 'graph', tabindex: '0', role: 'region', 'aria-labelledby': 'graph-heading' }),
      legend: el('p', { class: 'muted legend-line' }),
      panel: el('section', { class: 'panel', hidden: true, 'aria-labelledby': 'panel-title' }),
      planTitle: el('h2'),
      planBody: el('div'),
      levelsTitle: el('h2'),
      levelsBody: el('ul'),
    };
    parts.next = el('section', { class: 'next', 'aria-live': 'polite' }, parts.nextTitle, parts.nextText);
    parts.graphSection = el('section', { class: 'graph-section' }, parts.graphTitle, parts.hint, parts.graph, parts.legend);
    parts.plan = el('section', { class: 'plan' }, parts.planTitle, parts.planBody);
    parts.levels = el('section', { class: 'levels' }, parts.levelsTitle, parts.levelsBody);
    parts.root = el('div', { class: 'root', role: 'region' },
      parts.error, parts.status, parts.next, parts.graphSection, parts.panel, parts.plan, parts.levels);
    root.append(style, parts.root);
    this.#parts = parts;

    parts.graph.addEventListener('click', (e) => {
      const node = e.target.closest?.('g[data-module]');
      if (node) this.#open(node.dataset.module, node);
    });
    parts.graph.addEventListener('keydown', (e) => {
      const node = e.target.closest?.('g[data-module]');
      if (node && (e.key === 'Enter' || e.key === ' ' || e.key === 'Spacebar')) {
        e.preventDefault();
        this.#open(node.dataset.module, node);
      }
    });
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !parts.panel.hidden) {
        e.preventDefault();
        this.#close();
      }
    });
  }

  connectedCallback() {
    // Fetch and compile the engine now, while the host is still fetching the
    // curriculum and the record, rather than after: the first drawing then waits
    // for the slower of the two, not for both one after the other. A failure
    // shows at the first drawing (`init` forgets a failed start and tries again).
    init().catch(() => {});
    this.#schedule();
  }

  disconnectedCallback() {
    this.#generation++;
  }

  /**
   * @param {string} name
   * @param {string | null} old
   * @param {string | null} value
   */
  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'curriculum') this.#curriculum = value;
    if (name === 'record') this.#record = value;
    this.#schedule();
  }

  /**
   * The curriculum: an object or its JSON text.
   * @type {CurriculumDocument | string | null}
   */
  get curriculum() { return this.#curriculum; }
  set curriculum(value) { this.#curriculum = value; this.#schedule(); }

  /**
   * The learner record: an object or its JSON text. Never changed by the element.
   * @type {LearnerRecord | string | null}
   */
  get record() { return this.#record; }
  set record(value) { this.#record = value; this.#schedule(); }

  /**
   * `fr` (the default) or `en`.
   * @type {'fr' | 'en'}
   */
  get lang() {
    const l = this.getAttribute('lang');
    return l === 'en' ? 'en' : 'fr';
  }
  set lang(value) { this.setAttribute('lang', value === 'en' ? 'en' : 'fr'); }

  /**
   * The date the element calls today (`YYYY-MM-DD`): the `today` attribute, else
   * the page's clock; `null` or `''` goes back to the clock.
   * @type {string}
   */
  get today() { return this.getAttribute('today') ?? pageToday(); }
  /** @param {string | null | undefined} value */
  set today(value) {
    if (value === null || value === undefined || value === '') this.removeAttribute('today');
    else this.setAttribute('today', value);
  }

  /**
   * Hours a week for the plan (attribute `hours-per-week`, 7 by default).
   * @type {number}
   */
  get hoursPerWeek() {
    const h = Number(this.getAttribute('hours-per-week'));
    return Number.isFinite(h) && h > 0 ? h : 7;
  }
  set hoursPerWeek(value) { this.setAttribute('hours-per-week', String(value)); }

  /**
   * A copy of the record last given to the engine (with the `now` the element set).
   * @returns {LearnerRecord | null}
   */
  get lastRecord() { return this.#lastRecord === null ? null : structuredClone(this.#lastRecord); }

  /**
   * Settles when what was last asked for is drawn.
   * @returns {Promise<void>}
   */
  get rendered() { return this.#rendered; }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#rendered = Promise.resolve().then(() => {
      this.#scheduled = false;
      return this.isConnected ? this.#render() : undefined;
    });
  }

  #words() { return WORDS[this.lang]; }

  /** Shows or hides what is drawn from the engine's answers (hidden while they are wrong). */
  #content(visible) {
    const p = this.#parts;
    for (const part of [p.next, p.graphSection, p.plan, p.levels]) part.hidden = !visible;
    if (!visible) p.panel.hidden = true;
  }

  #showError(title, lines = []) {
    this.#content(false);
    const { error } = this.#parts;
    error.replaceChildren(el('p', {}, title), lines.length ? el('ul', {}, lines.map((l) => el('li', {}, l))) : null);
    error.hidden = false;
  }

  async #render() {
    const gen = ++this.#generation;
    const w = this.#words();
    const p = this.#parts;
    p.root.setAttribute('aria-label', w.region);
    p.error.hidden = true;
    if (this.#curriculum === null || this.#curriculum === undefined || this.#record === null || this.#record === undefined) {
      this.#content(false);
      p.status.textContent = w.empty;
      return;
    }
    p.status.textContent = w.waiting;
    try {
      await init();
    } catch (e) {
      if (gen === this.#generation) this.#showError(w.noEngine, [String(e?.message ?? e)]);
      return;
    }
    if (gen !== this.#generation) return;
    p.status.textContent = '';
    this.#draw(w);
  }

  /** Loads the curriculum again only when it (or the language of its diagnostics) changed. */
  #load() {
    // Compared as text: a host that changes its object and sets it again gets
    // the new curriculum.
    const source = typeof this.#curriculum === 'string' ? this.#curriculum : JSON.stringify(this.#curriculum);
    const lang = this.lang;
    if (!this.#loaded || this.#loaded.source !== source || this.#loaded.lang !== lang) {
      this.#loaded?.result?.curriculum?.free();
      const result = loadCurriculum(source, { lang });
      const doc = result.ok ? JSON.parse(source) : null;
      this.#loaded = { source, lang, result, doc };
    }
    return this.#loaded;
  }

  #draw(w) {
    const p = this.#parts;
    const lang = this.lang;
    let loaded;
    try {
      loaded = this.#load();
    } catch (e) {
      this.#showError(w.badCurriculum, [String(e?.message ?? e)]);
      return;
    }
    if (!loaded.result.ok) {
      this.#showError(w.badCurriculum, loaded.result.diagnostics.map((d) => `${d.message} ${d.hint ?? ''}`.trim()));
      return;
    }
    const c = loaded.result.curriculum;
    const labels = new Labels(loaded.doc, lang);
    const today = this.today;
    if (!DATE.test(today)) {
      this.#showError(w.badRecord, [w.badToday(today)]);
      return;
    }
    let record;
    try {
      const given = typeof this.#record === 'string' ? JSON.parse(this.#record) : this.#record;
      if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new SyntaxError();
      // A copy with today's date: the host's object is never touched.
      record = { ...structuredClone(given), now: today };
    } catch (e) {
      this.#showError(w.badRecord, [w.notJson]);
      return;
    }
    this.#lastRecord = record;
    let status, recommend, plan, svg;
    try {
      status = c.status(record, { lang });
      recommend = c.recommend(record, { top: 1, lang });
      plan = c.plan(record, { hoursPerWeek: this.hoursPerWeek, lang });
      svg = c.graphSvg({ record, lang });
    } catch (e) {
      const lines = Array.isArray(e?.diagnostics)
        ? e.diagnostics.map((d) => `${d.message} ${d.hint ?? ''}`.trim())
        : [String(e?.message ?? e)];
      this.#showError(w.badRecord, lines);
      return;
    }
    this.#content(true);
    const first = recommend.recommendations?.[0] ?? null;
    const next = first?.module ?? null;
    // A renewal, a retake or a dispensed module to take all the same says so.
    const nextAction = first ? w.nextAction(first) : '';
    const view = { c, labels, record, status, next, nextAction, plan, lang, w };
    this.#view = view;

    p.nextTitle.textContent = w.next;
    p.nextText.textContent = !next ? w.noNext
      : nextAction ? w.nextWithAction(labels.module(next), nextAction) : w.nextIs(labels.module(next));
    p.nextText.dataset.module = next ?? '';
    p.nextText.dataset.action = first?.action ?? '';

    const focused = this.shadowRoot.activeElement?.closest?.('g[data-module]')?.dataset.module;
    p.graphTitle.textContent = w.graph;
    p.hint.textContent = w.graphHint;
    p.graph.replaceChildren(this.#graph(svg, view));
    p.legend.textContent = w.recommendedLegend;
    if (focused) this.#node(focused)?.focus();

    this.#drawPlan(view);
    this.#drawLevels(view);
    if (this.#selected && labels.modules.has(this.#selected)) {
      this.#fillPanel(this.#selected);
    } else {
      this.#close(false);
    }
  }

  #view = null;

  #node(module) {
    return [...this.#parts.graph.querySelectorAll('g[data-module]')].find((g) => g.dataset.module === module) ?? null;
  }

  /** The engine's drawing, each module made a button with its title and state in words. */
  #graph(svgText, { status, next, labels, w, plan }) {
    // Through the HTML parser (an inert template), which reads SVG as the page
    // would: 2.6 ms for the largest bundled drawing where DOMParser's XML parser
    // and importNode took 6 ms of the first render.
    const template = document.createElement('template');
    template.innerHTML = svgText;
    const svg = template.content.querySelector('svg') ?? document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    // It holds buttons now: a group, not a flat picture.
    svg.setAttribute('role', 'group');
    // On screen at its natural size, so that its words read; the box scrolls.
    // (The engine sizes it in millimetres to fit an A4 page, which the print
    // stylesheet keeps by fitting it to the page's width.)
    const box = (svg.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
    if (box.length === 4 && box.every(Number.isFinite)) {
      svg.setAttribute('width', String(box[2]));
      svg.setAttribute('height', String(box[3]));
    }
    const states = new Map(status.modules.map((m) => [m.module, m.state]));
    const steps = new Map();
    (plan.steps ?? []).forEach((s, i) => { if (!steps.has(s.module)) steps.set(s.module, i + 1); });
    for (const g of svg.querySelectorAll('g[data-module]')) {
      const id = g.dataset.module;
      const state = states.get(id);
      const words = [labels.module(id), STATES.has(state) ? w.states[state] : w.otherState];
      if (id === next) {
        g.classList.add('recommended');
        g.dataset.recommended = 'true';
        words.push(w.recommended);
      }
      if (steps.has(id)) words.push(w.step(steps.get(id)));
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', words.join(' — '));
      if (id === this.#selected) g.classList.add('selected');
    }
    return svg;
  }

  #open(module, node) {
    this.#selected = module;
    this.#opener = node ?? this.#node(module);
    for (const g of this.#parts.graph.querySelectorAll('g.selected')) g.classList.remove('selected');
    this.#opener?.classList.add('selected');
    this.#fillPanel(module);
    this.#parts.panel.querySelector('h2')?.focus();
    this.dispatchEvent(new CustomEvent('parcours-open', { detail: { module }, bubbles: true, composed: true }));
  }

  #close(restoreFocus = true) {
    const p = this.#parts;
    const wasOpen = !p.panel.hidden;
    p.panel.hidden = true;
    const module = this.#selected;
    this.#selected = null;
    for (const g of p.graph.querySelectorAll('g.selected')) g.classList.remove('selected');
    if (restoreFocus && wasOpen && module) (this.#node(module) ?? p.graph).focus();
  }

  #fillPanel(module) {
    const v = this.#view;
    if (!v) return;
    const { c, labels, record, status, next, nextAction, lang, w } = v;
    const m = labels.modules.get(module) ?? {};
    const entry = status.modules.find((s) => s.module === module) ?? { state: 'available' };
    const state = entry.state;
    const body = [];
    body.push(el('p', { class: 'muted' }, m.kind === 'core' ? w.core : w.optional));
    const stage = labels.stages.get(m.stage);
    if (stage) body.push(el('p', {}, w.stage(labels.text(stage.title))));
    if (typeof m.durationHours === 'number') body.push(el('p', {}, w.duration(w.hours(m.durationHours))));
    body.push(el('p', { class: 'state', 'data-state': state }, w.state(STATES.has(state) ? w.states[state] : w.otherState)));
    if (module === next) {
      body.push(el('p', {}, el('strong', {}, w.isNext), ...(nextAction ? [` ${capitalise(nextAction)}.`] : [])));
    }
    if (m.description) body.push(el('p', {}, labels.text(m.description)));

    if (state === 'locked') {
      let why = entry;
      try {
        why = c.whyNot(record, module, { lang });
      } catch {
        // The status already says why; whyNot only adds the scores.
      }
      const reasons = (why.why ?? entry.why ?? []).map((r) => labels.text(r.text)).filter(Boolean);
      if (reasons.length) {
        body.push(el('h3', {}, w.why), el('ul', { class: 'why' }, reasons.map((r) => el('li', {}, r))));
      }
      const unlock = why.unlock ?? entry.unlock;
      if (unlock) {
        body.push(el('h3', {}, w.unlock));
        if (unlock.possible === false) body.push(el('p', {}, w.impossible));
        const items = (unlock.items ?? []).map((it) => {
          if (it.kind === 'module') return w.itemModule(labels.module(it.module));
          if (it.kind === 'score') return w.itemScore(labels.module(it.module), formatNumber(it.min, lang));
          if (it.kind === 'competency') {
            return w.itemLevel(labels.competency(it.competency), labels.level(it.competency, it.level), it.via ? labels.module(it.via) : null);
          }
          return null;
        }).filter(Boolean);
        if (items.length) body.push(el('ul', { class: 'unlock' }, items.map((i) => el('li', {}, i))));
        if (typeof unlock.minutes === 'number' && unlock.minutes > 0) {
          body.push(el('p', {}, w.unlockHours(w.hours(unlock.minutes / 60))));
        }
      }
    }
    if (state === 'availableWithWarnings' && entry.warnings?.length) {
      body.push(el('h3', {}, w.warnings), el('ul', {}, entry.warnings.map((x) => el('li', {}, labels.text(x.text)))));
    }
    const teaches = (m.teaches ?? []).map((t) => w.teachesItem(labels.competency(t.competency), labels.level(t.competency, t.level)));
    if (teaches.length) body.push(el('h3', {}, w.teaches), el('ul', {}, teaches.map((t) => el('li', {}, t))));

    const buttons = el('div', { class: 'buttons' });
    if (['available', 'availableWithWarnings', 'expired', 'masteredByPositioning'].includes(state)) {
      const done = el('button', { type: 'button', class: 'primary done' }, w.done);
      done.addEventListener('click', () => {
        this.dispatchEvent(new CustomEvent('parcours-done', { detail: { module }, bubbles: true, composed: true }));
      });
      buttons.append(done);
    }
    const close = el('button', { type: 'button', class: 'close' }, w.close);
    close.addEventListener('click', () => this.#close());
    buttons.append(close);

    const p = this.#parts;
    const keepFocus = p.panel.contains(this.shadowRoot.activeElement);
    p.panel.dataset.module = module;
    p.panel.replaceChildren(el('h2', { id: 'panel-title', tabindex: '-1' }, labels.module(module)), ...body, buttons);
    p.panel.hidden = false;
    if (keepFocus) p.panel.querySelector('h2').focus();
  }

  #drawPlan({ plan, labels, w }) {
    const p = this.#parts;
    p.planTitle.textContent = w.plan;
    const span = new Map();
    for (const week of plan.weeks ?? []) {
      for (const m of week.modules ?? []) {
        const s = span.get(m);
        span.set(m, s ? [Math.min(s[0], week.week), Math.max(s[1], week.week)] : [week.week, week.week]);
      }
    }
    const weeks = (plan.weeks ?? []).length;
    const body = [];
    if (plan.status && plan.status !== 'optimal') body.push(el('p', { class: 'plan-status' }, w.planStatus[plan.status] ?? ''));
    const steps = plan.steps ?? [];
    if (steps.length === 0) {
      if (plan.status !== 'unreachable') body.push(el('p', {}, w.planEmpty));
    } else {
      body.push(el('p', {}, w.planSummary(w.hours(plan.totalHours ?? 0), weeks ? w.weeks(weeks) : null, w.hours(this.hoursPerWeek))));
      body.push(el('ol', {}, steps.map((s) => {
        const parts = [w.hours(s.hours)];
        const sp = span.get(s.module);
        if (sp) parts.push(w.week(sp[0], sp[1]));
        const action = w.actions[s.action];
        if (action) parts.push(action);
        return el('li', { 'data-module': s.module }, `${w.quote(labels.module(s.module))} — ${parts.join(', ')}`);
      })));
    }
    p.planBody.replaceChildren(...body);
  }

  #drawLevels({ status, labels, record, w }) {
    const p = this.#parts;
    p.levelsTitle.textContent = w.levels;
    const goals = new Map((record.goals?.competencies ?? []).map((g) => [g.competency, g.level]));
    // Without a goal, the level the curriculum's modules teach at most.
    const taught = new Map();
    for (const m of labels.modules.values()) {
      for (const t of m.teaches ?? []) taught.set(t.competency, Math.max(taught.get(t.competency) ?? -1, t.level));
    }
    const levels = new Map(status.competencies.map((s) => [s.competency, s.level]));
    const items = labels.competencyOrder.filter((id) => levels.has(id) || goals.has(id) || taught.has(id)).map((id) => {
      const scale = labels.levels(id);
      const n = Math.max(scale.length, 1);
      const level = levels.get(id);
      const goal = goals.get(id);
      const target = goal ?? taught.get(id);
      const text = [level === null || level === undefined ? w.noLevel : w.levelOf(labels.level(id, level), level + 1, n)];
      if (target !== undefined) {
        const t = (goal !== undefined ? w.goal : w.aim)(labels.level(id, target), target + 1, n);
        text.push(level !== null && level !== undefined && level >= target ? `${t}, ${w.reached}` : t);
      }
      const fill = level === null || level === undefined ? 0 : ((level + 1) / n) * 100;
      const bar = el('div', { class: 'bar', 'aria-hidden': 'true' }, el('div', { class: 'fill', style: `width: ${fill}%` }),
        target !== undefined ? el('div', { class: 'target', style: `left: calc(${((target + 1) / n) * 100}% - 2px)` }) : null);
      return el('li', { 'data-competency': id },
        el('strong', {}, labels.competency(id)), ' ', el('span', { class: 'level-text' }, text.join(' — ')), bar);
    });
    p.levelsBody.replaceChildren(...items);
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('parcours-path')) {
  customElements.define('parcours-path', ParcoursPath);
}
