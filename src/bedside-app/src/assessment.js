// What a nurse enters, turned into FHIR Observations exactly as data contract v2 and fhir-profiles/ describe them.
// Pure functions: no DOM, no network, time and ids passed in, so `node --test` checks them and the browser uses them.
import contract from './contract.json' with { type: 'json' };

export { contract };

/** The points an ICE item can give: one per prompt to tick (orientation 4, naming 3, the others 1). */
export const iceItems = contract.ice.items;

/** CAPD items 1-4 are reverse scored: "Never" gives 4 (the child never makes eye contact), "Always" 0. */
export const capdItems = contract.capd.items;

/** An empty entry: nothing assessed yet, so nothing would be written. */
export function emptyEntry(tool = 'ice') {
  return {
    tool,
    // 'scored' | 'not-done' | null (not assessed at this time: nothing written)
    cognitive: null,
    ice: Object.fromEntries(iceItems.map((item) => [item.code, item.points.map(() => false)])),
    capd: capdItems.map(() => null),
    notDoneReason: '',
    findings: Object.fromEntries(contract.domains.map((domain) => [domain.key, null])),
    // domain key ('cognitive' for ICE/CAPD) -> the other cause, when the clinician attributes the finding to one
    attributed: {},
  };
}

/** An ICE item's score: the ticked prompts. */
export function iceItemScore(entry, code) {
  return entry.ice[code].filter(Boolean).length;
}

/** The ICE total (0-10) of a scored entry. */
export function iceTotal(entry) {
  return iceItems.reduce((sum, item) => sum + iceItemScore(entry, item.code), 0);
}

/** A CAPD answer's points: answer index 0..4 = Never..Always. */
export function capdItemScore(item, answer) {
  return item.reverse ? 4 - answer : answer;
}

/** The CAPD total (0-32), or null while an item is unanswered: a partial CAPD is not a score. */
export function capdTotal(entry) {
  if (entry.capd.some((answer) => answer === null)) {
    return null;
  }
  return capdItems.reduce((sum, item, i) => sum + capdItemScore(item, entry.capd[i]), 0);
}

/** The cognitive tool by age at the time of the assessment (ASTCT: CAPD under 12 years). */
export function toolForAge(birthDate, now) {
  if (!birthDate) {
    return 'ice';
  }
  const birth = new Date(birthDate.length === 4 ? `${birthDate}-01-01` : birthDate.length === 7 ? `${birthDate}-01` : birthDate);
  let age = now.getUTCFullYear() - birth.getUTCFullYear();
  const birthdayPassed =
    now.getUTCMonth() > birth.getUTCMonth() || (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() >= birth.getUTCDate());
  if (!birthdayPassed) {
    age -= 1;
  }
  return age < 12 ? 'capd' : 'ice';
}

/**
 * What stops an entry from being saved, as sentences for the nurse; empty when it can be saved.
 * @param {object} entry the form's entry
 * @param {{ performer?: string }} who the signed-in user (fhirUser)
 */
export function problems(entry, { performer } = {}) {
  const found = [];
  if (!performer) {
    found.push('The EHR did not say who is signed in (fhirUser): an assessment cannot be saved without its performer.');
  }
  if (entry.cognitive === null && Object.values(entry.findings).every((code) => code === null)) {
    found.push('Nothing is entered yet.');
  }
  if (entry.cognitive === 'scored' && entry.tool === 'capd' && capdTotal(entry) === null) {
    found.push('Answer all eight CAPD items, or mark CAPD as not done.');
  }
  if (entry.cognitive === 'not-done' && !entry.notDoneReason.trim()) {
    found.push(`Say why ${toolName(entry)} was not done.`);
  }
  for (const [key, cause] of Object.entries(entry.attributed)) {
    if (cause !== null && !cause.trim()) {
      found.push(`Name the other cause the ${domainTitle(key).toLowerCase()} is explained by.`);
    }
    if (cause !== null && !isEntered(entry, key)) {
      found.push(`${domainTitle(key)} is marked as explained by another cause but nothing is entered for it.`);
    }
  }
  return found;
}

/**
 * The Observations an entry records, in the contract's codes and profiles.
 * @param {object} entry the form's entry
 * @param {{ patientId: string, performer: string, now: Date }} context
 */
export function assessmentObservations(entry, context) {
  const observations = [];

  if (entry.cognitive !== null) {
    const spec = entry.tool === 'capd' ? contract.capd : contract.ice;
    const observation = observationOf(spec, context);
    if (entry.cognitive === 'not-done') {
      observation.dataAbsentReason = {
        coding: [coding(contract.dataAbsentReasonSystem, 'not-performed', 'Not Performed')],
        text: entry.notDoneReason.trim(),
      };
    } else if (entry.tool === 'capd') {
      observation.valueInteger = capdTotal(entry);
    } else {
      observation.valueInteger = iceTotal(entry);
      observation.component = iceItems.map((item) => ({
        code: { coding: [coding(contract.observationSystem, item.code, item.display)] },
        valueInteger: iceItemScore(entry, item.code),
      }));
    }
    attribute(observation, entry.attributed.cognitive);
    observations.push(observation);
  }

  for (const domain of contract.domains) {
    const code = entry.findings[domain.key];
    if (code === null) {
      continue;
    }
    const finding = domain.findings.find((f) => f.code === code);
    const observation = observationOf(domain, context);
    observation.valueCodeableConcept = { coding: [coding(contract.findingSystem, finding.code, finding.display)] };
    attribute(observation, entry.attributed[domain.key]);
    observations.push(observation);
  }
  return observations;
}

/**
 * The icans-grade Observation recording a grade the clinician saw and confirmed, derived from its evidence.
 * @param {{ grade: number, evidence: string[] }} grading the service's grading of the chart
 * @param {{ patientId: string, performer: string, now: Date }} context
 */
export function gradeObservation(grading, context) {
  return {
    ...observationOf(contract.icansGrade, context),
    valueInteger: grading.grade,
    derivedFrom: grading.evidence.filter((reference) => reference.startsWith('Observation/')).map((reference) => ({ reference })),
    note: [{ text: 'Graded by CdsHooksIcans (ASTCT 2019) and confirmed by the performer in the bedside app.' }],
  };
}

/** One transaction Bundle creating every resource, so an assessment is saved whole or not at all. */
export function transactionBundle(resources, newUuid) {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({
      fullUrl: `urn:uuid:${newUuid()}`,
      resource,
      request: { method: 'POST', url: resource.resourceType },
    })),
  };
}

/**
 * What the service grades: the chart as read, plus the entry's Observations under draft ids (so the evidence can name
 * them) when the grade "with this assessment" is asked before saving.
 */
export function gradingBundle(chart, drafts = []) {
  const resources = [chart.patient, ...chart.resources, ...drafts.map((draft, i) => ({ ...draft, id: `draft-${i + 1}` }))];
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
}

/** The scopes the EHR granted, and what they allow this app to do. */
export function grantedAbilities(scope) {
  const granted = new Set((scope ?? '').split(/\s+/).filter(Boolean));
  const allows = (type, v2, v1) =>
    [...granted].some((s) => {
      const match = /^(patient|user)\/([A-Za-z*]+)\.([a-z*]+)$/.exec(s);
      if (!match || (match[2] !== type && match[2] !== '*')) {
        return false;
      }
      const permission = match[3];
      return permission === '*' || permission === v1 || (/^c?r?u?d?s?$/.test(permission) && v2.split('').every((p) => permission.includes(p)));
    });
  return {
    read: allows('Observation', 'rs', 'read'),
    write: allows('Observation', 'c', 'write'),
    user: granted.has('fhirUser'),
  };
}

/** What every Observation the app writes carries: its profile, category and code, the patient, now, the performer. */
function observationOf(spec, { patientId, performer, now }) {
  return {
    resourceType: 'Observation',
    meta: { profile: [contract.profileBase + spec.profile] },
    status: 'final',
    category: [category(spec.category)],
    code: { coding: [coding(contract.observationSystem, spec.code, spec.display)] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: instant(now),
    performer: [{ reference: performer }],
  };
}

function attribute(observation, cause) {
  if (cause === null || cause === undefined) {
    return;
  }
  (observation.component ??= []).push({
    code: {
      coding: [coding(contract.observationSystem, contract.attribution.code, contract.attribution.display)],
      text: cause.trim(),
    },
    valueBoolean: true,
  });
}

function isEntered(entry, key) {
  return key === 'cognitive' ? entry.cognitive === 'scored' : entry.findings[key] !== null;
}

function domainTitle(key) {
  return key === 'cognitive' ? 'Cognitive score' : contract.domains.find((d) => d.key === key).title;
}

function toolName(entry) {
  return entry.tool === 'capd' ? 'CAPD' : 'ICE';
}

function category(code) {
  const display = { survey: 'Survey', exam: 'Exam' }[code];
  return { coding: [coding(contract.categorySystem, code, display)] };
}

function coding(system, code, display) {
  return { system, code, display };
}

/** FHIR instant to the second, in UTC. */
function instant(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
