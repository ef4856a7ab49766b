// The app's pure rules: what it writes for an entry. The browser tests (tests/CdsHooksIcans.IntegrationTests/BedsideApp)
// check the same Observations after a real save and grade them with the service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assessmentObservations,
  capdTotal,
  emptyEntry,
  grantedAbilities,
  gradeObservation,
  iceTotal,
  problems,
  toolForAge,
  transactionBundle,
} from '../src/assessment.js';

const context = { patientId: 'p1', performer: 'Practitioner/nurse-1', now: new Date('2026-12-08T10:15:30.123Z') };

function scoredIce(ticked) {
  const entry = emptyEntry('ice');
  entry.cognitive = 'scored';
  for (const [code, points] of Object.entries(ticked)) {
    entry.ice[code] = entry.ice[code].map((_, i) => i < points);
  }
  return entry;
}

test('ICE sums the ticked prompts, and the total carries the five items as components', () => {
  const entry = scoredIce({ 'ice-orientation': 3, 'ice-naming': 2, 'ice-commands': 1 });
  assert.equal(iceTotal(entry), 6);
  const [ice] = assessmentObservations(entry, context);
  assert.equal(ice.code.coding[0].code, 'ice-total');
  assert.equal(ice.valueInteger, 6);
  assert.deepEqual(
    ice.component.map((c) => [c.code.coding[0].code, c.valueInteger]),
    [['ice-orientation', 3], ['ice-naming', 2], ['ice-commands', 1], ['ice-writing', 0], ['ice-attention', 0]]
  );
  assert.equal(ice.effectiveDateTime, '2026-12-08T10:15:30Z');
  assert.deepEqual(ice.performer, [{ reference: 'Practitioner/nurse-1' }]);
  assert.deepEqual(ice.subject, { reference: 'Patient/p1' });
  assert.deepEqual(ice.meta.profile, ['http://cdshooks-icans.org/fhir/StructureDefinition/icans-ice']);
});

test('CAPD reverse-scores items 1-4 and is not a score until all eight are answered', () => {
  const entry = emptyEntry('capd');
  entry.cognitive = 'scored';
  entry.capd = [4, 4, 4, 4, 0, 0, 0, null];
  assert.equal(capdTotal(entry), null);
  assert.ok(problems(entry, context).some((p) => p.includes('eight CAPD items')));
  entry.capd[7] = 0;
  assert.equal(capdTotal(entry), 0, 'Always for 1-4 and Never for 5-8 is no delirium');
  entry.capd = [2, 2, 2, 2, 2, 2, 2, 2];
  assert.equal(capdTotal(entry), 16);
  const [capd] = assessmentObservations(entry, context);
  assert.equal(capd.code.coding[0].code, 'capd-total');
  assert.equal(capd.valueInteger, 16);
  assert.equal(capd.component, undefined, 'CAPD items have no codes in the contract: only the total is written');
});

test('a not-done score has no value and a dataAbsentReason with the reason', () => {
  const entry = emptyEntry('ice');
  entry.cognitive = 'not-done';
  assert.ok(problems(entry, context).some((p) => p.includes('why ICE was not done')));
  entry.notDoneReason = ' asleep, not woken ';
  const [ice] = assessmentObservations(entry, context);
  assert.equal(ice.valueInteger, undefined);
  assert.equal(ice.component, undefined);
  assert.deepEqual(ice.dataAbsentReason, {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'not-performed', display: 'Not Performed' }],
    text: 'asleep, not woken',
  });
});

test('a finding explained by another cause carries the attribution component with the cause as its text', () => {
  const entry = emptyEntry('ice');
  entry.findings.consciousness = 'awakens-to-voice';
  entry.attributed.consciousness = '';
  assert.ok(problems(entry, context).some((p) => p.includes('Name the other cause')));
  entry.attributed.consciousness = 'propofol sedation';
  const [loc] = assessmentObservations(entry, context);
  assert.equal(loc.code.coding[0].code, 'consciousness');
  assert.deepEqual(loc.valueCodeableConcept.coding[0], {
    system: 'http://cdshooks-icans.org/fhir/CodeSystem/icans-finding',
    code: 'awakens-to-voice',
    display: 'Awakens to voice',
  });
  assert.deepEqual(loc.component, [
    {
      code: {
        coding: [{ system: 'http://cdshooks-icans.org/fhir/CodeSystem/icans-observation', code: 'attributed-to-other-cause', display: 'Attributed to another cause' }],
        text: 'propofol sedation',
      },
      valueBoolean: true,
    },
  ]);
});

test('only what was assessed is written: an untouched domain writes nothing, an empty entry cannot be saved', () => {
  const entry = emptyEntry('ice');
  assert.deepEqual(assessmentObservations(entry, context), []);
  assert.ok(problems(entry, context).includes('Nothing is entered yet.'));
  entry.findings.seizure = 'seizure-resolved-rapidly';
  assert.deepEqual(assessmentObservations(entry, context).map((o) => o.code.coding[0].code), ['seizure']);
  assert.deepEqual(problems(entry, context), []);
  assert.ok(problems(entry, { performer: undefined })[0].includes('fhirUser'));
});

test('the transaction Bundle creates every Observation in one request', () => {
  let n = 0;
  const bundle = transactionBundle(assessmentObservations(scoredIce({ 'ice-orientation': 4 }), context), () => `u${++n}`);
  assert.equal(bundle.type, 'transaction');
  assert.deepEqual(bundle.entry.map((e) => [e.fullUrl, e.request.method, e.request.url]), [['urn:uuid:u1', 'POST', 'Observation']]);
});

test('the recorded grade is derived from the Observations the grading named', () => {
  const observation = gradeObservation({ grade: 3, evidence: ['Observation/o1', 'Condition/c1', 'Observation/o2'] }, context);
  assert.equal(observation.code.coding[0].code, 'icans-grade');
  assert.equal(observation.valueInteger, 3);
  assert.deepEqual(observation.derivedFrom, [{ reference: 'Observation/o1' }, { reference: 'Observation/o2' }]);
});

test('CAPD under 12 years at the time of the assessment, ICE from the twelfth birthday', () => {
  const now = new Date('2026-12-08T10:00:00Z');
  assert.equal(toolForAge('2014-12-09', now), 'capd');
  assert.equal(toolForAge('2014-12-08', now), 'ice');
  assert.equal(toolForAge('2019', now), 'capd');
  assert.equal(toolForAge(undefined, now), 'ice');
});

test('granted scopes: v2 and v1 spellings, and a refused write', () => {
  assert.deepEqual(grantedAbilities('launch openid fhirUser patient/Observation.rs patient/Observation.c'), { read: true, write: true, user: true });
  assert.deepEqual(grantedAbilities('patient/Observation.read patient/Observation.write'), { read: true, write: true, user: false });
  assert.deepEqual(grantedAbilities('patient/*.cruds fhirUser'), { read: true, write: true, user: true });
  assert.deepEqual(grantedAbilities('patient/Observation.rs fhirUser'), { read: true, write: false, user: true });
  assert.deepEqual(grantedAbilities(''), { read: false, write: false, user: false });
});
