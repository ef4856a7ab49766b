// Calls to the CdsHooksIcans service that serves this app: its settings, and its grading engine (calculators that store
// nothing and call no server: docs/adr/0028). Relative URLs, so the app works under any base path.

/** The app's settings: SMART client id, scopes, and the FHIR reads the hooks make (so both read the same chart). */
export async function loadConfig() {
  const response = await fetch('config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`the service did not give the app's settings (${response.status})`);
  }
  return response.json();
}

/** The grade of a chart (a collection Bundle), with the card's wording. */
export function grade(bundle) {
  return post('api/grade', bundle);
}

/** The course of a chart: every assessment graded as of its time, CRS grades, treatments. */
export function course(bundle) {
  return post('api/course', bundle);
}

async function post(path, bundle) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json', Accept: 'application/json' },
    body: JSON.stringify(bundle),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const issue = body?.issue?.[0];
    throw new Error(`the service could not grade this chart (${response.status}${issue ? `: ${issue.diagnostics ?? issue.code}` : ''})`);
  }
  return body;
}
