// Why this test exists: the parts of the SCORM adapter that need no page
// (bindings/js/scorm/lms.js) have cases a browser test cannot reach cheaply: an
// API several parents up, behind the opener, past the search limit, behind a
// window of another origin; suspend_data in both forms, and damaged; an LMS
// that throws, answers "false" or sets an error code; the mapping of the
// engine's levels to objectives in each edition. Stand-in windows and APIs,
// in Node (CompressionStream is built in since Node 18).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, decode, encode, findApi, objective, objectiveId, readObjectives, report, sessionTime, stored } from '../../../bindings/js/scorm/lms.js';

/** A chain of windows: `depth` parents above the content, the API on the top one. */
function chain(depth, api, name = 'API_1484_11') {
  const top = { [name]: api };
  top.parent = top;
  let w = top;
  for (let i = 0; i < depth; i++) {
    const child = { parent: w };
    w = child;
  }
  return w;
}

test('the API is found in a parent, several levels up, then through the opener; not past the limit or another origin', () => {
  const api = { id: 'lms' };
  assert.equal(findApi(chain(0, api), '2004'), api, 'in the window itself');
  assert.equal(findApi(chain(3, api), '2004'), api, 'three parents up');
  assert.equal(findApi(chain(3, api, 'API'), '1.2'), api, 'SCORM 1.2 looks for window.API');
  assert.equal(findApi(chain(3, api, 'API'), '2004'), null, 'SCORM 2004 does not take a 1.2 API');
  assert.equal(findApi(chain(501, api), '2004'), null, 'not past 500 parents');
  assert.equal(findApi(chain(500, api), '2004'), api, 'up to 500');
  // Opened in a pop-up: no API above, the opener's frame chain holds it.
  const popup = chain(0, undefined);
  delete popup.API_1484_11;
  popup.opener = chain(2, api);
  assert.equal(findApi(popup, '2004'), api, 'through the opener and its parents');
  // A parent of another origin throws on access: the search ends quietly.
  const guarded = { get parent() { throw new DOMException('cross-origin', 'SecurityError'); } };
  assert.equal(findApi(guarded, '2004'), null);
  const lonely = {};
  lonely.parent = lonely;
  assert.equal(findApi(lonely, '1.2'), null);
});

test('suspend_data: the shorter of JSON and deflate-raw + base64, read back the same; no id, no now; damage throws', async () => {
  const record = {
    formatVersion: 1, id: 'learner-1', now: '2026-12-01', audience: 'professionnels',
    curriculum: { id: 'c', version: '1' },
    completed: Array.from({ length: 30 }, (_, i) => ({ module: `module-${i}`, date: '2026-01-15' })),
  };
  const text = await encode(record);
  assert.ok(text.startsWith('z1:'), 'a long, repetitive record is compressed');
  assert.ok(text.length < stored(record).length);
  const back = await decode(text);
  const { id, now, ...rest } = record;
  assert.deepEqual(back, rest);
  assert.equal(back.id, undefined);
  const small = { formatVersion: 1 };
  assert.equal(await encode(small), 'j1:{"formatVersion":1}', 'a tiny record stays JSON');
  assert.deepEqual(await decode('j1:{"formatVersion":1}'), small);
  assert.equal(await decode(''), null, 'nothing stored yet');
  await assert.rejects(decode('viewed=1,2,3'), SyntaxError, 'another content\'s suspend_data');
  await assert.rejects(decode('j1:[1]'), SyntaxError);
  await assert.rejects(decode('z1:AAAA'));
});

/** A stand-in LMS: values in a map, a failure on the names `fails` matches. */
function lms(edition, fails = null, how = 'false') {
  const values = new Map();
  let error = '0';
  const names = edition === '2004'
    ? { get: 'GetValue', set: 'SetValue', err: 'GetLastError', str: 'GetErrorString', commit: 'Commit', init: 'Initialize', end: 'Terminate' }
    : { get: 'LMSGetValue', set: 'LMSSetValue', err: 'LMSGetLastError', str: 'LMSGetErrorString', commit: 'LMSCommit', init: 'LMSInitialize', end: 'LMSFinish' };
  return {
    values,
    [names.init]: () => 'true',
    [names.end]: () => 'true',
    [names.commit]: () => 'true',
    [names.get]: (k) => { error = '0'; return values.get(k) ?? ''; },
    [names.set]: (k, v) => {
      error = '0';
      if (fails && fails.test(k)) {
        if (how === 'throw') throw new Error('down');
        if (how === 'code') { error = '351'; return 'true'; }
        return 'false';
      }
      values.set(k, v);
      return 'true';
    },
    [names.err]: () => error,
    [names.str]: (c) => (c === '351' ? 'General Set Failure' : ''),
  };
}

test('every LMS failure is reported, never thrown: "false", an exception, an error code after "true"', () => {
  for (const how of ['false', 'throw', 'code']) {
    const errors = [];
    const api = lms('2004', /^cmi\.suspend_data$/, how);
    const session = new Session(api, '2004', (what, detail) => errors.push([what, detail]));
    assert.equal(session.initialize(), true);
    assert.equal(session.set('cmi.suspend_data', 'x'), false, how);
    assert.equal(session.set('cmi.location', 'y'), true);
    assert.equal(errors.length, 1);
    assert.equal(errors[0][0], 'save');
    if (how === 'code') assert.deepEqual(errors[0][1], { code: 351, text: 'General Set Failure' });
    if (how === 'throw') assert.equal(errors[0][1].text, 'down');
  }
  const broken = { GetValue() { throw new Error('gone'); }, GetLastError() { throw new Error('gone'); } };
  const s = new Session(broken, '2004', () => {});
  assert.deepEqual(s.get('cmi.learner_id'), { value: '', detail: { code: 0, text: 'gone' } });
  assert.equal(s.terminate(), false, 'nothing to terminate before initialize');
});

const LEVELS = [
  { competency: 'acquise', after: 2, target: 2, acquired: true },
  { competency: 'en-cours', after: 1, target: 3, acquired: false, inProgress: true },
  { competency: 'sans-preuve', after: null, target: 2, acquired: false },
];

test('objectives: one per competency, by id, with status and score from level and target, in each edition', () => {
  assert.deepEqual(LEVELS.map(objective), [
    { id: 'acquise', scaled: 1, state: 'acquired' },
    { id: 'en-cours', scaled: 0.3333, state: 'progress' },
    { id: 'sans-preuve', scaled: 0, state: 'none' },
  ]);
  assert.equal(objectiveId('a b\u00e9c'), 'a-b-c');
  assert.equal(objectiveId('x'.repeat(300)).length, 255);
  const progress = { completion: { met: false, percentage: 42.5 }, levels: LEVELS.map((l) => ({ ...l, label: `Titre ${l.competency}` })) };

  const api4 = lms('2004');
  const s4 = new Session(api4, '2004', () => assert.fail('no error'));
  const index4 = new Map();
  assert.equal(report(s4, progress, index4), true);
  const v = api4.values;
  assert.equal(v.get('cmi.completion_status'), 'incomplete');
  assert.equal(v.get('cmi.success_status'), 'unknown');
  assert.equal(v.get('cmi.score.scaled'), '0.425');
  assert.equal(v.get('cmi.objectives.1.id'), 'en-cours');
  assert.equal(v.get('cmi.objectives.1.completion_status'), 'incomplete');
  assert.equal(v.get('cmi.objectives.0.success_status'), 'passed');
  assert.equal(v.get('cmi.objectives.2.completion_status'), 'not attempted');
  assert.equal(v.get('cmi.objectives.1.score.scaled'), '0.3333');
  assert.equal(v.get('cmi.objectives.0.description'), 'Titre acquise');
  // Again, met: the same indexes, completed and passed, score 1.
  v.set('cmi.objectives._count', '3');
  const again = readObjectives(s4);
  assert.deepEqual([...again], [['acquise', 0], ['en-cours', 1], ['sans-preuve', 2]]);
  report(s4, { completion: { met: true, percentage: 100 }, levels: [...LEVELS].reverse() }, again);
  assert.equal(v.get('cmi.completion_status'), 'completed');
  assert.equal(v.get('cmi.success_status'), 'passed');
  assert.equal(v.get('cmi.score.scaled'), '1');
  assert.equal(v.get('cmi.objectives.2.id'), 'sans-preuve', 'an objective keeps its index');
  assert.equal(v.has('cmi.objectives.3.id'), false, 'none doubled');
  // A progress of 100 % that does not meet the rule stays under 1.
  report(s4, { completion: { met: false, percentage: 100 }, levels: [] }, again);
  assert.equal(v.get('cmi.score.scaled'), '0.9999');

  const api2 = lms('1.2');
  const s2 = new Session(api2, '1.2', () => assert.fail('no error'));
  report(s2, progress, new Map());
  const w = api2.values;
  assert.equal(w.get('cmi.core.lesson_status'), 'incomplete');
  assert.equal(w.get('cmi.core.score.raw'), '42.5');
  assert.equal(w.get('cmi.core.score.max'), '100');
  assert.deepEqual([0, 1, 2].map((n) => w.get(`cmi.objectives.${n}.status`)), ['passed', 'incomplete', 'not attempted']);
  assert.deepEqual([0, 1, 2].map((n) => w.get(`cmi.objectives.${n}.score.raw`)), ['100', '33', '0']);
  assert.equal(w.has('cmi.objectives.0.description'), false, '1.2 has no description');
});

test('session time: ISO 8601 for 2004, HHHH:MM:SS for 1.2', () => {
  assert.equal(sessionTime(3_723_400, '2004'), 'PT3723S');
  assert.equal(sessionTime(3_723_400, '1.2'), '0001:02:03');
  assert.equal(sessionTime(-5, '1.2'), '0000:00:00');
});
