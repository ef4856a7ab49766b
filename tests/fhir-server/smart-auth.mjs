// A SMART App Launch 2.x authorization server for tests, hooked into the local FHIR server (fhir-server.mjs) when it
// is started with `smart`. It lets browser tests run a full EHR launch or a standalone launch of a SMART app (e.g. one
// built on the fhirclient library) with no login page: every authorization is approved at once, like the SMART
// launcher with "skip login/authorization", unless the test's settings say the "user" refuses some scopes or all.
//
// What it is: one public client (PKCE S256 required, no secret), the authorization_code grant, opaque access tokens
// kept in memory, an RS256 id_token signed with a key made at start (JWKS served), SMART v2 and v1 patient/ scopes
// enforced on FHIR requests per interaction, in the token's patient compartment (subject / patient references).
// What it is not: a product or a security boundary. No refresh tokens, no user/ or system/ scopes, no scope query
// parameters (patient/Observation.rs?category=...), no confidential clients, no token introspection, no persistence,
// no consent page. Everything is forgotten on DELETE /_admin/smart and when the process ends.
//
// Routes (origin is http://127.0.0.1:PORT):
//   GET  /fhir/.well-known/smart-configuration   SMART discovery (also /fhir/.well-known/openid-configuration)
//   GET  /auth/authorize                         302 to redirect_uri?code=&state= or ?error=&error_description=&state=
//   POST /auth/token                             form body -> token JSON
//   GET  /auth/jwks                              the id_token signing key
//   POST /_admin/smart/launch                    {patient, fhirUser?, appContext?} -> {launch, ...}
//   GET|PUT /_admin/smart/settings               {tokenLifetimeSeconds, denyScopes, refuse, standalonePatient, standaloneFhirUser}
//   POST /_admin/smart/token                     {patient, scope, lifetimeSeconds?, fhirUser?} -> token JSON (no PKCE)
//   POST /_admin/smart/expire                    every token issued so far is expired -> {expired: n}
//   DELETE /_admin/smart                         forget launches, codes, tokens; settings back to the defaults
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export const DEFAULT_CLIENT_ID = 'cdshooks-icans-bedside';

/** Where the bedside app may be sent back to: it is served under /app/ of the CDS service, on any loopback port. */
export const DEFAULT_REDIRECT_URIS = ['http://127.0.0.1:*/app/', 'http://localhost:*/app/'];

/** What the default client may be granted: SMART v2 scopes and their v1 equivalents. */
export const DEFAULT_SCOPES = [
  'launch',
  'launch/patient',
  'openid',
  'fhirUser',
  'patient/Patient.rs',
  'patient/Observation.rs',
  'patient/Observation.c',
  'patient/Condition.rs',
  'patient/MedicationAdministration.rs',
  'patient/Procedure.rs',
  'patient/Patient.read',
  'patient/Observation.read',
  'patient/Observation.write',
  'patient/Condition.read',
  'patient/MedicationAdministration.read',
  'patient/Procedure.read',
];

const CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'client-public',
  'context-ehr-patient',
  'context-standalone-patient',
  'sso-openid-connect',
  'permission-v2',
  'permission-v1',
  'permission-patient',
];

/** The error codes authorize may be told to answer with instead of approving (settings.refuse). */
const REFUSALS = ['access_denied', 'invalid_scope', 'unauthorized_client', 'server_error', 'temporarily_unavailable'];
const CODE_LIFETIME_MS = 60_000;
const ID_TOKEN_LIFETIME_SECONDS = 3600;
const FORM = 'application/x-www-form-urlencoded';
const REFERENCE = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/;
// The WWW-Authenticate header of a 401/403 must be readable by a browser app on another origin.
const EXPOSE = 'Location, Content-Location, ETag, Last-Modified, WWW-Authenticate';

/**
 * Creates the authorization server. The caller routes requests to handle() first and asks checkFhir() before it
 * answers any other FHIR request.
 * @param {object} options
 * @param {() => string} options.origin e.g. http://127.0.0.1:40123, known once the server listens
 * @param {string} options.fhirBasePath e.g. /fhir
 * @param {Record<string, string>} options.corsHeaders the FHIR server's CORS headers, used on every answer here too
 * @param {(req) => Promise<any>} options.readBody URLSearchParams for a form body, the parsed JSON otherwise
 * @param {(type: string, id: string) => Promise<object | undefined>} options.readResource for compartment checks
 * @param {string} [options.clientId] @param {string[]} [options.redirectUris] @param {string[]} [options.scopes]
 * @param {string} [options.standalonePatient] @param {string} [options.standaloneFhirUser]
 */
export function createSmartAuth({
  origin,
  fhirBasePath,
  corsHeaders,
  readBody,
  readResource,
  clientId = DEFAULT_CLIENT_ID,
  redirectUris = DEFAULT_REDIRECT_URIS,
  scopes = DEFAULT_SCOPES,
  standalonePatient = null,
  standaloneFhirUser = 'Practitioner/nurse-1',
}) {
  const defaults = () => ({ tokenLifetimeSeconds: 3600, denyScopes: [], refuse: null, standalonePatient, standaloneFhirUser });
  let settings = defaults();
  const launches = new Map();
  const codes = new Map();
  const tokens = new Map();

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 16);
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] };

  const fhirBase = () => origin() + fhirBasePath;
  const cors = { ...corsHeaders, 'Access-Control-Expose-Headers': EXPOSE };

  function configuration() {
    return {
      issuer: fhirBase(),
      jwks_uri: origin() + '/auth/jwks',
      authorization_endpoint: origin() + '/auth/authorize',
      token_endpoint: origin() + '/auth/token',
      grant_types_supported: ['authorization_code'],
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: scopes,
      capabilities: CAPABILITIES,
    };
  }

  /** The CapabilityStatement's rest[0].security: where a client that reads metadata instead finds the endpoints. */
  function security() {
    return {
      cors: true,
      service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
      extension: [
        {
          url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
          extension: [
            { url: 'authorize', valueUri: origin() + '/auth/authorize' },
            { url: 'token', valueUri: origin() + '/auth/token' },
          ],
        },
      ],
    };
  }

  /** Answers the SMART routes; false when the request is not one of them. */
  async function handle(req, res, url) {
    const path = url.pathname;
    if (path === fhirBasePath + '/.well-known/smart-configuration' && req.method === 'GET') {
      return json(res, 200, configuration());
    }
    if (path === fhirBasePath + '/.well-known/openid-configuration' && req.method === 'GET') {
      const { issuer, jwks_uri, authorization_endpoint, token_endpoint, response_types_supported, scopes_supported } = configuration();
      return json(res, 200, {
        issuer,
        jwks_uri,
        authorization_endpoint,
        token_endpoint,
        response_types_supported,
        scopes_supported,
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (path === '/auth/authorize') {
      return req.method === 'GET' ? authorize(res, url.searchParams) : text(res, 405, 'authorize takes GET');
    }
    if (path === '/auth/token') {
      return req.method === 'POST' ? token(req, res) : tokenError(res, 405, 'invalid_request', 'token takes POST');
    }
    if (path === '/auth/jwks' && req.method === 'GET') {
      return json(res, 200, jwks);
    }
    if (path === '/_admin/smart' || path.startsWith('/_admin/smart/')) {
      return admin(req, res, path.slice('/_admin/smart'.length));
    }
    return false;
  }

  function authorize(res, query) {
    const param = (name) => query.get(name) ?? '';
    // Until client and redirect_uri are known good, errors go to the browser, never to the redirect_uri.
    if (param('client_id') !== clientId) {
      return text(res, 400, `client_id '${param('client_id')}' is not registered`);
    }
    const redirectUri = param('redirect_uri');
    if (!redirectAllowed(redirectUri)) {
      return text(res, 400, `redirect_uri '${redirectUri}' is not registered for ${clientId}`);
    }
    const back = (values) => {
      const target = new URL(redirectUri);
      for (const [key, value] of Object.entries({ ...values, state: query.get('state') ?? undefined })) {
        if (value !== undefined) {
          target.searchParams.set(key, value);
        }
      }
      res.writeHead(302, { ...cors, Location: target.href, 'Cache-Control': 'no-store' });
      res.end();
      return true;
    };
    const fail = (error, description) => back({ error, error_description: description });

    if (param('response_type') !== 'code') {
      return fail('unsupported_response_type', 'response_type must be code');
    }
    if (trimSlash(param('aud')) !== fhirBase()) {
      return fail('invalid_request', `aud must be this FHIR server's base URL, ${fhirBase()}`);
    }
    if (param('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(param('code_challenge'))) {
      return fail('invalid_request', 'PKCE is required: code_challenge_method=S256 and a code_challenge');
    }
    if (settings.refuse) {
      return fail(settings.refuse, 'refused by the test settings');
    }
    const requested = param('scope').split(' ').filter(Boolean);
    let context;
    if (query.has('launch')) {
      context = launches.get(param('launch'));
      if (!context) {
        return fail('invalid_request', 'launch is not a launch this server issued');
      }
      if (!requested.includes('launch')) {
        return fail('invalid_scope', 'an EHR launch needs the launch scope');
      }
    } else if (requested.includes('launch')) {
      return fail('invalid_scope', 'scope launch needs a launch parameter (EHR launch); a standalone launch asks launch/patient');
    } else if (requested.includes('launch/patient')) {
      if (!settings.standalonePatient) {
        return fail('access_denied', 'no patient to select: set standalonePatient');
      }
      context = { patient: settings.standalonePatient, fhirUser: settings.standaloneFhirUser };
    } else {
      return fail('invalid_scope', 'scope must ask a patient context: launch (EHR launch) or launch/patient (standalone)');
    }
    const granted = requested.filter((scope) => scopes.includes(scope) && !settings.denyScopes.includes(scope));
    if (!granted.some((scope) => parseResourceScope(scope))) {
      return fail('invalid_scope', 'none of the requested patient/ scopes can be granted');
    }
    const code = randomBytes(32).toString('base64url');
    codes.set(code, {
      redirectUri,
      codeChallenge: param('code_challenge'),
      scope: granted.join(' '),
      ...context,
      nonce: query.get('nonce') ?? undefined,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
    });
    return back({ code });
  }

  async function token(req, res) {
    let form;
    try {
      form = await readBody(req);
    } catch {
      form = undefined;
    }
    if (!(form instanceof URLSearchParams)) {
      return tokenError(res, 400, 'invalid_request', `the token request is a ${FORM} body`);
    }
    const param = (name) => form.get(name) ?? '';
    if (param('grant_type') !== 'authorization_code') {
      return tokenError(res, 400, 'unsupported_grant_type', 'only authorization_code');
    }
    if (param('client_id') !== clientId) {
      return tokenError(res, 401, 'invalid_client', 'client_id is not registered');
    }
    // A code is spent by its first presentation, good or bad.
    const grant = codes.get(param('code'));
    codes.delete(param('code'));
    if (!grant || grant.expiresAt < Date.now()) {
      return tokenError(res, 400, 'invalid_grant', 'code is unknown, used or expired');
    }
    if (param('redirect_uri') !== grant.redirectUri) {
      return tokenError(res, 400, 'invalid_grant', 'redirect_uri differs from the one at authorize');
    }
    const verifier = param('code_verifier');
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) || base64urlSha256(verifier) !== grant.codeChallenge) {
      return tokenError(res, 400, 'invalid_grant', 'code_verifier does not match code_challenge');
    }
    const answer = issue(grant.patient, grant.scope, settings.tokenLifetimeSeconds, grant.fhirUser);
    const granted = grant.scope.split(' ');
    if (granted.includes('openid') && granted.includes('fhirUser') && grant.fhirUser) {
      answer.id_token = idToken(grant.fhirUser, grant.nonce);
    }
    if (grant.appContext !== undefined) {
      answer.appContext = typeof grant.appContext === 'string' ? grant.appContext : JSON.stringify(grant.appContext);
    }
    answer.need_patient_banner = false;
    return json(res, 200, answer, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  }

  /** A new access token; the answer is the token response's common part. */
  function issue(patient, scope, lifetimeSeconds, fhirUser) {
    const accessToken = randomBytes(32).toString('base64url');
    tokens.set(accessToken, { patient, scope: scope.split(' '), fhirUser, expiresAt: Date.now() + lifetimeSeconds * 1000 });
    return { access_token: accessToken, token_type: 'Bearer', expires_in: lifetimeSeconds, scope, patient };
  }

  function idToken(fhirUser, nonce) {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: fhirBase(),
      sub: fhirUser,
      aud: clientId,
      fhirUser: fhirBase() + '/' + fhirUser,
      iat: now,
      exp: now + ID_TOKEN_LIFETIME_SECONDS,
    };
    if (nonce) {
      claims.nonce = nonce;
    }
    const signed = base64urlJson({ alg: 'RS256', typ: 'JWT', kid }) + '.' + base64urlJson(claims);
    return signed + '.' + sign('sha256', Buffer.from(signed), privateKey).toString('base64url');
  }

  async function admin(req, res, route) {
    const key = `${req.method} ${route}`;
    if (key === 'DELETE ' || key === 'DELETE /') {
      launches.clear();
      codes.clear();
      tokens.clear();
      settings = defaults();
      return json(res, 200, { settings });
    }
    if (key === 'POST /expire') {
      const now = Date.now();
      let expired = 0;
      for (const held of tokens.values()) {
        if (held.expiresAt > now) {
          held.expiresAt = now - 1;
          expired++;
        }
      }
      return json(res, 200, { expired });
    }
    if (key === 'GET /settings') {
      return json(res, 200, settings);
    }
    if (!['PUT /settings', 'POST /launch', 'POST /token'].includes(key)) {
      return json(res, 404, { error: `no admin route ${key}` });
    }
    let body;
    try {
      body = await readBody(req);
    } catch {
      body = undefined;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body) || body instanceof URLSearchParams) {
      return json(res, 400, { error: 'the body is a JSON object' });
    }
    const problem = (message) => json(res, 400, { error: message });
    if (key === 'PUT /settings') {
      const next = { ...settings };
      for (const [name, value] of Object.entries(body)) {
        const valid = {
          tokenLifetimeSeconds: () => Number.isInteger(value) && value > 0,
          denyScopes: () => Array.isArray(value) && value.every((scope) => typeof scope === 'string'),
          refuse: () => value === null || REFUSALS.includes(value),
          standalonePatient: () => value === null || (typeof value === 'string' && value !== ''),
          standaloneFhirUser: () => value === null || (typeof value === 'string' && REFERENCE.test(value)),
        }[name];
        if (!valid) {
          return problem(`unknown setting ${name}`);
        }
        if (!valid()) {
          return problem(`setting ${name} cannot be ${JSON.stringify(value)}`);
        }
        next[name] = value;
      }
      settings = next;
      return json(res, 200, settings);
    }
    if (typeof body.patient !== 'string' || body.patient === '') {
      return problem('patient (an id) is required');
    }
    const fhirUser = body.fhirUser ?? settings.standaloneFhirUser;
    if (fhirUser !== null && !(typeof fhirUser === 'string' && REFERENCE.test(fhirUser))) {
      return problem('fhirUser is a reference like Practitioner/nurse-1');
    }
    if (key === 'POST /launch') {
      const launch = randomBytes(16).toString('base64url');
      const context = { patient: body.patient, fhirUser, appContext: body.appContext };
      launches.set(launch, context);
      return json(res, 201, { launch, ...context });
    }
    // POST /token: a token without authorize, for a server-side caller (the CDS service's fhirAuthorization).
    const lifetime = body.lifetimeSeconds ?? settings.tokenLifetimeSeconds;
    if (typeof body.scope !== 'string' || body.scope.trim() === '' || !Number.isInteger(lifetime) || lifetime <= 0) {
      return problem('scope (space separated) is required; lifetimeSeconds, if given, is a positive integer');
    }
    return json(res, 201, issue(body.patient, body.scope.trim().split(/\s+/).join(' '), lifetime, fhirUser));
  }

  /**
   * Whether a FHIR request (anything under the base but metadata and .well-known) may be answered: null when it may,
   * else the answer { status, headers, body } to send instead (401 without a valid token, 403 outside its scopes).
   */
  async function checkFhir(method, url, authorization, body) {
    const path = url.pathname.slice(fhirBasePath.length).replace(/^\//, '');
    if (method === 'GET' && path === 'metadata') {
      return null;
    }
    const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!presented) {
      return deny(401, 'login', 'a Bearer access token is required', 'Bearer realm="fhir"');
    }
    const held = tokens.get(presented);
    const invalid = (description) => `Bearer realm="fhir", error="invalid_token", error_description="${description}"`;
    if (!held) {
      return deny(401, 'login', 'the access token is not known', invalid('unknown token'));
    }
    if (held.expiresAt <= Date.now()) {
      return deny(401, 'expired', 'the access token has expired', invalid('token expired'));
    }
    const params = new URLSearchParams(url.search);
    if (method === 'POST' && /\/_search$/.test(path) && body instanceof URLSearchParams) {
      for (const [name, value] of body) {
        params.append(name, value);
      }
    }
    let reasons;
    if (method === 'POST' && path === '' && body?.resourceType === 'Bundle') {
      // A transaction or batch is allowed whole or not at all.
      reasons = [];
      for (const [index, entry] of (body.entry ?? []).entries()) {
        const target = new URL(entry.request?.url ?? '', 'http://entry/');
        const reason = await checkOne(held, entry.request?.method ?? '', target.pathname.slice(1), target.searchParams, entry.resource);
        if (reason) {
          reasons.push(`entry ${index}: ${reason}`);
        }
      }
    } else {
      reasons = [await checkOne(held, method, path, params, body)].filter(Boolean);
    }
    if (reasons.length > 0) {
      return deny(403, 'forbidden', reasons.join('; '), `Bearer realm="fhir", error="insufficient_scope"`);
    }
    return null;
  }

  /** Why the token may not do this one interaction, or null when it may. */
  async function checkOne(held, method, path, params, resource) {
    const [type, id, ...rest] = path.split('/');
    const what = `${method} ${path}`;
    if (!/^[A-Z][A-Za-z]+$/.test(type ?? '')) {
      return `${what}: only type-level and instance interactions are authorized with patient scopes`;
    }
    const patientRef = 'Patient/' + held.patient;
    const references = [patientRef, fhirBase() + '/' + patientRef];
    const inCompartment = (found) =>
      found.resourceType === 'Patient'
        ? found.id === held.patient
        : [found.subject, found.patient].some((ref) => references.includes(ref?.reference));
    const need = (op) =>
      allows(held.scope, type, op) ? null : `${what}: the granted scopes (${held.scope.join(' ')}) do not allow '${op}' on ${type}`;
    const stored = async () => (id ? await readResource(type, id) : undefined);

    const search = ((method === 'GET' || method === 'HEAD') && !id) || (method === 'POST' && id === '_search' && rest.length === 0);
    if (search) {
      if (['_include', '_revinclude', '_has'].some((name) => [...params.keys()].some((key) => key.startsWith(name)))) {
        return `${what}: _include, _revinclude and _has could reach outside the patient compartment`;
      }
      const scoped = type === 'Patient' ? params.getAll('_id') : [...params.getAll('patient'), ...params.getAll('subject')];
      if (scoped.length === 0 || !scoped.every((value) => value === held.patient || value === patientRef)) {
        const names = type === 'Patient' ? '_id' : 'patient or subject';
        return need('s') ?? `${what}: a search must name the token's patient (${names}=${held.patient})`;
      }
      return need('s');
    }
    if ((method === 'GET' || method === 'HEAD') && id && !id.startsWith('$') && (rest.length === 0 || rest[0] === '_history')) {
      // The fhirUser scope lets the app read the user's own resource (fhirclient's client.user.read()).
      if (held.scope.includes('fhirUser') && held.fhirUser === `${type}/${id}`) {
        return null;
      }
      const found = type === 'Patient' ? { resourceType: 'Patient', id } : await stored();
      return need('r') ?? (found && !inCompartment(found) ? `${what}: not in the token's patient compartment` : null);
    }
    const writes = { POST: 'c', PUT: 'u', PATCH: 'u', DELETE: 'd' };
    const op = writes[method];
    if (!op || (op === 'c' ? id !== undefined : id === undefined || id.startsWith('$') || rest.length > 0)) {
      return `${what}: not an interaction authorized with patient scopes`;
    }
    const denied = need(op);
    if (denied) {
      return denied;
    }
    if (op !== 'd' && method !== 'PATCH' && (resource?.resourceType !== type || !inCompartment(resource))) {
      return `${what}: the body must be a ${type} resource whose subject is ${patientRef}`;
    }
    const existing = op === 'c' ? undefined : await stored();
    return existing && !inCompartment(existing) ? `${what}: the stored resource is not in the token's patient compartment` : null;
  }

  function deny(status, code, diagnostics, challenge) {
    return {
      status,
      headers: { ...cors, 'WWW-Authenticate': challenge, 'Cache-Control': 'no-store' },
      body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] },
    };
  }

  function redirectAllowed(uri) {
    let parsed;
    try {
      parsed = new URL(uri);
    } catch {
      return false;
    }
    if (parsed.hash || !/^https?:$/.test(parsed.protocol)) {
      return false;
    }
    // An entry is an exact URI or a prefix; ':*' in it stands for any port.
    return redirectUris.some((entry) =>
      new RegExp('^' + entry.split(':*').map(escapeRegExp).join(':\\d{1,5}')).test(uri)
    );
  }

  function json(res, status, body, headers = {}) {
    res.writeHead(status, { ...cors, 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
    return true;
  }

  function tokenError(res, status, error, description) {
    return json(res, status, { error, error_description: description }, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  }

  function text(res, status, message) {
    res.writeHead(status, { ...cors, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(message + '\n');
    return true;
  }

  return { handle, checkFhir, security };
}

/**
 * What a scope lets a token do, { type, ops } with ops a subset of 'cruds', or null when it grants no FHIR access.
 * v1 read is v2 rs, v1 write is cud, v1 * is cruds (SMART App Launch 2.x, scopes and launch context).
 */
export function parseResourceScope(scope) {
  const match = /^patient\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*|c?r?u?d?s?)$/.exec(scope);
  if (!match || match[2] === '') {
    return null;
  }
  const ops = { read: 'rs', write: 'cud', '*': 'cruds' }[match[2]] ?? match[2];
  return { type: match[1], ops };
}

function allows(scopes, type, op) {
  return scopes.some((scope) => {
    const parsed = parseResourceScope(scope);
    return parsed !== null && (parsed.type === '*' || parsed.type === type) && parsed.ops.includes(op);
  });
}

function base64urlSha256(text) {
  return createHash('sha256').update(text, 'ascii').digest('base64url');
}

function base64urlJson(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function trimSlash(url) {
  return url.replace(/\/+$/, '');
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
