// The SMART launch page: EHR launch (iss + launch) or standalone launch (iss only, the user picks the patient), both
// by fhirclient's authorize with PKCE S256 required. Which client id and scopes come from the service (config.json).
import FHIR from 'fhirclient';
import { loadConfig } from './service.js';

const params = new URLSearchParams(location.search);
const status = document.getElementById('launch-status');
const form = document.getElementById('standalone');

function fail(message) {
  status.hidden = true;
  const error = document.getElementById('launch-error');
  error.textContent = message;
  error.hidden = false;
}

if (params.get('iss')) {
  try {
    const config = await loadConfig();
    await FHIR.oauth2.authorize({
      clientId: config.clientId,
      scope: (params.has('launch') ? config.scopes.ehr : config.scopes.standalone).join(' '),
      redirectUri: 'index.html',
      // Never fall back to a plain authorization code: a server without S256 is refused.
      pkceMode: 'required',
    });
  } catch (error) {
    fail(`Could not start the SMART launch: ${error.message}`);
  }
} else {
  status.hidden = true;
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.search = new URLSearchParams({ iss: form.elements.iss.value.trim() }).toString();
  });
}
