// Prints, as one JSON array, every kind of Observation the app writes: each finding code of each domain, ICE scored,
// ICE and CAPD not done, CAPD scored, findings explained by another cause, and a recorded grade. The service's tests
// (tests/CdsHooksIcans.Clinical.Tests/Profiles/BedsideAppObservationTests.cs) validate them against fhir-profiles/.
import { assessmentObservations, contract, emptyEntry, gradeObservation } from '../src/assessment.js';

const context = { patientId: 'example-patient', performer: 'Practitioner/nurse-1', now: new Date('2026-01-15T08:00:00Z') };
const entries = [];

const ice = emptyEntry('ice');
ice.cognitive = 'scored';
ice.ice['ice-orientation'] = [true, true, true, false];
ice.ice['ice-naming'] = [true, true, true];
ice.attributed.cognitive = 'post-ictal';
entries.push(ice);

for (const tool of ['ice', 'capd']) {
  const notDone = emptyEntry(tool);
  notDone.cognitive = 'not-done';
  notDone.notDoneReason = 'asleep, not woken';
  entries.push(notDone);
}

const capd = emptyEntry('capd');
capd.cognitive = 'scored';
capd.capd = [4, 3, 2, 1, 0, 1, 2, 3];
entries.push(capd);

for (const domain of contract.domains) {
  domain.findings.forEach((finding, i) => {
    const entry = emptyEntry('ice');
    entry.findings[domain.key] = finding.code;
    if (i === 1) {
      entry.attributed[domain.key] = 'propofol sedation';
    }
    entries.push(entry);
  });
}

const observations = entries.flatMap((entry) => assessmentObservations(entry, context));
observations.push(gradeObservation({ grade: 3, evidence: ['Observation/ice-1', 'Condition/crs-1'] }, context));
console.log(JSON.stringify(observations));
