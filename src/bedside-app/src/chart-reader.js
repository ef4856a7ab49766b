// Reads the patient's chart from the EHR's FHIR server with the same searches the hooks prefetch (the service's
// config.json lists them), following every page.

/**
 * @param {import('fhirclient/lib/Client').default} client the SMART client
 * @param {{ reads: string[] }} config the service's read templates ({{context.patientId}} stands for the patient)
 * @returns {Promise<{ patient: object, resources: object[] }>}
 */
export async function readChart(client, config) {
  const patientId = client.patient.id;
  const patient = await client.request(`Patient/${encodeURIComponent(patientId)}`);
  const searches = config.reads
    .filter((template) => !template.startsWith('Patient/'))
    .map((template) => template.replaceAll('{{context.patientId}}', encodeURIComponent(patientId)));
  const pages = await Promise.all(searches.map((url) => client.request(url, { pageLimit: 0, flat: true })));
  // A resource found by two searches is one resource.
  const unique = new Map();
  for (const resource of pages.flat()) {
    if (resource?.resourceType && resource.resourceType !== 'OperationOutcome') {
      unique.set(`${resource.resourceType}/${resource.id}`, resource);
    }
  }
  return { patient, resources: [...unique.values()] };
}

/** Creates the resources of a transaction Bundle and reads each one back, so the app shows what the server stored. */
export async function saveAndReadBack(client, bundle) {
  const response = await client.request({
    url: client.state.serverUrl,
    method: 'POST',
    body: JSON.stringify(bundle),
    headers: { 'Content-Type': 'application/fhir+json' },
  });
  const locations = (response.entry ?? []).map((entry) => entry.response?.location);
  if (locations.length !== bundle.entry.length || locations.some((location) => !location)) {
    throw new Error('the FHIR server did not say where it stored every Observation');
  }
  // Location is Type/id/_history/version: read the current version.
  return Promise.all(locations.map((location) => client.request(location.split('/_history/')[0].replace(/^.*?(Observation\/)/, '$1'))));
}

/** Creates one resource and reads it back. */
export async function createAndReadBack(client, resource) {
  const created = await client.create(resource);
  return client.request(`${created.resourceType}/${created.id}`);
}
