// The demo: a local FHIR server holding the scenario patients, with their dates moved so the scenarios happen now, and
// both hooks fired at the running CDS service with fhirServer pointing at it and no prefetch (the service reads what it
// needs). Prints the cards.
//
//   dotnet run --project src/CdsHooksIcans.Service          (in one terminal: the service on http://localhost:5080)
//   npm ci --prefix tests/fhir-server && node tests/fhir-server/demo.mjs [--service URL] [--port N] [--keep-running]
//
// The request bodies are docs/requests/demo-patient-view.json and demo-order-sign.json ($PATIENT_ID, $FHIR_SERVER and
// $HOOK_INSTANCE are filled in). --keep-running leaves the FHIR server up afterwards, for curl or a CDS client.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readBundles, shiftDates, startFhirServer } from './fhir-server.mjs';

/** The instant every scenario is written around (fhir-profiles/scenarios). */
const SCENARIO_REFERENCE_TIME = '2026-01-15T12:00:00Z';
const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const { values } = parseArgs({
  options: {
    service: { type: 'string', default: 'http://localhost:5080' },
    port: { type: 'string', default: process.env.FHIR_PORT ?? '0' },
    'keep-running': { type: 'boolean', default: false },
  },
});
const service = values.service.replace(/\/$/, '');

const discovery = await fetch(`${service}/cds-services`).then((r) => r.json()).catch(() => null);
if (!discovery?.services) {
  console.error(`No CDS service answers at ${service}/cds-services.`);
  console.error('Start it first, in another terminal:  dotnet run --project src/CdsHooksIcans.Service');
  process.exit(1);
}

const shiftMs = Date.now() - Date.parse(SCENARIO_REFERENCE_TIME);
const fhir = await startFhirServer({ port: Number.parseInt(values.port, 10) });
const patients = [];
for (const { name, bundle } of readBundles(join(repositoryRoot, 'fhir-profiles', 'scenarios'))) {
  await fhir.load(shiftDates(bundle, shiftMs));
  const patient = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'Patient');
  patients.push({ scenario: name.replace(/^Bundle-scenario-|\.json$/g, ''), patient });
}
// The in-memory server compiles each search the first time it runs; do that now rather than inside the first hook call.
const templates = discovery.services.find((s) => s.id === 'icans-patient-view')?.prefetch ?? {};
for (const template of Object.values(templates)) {
  await fetch(`${fhir.url}/${template.replaceAll('{{context.patientId}}', 'warm-up')}`);
}
console.log(`FHIR server with ${patients.length} demo patients on ${fhir.url} (scenario dates moved to now)\n`);

const requests = {
  'patient-view': readFileSync(join(repositoryRoot, 'docs', 'requests', 'demo-patient-view.json'), 'utf8'),
  'order-sign': readFileSync(join(repositoryRoot, 'docs', 'requests', 'demo-order-sign.json'), 'utf8'),
};
const serviceIds = { 'patient-view': 'icans-patient-view', 'order-sign': 'icans-order-sign' };

for (const { scenario, patient } of patients) {
  const name = [patient.name?.[0]?.given?.join(' '), patient.name?.[0]?.family].filter(Boolean).join(' ');
  console.log(`━━ ${scenario}: ${name} (Patient/${patient.id}) ━━`);
  for (const hook of ['patient-view', 'order-sign']) {
    const body = requests[hook]
      .replaceAll('$PATIENT_ID', patient.id)
      .replaceAll('$FHIR_SERVER', fhir.url)
      .replaceAll('$HOOK_INSTANCE', randomUUID());
    const label = hook === 'order-sign' ? 'order-sign (draft: tocilizumab)' : hook;
    const started = Date.now();
    const response = await fetch(`${service}/cds-services/${serviceIds[hook]}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    const answer = await response.json().catch(() => ({}));
    const took = `${Date.now() - started} ms`;
    if (!response.ok) {
      const issues = (answer.issue ?? []).map((i) => i.diagnostics).join('; ');
      console.log(`  ${label}: HTTP ${response.status} (${took}) ${issues}`);
      continue;
    }
    if (answer.cards.length === 0) {
      console.log(`  ${label}: no cards (${took})`);
      continue;
    }
    console.log(`  ${label}: ${answer.cards.length} card(s) (${took})`);
    for (const card of answer.cards) {
      printCard(card);
    }
  }
  console.log();
}

if (values['keep-running']) {
  console.log(`The FHIR server keeps running on ${fhir.url}; Ctrl+C stops it.`);
} else {
  await fhir.close();
}

function printCard(card) {
  console.log(`    [${card.indicator.toUpperCase()}] ${card.summary}`);
  for (const line of (card.detail ?? '').split('\n')) {
    // Markdown emphasis and links read poorly on a terminal.
    const plain = line
      .replace(/\*\*|__/g, '')
      .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
      .trimEnd();
    if (plain) {
      console.log(`      ${plain}`);
    }
  }
  for (const suggestion of card.suggestions ?? []) {
    console.log(`      → suggestion: ${suggestion.label}`);
  }
  for (const link of card.links ?? []) {
    console.log(`      → link: ${link.label}`);
  }
}
