// Command line host of the local FHIR server.
//
//   node server.mjs [--port N] [--load FOLDER]... [--shift-from ISO-INSTANT] [--verbose]
//                   [--smart [--smart-client ID] [--smart-redirect URI-PREFIX]... [--smart-patient ID] [--smart-user REF]]
//
// --port 0 (the default, or env FHIR_PORT) picks a free port. --load loads every Bundle-*.json transaction Bundle of a
// folder at start; more can be POSTed to the base URL later. --shift-from moves all dates of the loaded Bundles so that
// the given instant (a scenario's reference time) becomes now. Prints "FHIR server listening on <base URL>" once ready:
// the integration tests wait for that line.
//
// --smart turns on the SMART App Launch authorization server for tests (smart-auth.mjs: discovery at
// <base>/.well-known/smart-configuration, /auth/authorize, /auth/token, admin under /_admin/smart) and from then on
// every FHIR request but metadata needs a Bearer token. --smart-client is the one public client's id (default
// cdshooks-icans-bedside). --smart-redirect, repeatable, replaces the redirect URIs it may use: each an exact URI or a
// prefix, ':*' standing for any port (default http://127.0.0.1:*/app/ and http://localhost:*/app/). --smart-patient is
// the patient a standalone launch (scope launch/patient) selects, --smart-user the fhirUser it reports (default
// Practitioner/nurse-1); both can be changed later with PUT /_admin/smart/settings.
import { parseArgs } from 'node:util';
import { readBundles, shiftDates, startFhirServer } from './fhir-server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.FHIR_PORT ?? '0' },
    load: { type: 'string', multiple: true, default: [] },
    'shift-from': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    smart: { type: 'boolean', default: false },
    'smart-client': { type: 'string' },
    'smart-redirect': { type: 'string', multiple: true },
    'smart-patient': { type: 'string' },
    'smart-user': { type: 'string' },
  },
});

const port = Number.parseInt(values.port, 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, not ${values.port}`);
  process.exit(2);
}

const shiftMs = values['shift-from'] ? Date.now() - Date.parse(values['shift-from']) : 0;
if (Number.isNaN(shiftMs)) {
  console.error(`--shift-from must be an ISO instant, not ${values['shift-from']}`);
  process.exit(2);
}

const smartOnly = ['smart-client', 'smart-redirect', 'smart-patient', 'smart-user'].filter((name) => values[name] !== undefined);
if (!values.smart && smartOnly.length > 0) {
  console.error(`--${smartOnly[0]} needs --smart`);
  process.exit(2);
}
const smart = values.smart && {
  ...(values['smart-client'] ? { clientId: values['smart-client'] } : {}),
  ...(values['smart-redirect'] ? { redirectUris: values['smart-redirect'] } : {}),
  ...(values['smart-patient'] ? { standalonePatient: values['smart-patient'] } : {}),
  ...(values['smart-user'] ? { standaloneFhirUser: values['smart-user'] } : {}),
};

const server = await startFhirServer({ port, log: values.verbose ? (line) => console.log(line) : undefined, smart });
for (const folder of values.load) {
  for (const { name, bundle } of readBundles(folder)) {
    await server.load(shiftMs ? shiftDates(bundle, shiftMs) : bundle);
    console.log(`loaded ${name}`);
  }
}
if (values.smart) {
  console.log(`SMART authorization at ${server.url}/.well-known/smart-configuration`);
}
console.log(`FHIR server listening on ${server.url}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await server.close();
    process.exit(0);
  });
}
// The tests stop the server by closing its stdin too, so no orphan survives a crashed test host.
if (!process.stdin.isTTY) {
  process.stdin.on('end', async () => {
    await server.close();
    process.exit(0);
  });
  process.stdin.resume();
}
