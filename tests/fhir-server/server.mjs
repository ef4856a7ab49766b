// Command line host of the local FHIR server.
//
//   node server.mjs [--port N] [--load FOLDER]... [--shift-from ISO-INSTANT] [--verbose]
//
// --port 0 (the default, or env FHIR_PORT) picks a free port. --load loads every Bundle-*.json transaction Bundle of a
// folder at start; more can be POSTed to the base URL later. --shift-from moves all dates of the loaded Bundles so that
// the given instant (a scenario's reference time) becomes now. Prints "FHIR server listening on <base URL>" once ready:
// the integration tests wait for that line.
import { parseArgs } from 'node:util';
import { readBundles, shiftDates, startFhirServer } from './fhir-server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.FHIR_PORT ?? '0' },
    load: { type: 'string', multiple: true, default: [] },
    'shift-from': { type: 'string' },
    verbose: { type: 'boolean', default: false },
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

const server = await startFhirServer({ port, log: values.verbose ? (line) => console.log(line) : undefined });
for (const folder of values.load) {
  for (const { name, bundle } of readBundles(folder)) {
    await server.load(shiftMs ? shiftDates(bundle, shiftMs) : bundle);
    console.log(`loaded ${name}`);
  }
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
