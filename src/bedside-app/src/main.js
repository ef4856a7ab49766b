// The bedside app after the SMART launch: reads the chart, shows the grade the service computes (now, and with the
// entry before it is saved), saves the entry as one transaction Bundle, reads it back, and draws the course.
import FHIR from 'fhirclient';
import {
  assessmentObservations,
  grantedAbilities,
  gradeObservation,
  gradingBundle,
  problems,
  toolForAge,
  transactionBundle,
} from './assessment.js';
import { createAndReadBack, readChart, saveAndReadBack } from './chart-reader.js';
import { showCourse } from './course-view.js';
import { el, entryForm } from './entry-form.js';
import { course, grade, loadConfig } from './service.js';

const $ = (id) => document.getElementById(id);
const app = { client: null, config: null, chart: null, current: null, form: null, performer: null, abilities: null };
let previewTimer;
let previewRequest = 0;

start();

async function start() {
  try {
    app.client = await FHIR.oauth2.ready();
  } catch (error) {
    fail(`Open this app from the patient's chart in the EHR (or from launch.html). The launch did not complete: ${error.message}`);
    return;
  }
  try {
    app.config = await loadConfig();
    const token = app.client.state.tokenResponse ?? {};
    app.abilities = grantedAbilities(token.scope);
    app.performer = app.client.getFhirUser();
    await refresh();

    app.form = entryForm($('entry-fields'), { tool: toolForAge(app.chart.patient.birthDate, new Date()), onChange: previewSoon });
    $('entry').addEventListener('submit', (event) => {
      event.preventDefault();
      save();
    });
    $('clear').addEventListener('click', () => {
      app.form.reset();
      previewSoon();
    });
    $('record-grade').addEventListener('click', recordGrade);
    explainLimits();
    $('app').hidden = false;
    openView(appContextView(token.appContext));
  } catch (error) {
    fail(explain(error));
  }
}

/** Reads the chart again and shows its grade and course. */
async function refresh() {
  app.chart = await readChart(app.client, app.config);
  const bundle = gradingBundle(app.chart);
  const [now, history] = await Promise.all([grade(bundle), course(bundle)]);
  app.current = now;
  showPatient(app.chart.patient, now.grading, history.therapy);
  showGrade($('grade-now'), now);
  updateRecordButton();
  showCourse({ canvas: $('course-chart'), table: $('course-table'), figure: $('course-figure') }, history);
}

function previewSoon() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, 250);
}

/** The grade the chart would have with this entry, before anything is saved. */
async function preview() {
  const entry = app.form.entry();
  const target = $('grade-with-entry');
  $('entry-problems').replaceChildren();
  const drafts = assessmentObservations(entry, context(app.performer ?? 'Practitioner/unknown'));
  if (drafts.length === 0) {
    target.querySelector('.summary').textContent = 'Enter the assessment to see its grade before saving.';
    target.className = 'grade';
    return;
  }
  const request = ++previewRequest;
  try {
    const answer = await grade(gradingBundle(app.chart, drafts));
    if (request === previewRequest) {
      showGrade(target, answer);
    }
  } catch (error) {
    target.querySelector('.summary').textContent = explain(error);
  }
}

async function save() {
  const entry = app.form.entry();
  const found = problems(entry, { performer: app.performer });
  if (!app.abilities.write) {
    found.unshift('The EHR did not grant this app permission to save Observations (patient/Observation.c).');
  }
  if (found.length > 0) {
    const list = $('entry-problems');
    list.replaceChildren(...found.map((text) => el('li', {}, text)));
    list.tabIndex = -1;
    list.focus();
    return;
  }
  const button = $('save');
  button.disabled = true;
  const before = app.current;
  try {
    const sent = assessmentObservations(entry, context(app.performer));
    const stored = await saveAndReadBack(app.client, transactionBundle(sent, () => crypto.randomUUID()));
    checkReadBack(sent, stored);
    await refresh();
    app.form.reset();
    previewSoon();
    $('save-result').textContent =
      `Saved and read back ${stored.map((o) => `Observation/${o.id}`).join(', ')}. ` +
      `Before saving: ${gradeWords(before.grading)}; after: ${gradeWords(app.current.grading)}.`;
  } catch (error) {
    $('save-result').textContent = `Not saved: ${explain(error)}`;
  } finally {
    button.disabled = false;
  }
}

async function recordGrade() {
  const grading = app.current.grading;
  const button = $('record-grade');
  button.disabled = true;
  try {
    const stored = await createAndReadBack(app.client, gradeObservation(grading, context(app.performer)));
    await refresh();
    $('save-result').textContent = `Recorded ICANS grade ${stored.valueInteger} as Observation/${stored.id}.`;
  } catch (error) {
    $('save-result').textContent = `Grade not recorded: ${explain(error)}`;
    updateRecordButton();
  }
}

/** The server stored what was sent: same codes and values, same patient and performer. */
function checkReadBack(sent, stored) {
  const key = (o) =>
    JSON.stringify([o.code.coding[0].code, o.valueInteger ?? o.valueCodeableConcept?.coding?.[0]?.code ?? o.dataAbsentReason?.coding?.[0]?.code, o.subject.reference, o.performer?.[0]?.reference]);
  const expected = sent.map(key).sort();
  const actual = stored.map(key).sort();
  if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    throw new Error('the FHIR server stored something other than what was sent; check the chart before relying on it');
  }
}

function showGrade(article, answer) {
  const grading = answer.grading;
  article.className = `grade ${indicator(grading)}`;
  // What the grade is, readable by tests and integrations without parsing the wording.
  article.dataset.status = answer.summary ? grading.status : 'no-card';
  article.dataset.grade = grading.status === 'graded' ? String(grading.grade) : '';
  article.querySelector('.summary').textContent =
    answer.summary ?? 'No ICANS grading: no CAR-T or T-cell engager therapy is in its monitoring window.';
  const detail = article.querySelector('.detail');
  if (detail) {
    detail.textContent = answer.detail ?? '';
  }
}

function updateRecordButton() {
  const button = $('record-grade');
  const grading = app.current?.grading;
  const graded = grading?.status === 'graded' && app.current.summary;
  button.textContent = graded ? `Record ICANS grade ${grading.grade} in the chart` : 'Record this grade';
  button.disabled = !graded || !app.abilities?.write || !app.performer;
  button.title = graded ? '' : 'An incomplete grade cannot be recorded: complete the assessment first.';
}

function showPatient(patient, grading, therapy) {
  const name = patient.name?.[0];
  const words = [name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ')];
  if (patient.birthDate) {
    words.push(`born ${patient.birthDate}`);
  }
  if (grading?.therapy) {
    words.push(`${therapy?.display ?? grading.therapy}${grading.daysSinceInfusion !== undefined ? `, day ${grading.daysSinceInfusion} after infusion` : ''}`);
  }
  $('patient').textContent = words.filter(Boolean).join(' · ');
}

function explainLimits() {
  const notes = [];
  if (!app.abilities.write) {
    notes.push('The EHR granted read access only: the grade and the course are shown, but assessments cannot be saved (patient/Observation.c was not granted).');
    $('save').disabled = true;
  }
  if (!app.performer) {
    notes.push('The EHR did not say who is signed in (fhirUser): assessments cannot be saved without their performer.');
    $('save').disabled = true;
  }
  if (notes.length > 0) {
    const notice = $('app-notice');
    notice.textContent = notes.join(' ');
    notice.hidden = false;
  }
}

/** The card's appContext says which part to open: the entry (score ICE now) or the course. */
function appContextView(appContext) {
  try {
    return (typeof appContext === 'string' ? JSON.parse(appContext) : appContext)?.view ?? 'entry';
  } catch {
    return 'entry';
  }
}

function openView(view) {
  if (view === 'course') {
    $('course').scrollIntoView();
    $('course-title').tabIndex = -1;
    $('course-title').focus();
  } else {
    app.form.focusFirst();
  }
}

function context(performer) {
  return { patientId: app.chart.patient.id, performer, now: new Date() };
}

function indicator(grading) {
  const grade = grading.status === 'graded' ? grading.grade : Math.max(grading.lowerBound ?? 1, 1);
  return grade >= 3 ? 'critical' : grade >= 1 ? 'warning' : 'info';
}

function gradeWords(grading) {
  return grading.status === 'graded' ? `grade ${grading.grade}` : `grade unknown (at least ${grading.lowerBound})`;
}

/** A sentence for the nurse: an expired session and a refused permission say what to do. */
function explain(error) {
  const status = error?.status ?? error?.statusCode ?? error?.response?.status;
  if (status === 401) {
    return 'Your EHR session has expired. Relaunch the app from the patient\'s chart; nothing was saved.';
  }
  if (status === 403) {
    return 'The EHR refused this (permission not granted to the app). Nothing was saved.';
  }
  return error?.message ?? String(error);
}

function fail(message) {
  const error = $('app-error');
  error.textContent = message;
  error.hidden = false;
  $('patient').textContent = '';
}
