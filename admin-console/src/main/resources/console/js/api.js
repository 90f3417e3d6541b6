// The console's only way to the broker: the same HTTP API the tools call (RabbitMQ management
// API paths and JSON shapes, plus FerryMQ's additions). Every request carries HTTP Basic
// credentials in the Authorization header and never a cookie, so no state-changing request
// can ride on ambient browser authority (CSRF-safe by construction).

const STORAGE_KEY = 'ferrymq.console.authorization';

/** An HTTP error from the API, with the server's reason when it gave one. */
export class ApiError extends Error {
  constructor(status, reason, method, path) {
    super(reason || `HTTP ${status}`);
    this.status = status;
    this.reason = reason;
    this.method = method;
    this.path = path;
  }

  /** A sentence for a person: what was refused or failed, and why. */
  describe() {
    if (this.status === 403) return `Refused (403): ${this.reason || 'your user may not do this'}`;
    if (this.status === 404) return `Not found (404): ${this.reason || this.path}`;
    if (this.status === 0) return `The broker did not answer: ${this.reason}`;
    return `Failed (${this.status}): ${this.reason || 'no reason given'}`;
  }
}

let authorization = sessionStorage.getItem(STORAGE_KEY);
const unauthorizedListeners = [];

function basic(username, password) {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return 'Basic ' + btoa(binary);
}

export function hasCredentials() {
  return authorization != null;
}

/** Tries the credentials against /api/whoami; keeps them (for this tab only) when they work. */
export async function login(username, password) {
  const candidate = basic(username, password);
  const me = await send('GET', '/whoami', undefined, {}, candidate);
  authorization = candidate;
  sessionStorage.setItem(STORAGE_KEY, candidate);
  return me;
}

export function logout() {
  authorization = null;
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Called when the API answers 401: the credentials were revoked or the password changed. */
export function onUnauthorized(listener) {
  unauthorizedListeners.push(listener);
}

async function send(method, path, body, headers = {}, auth = authorization) {
  const init = {
    method,
    // X-Requested-With: a failed login gets no WWW-Authenticate, so no browser pop-up
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...headers },
    credentials: 'omit', // no cookies, no browser-cached HTTP auth: only the header below
    cache: 'no-store',
  };
  if (auth) init.headers.Authorization = auth;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch('api' + path, init);
  } catch (e) {
    throw new ApiError(0, e.message, method, path);
  }
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text();
  let data = text;
  if (text && type.includes('json')) {
    try { data = JSON.parse(text); } catch { /* keep the text */ }
  }
  if (!response.ok) {
    if (response.status === 401 && auth === authorization && authorization) {
      unauthorizedListeners.forEach(l => l());
    }
    const reason = data && typeof data === 'object' ? (data.reason || data.error) : (text || response.statusText);
    throw new ApiError(response.status, reason, method, path);
  }
  return text ? data : null;
}

export const api = {
  get: (path) => send('GET', path),
  put: (path, body = {}) => send('PUT', path, body),
  post: (path, body = {}) => send('POST', path, body),
  del: (path, headers = {}) => send('DELETE', path, undefined, headers),
};

/** One path segment: vhost "/" becomes %2F as the management API expects. */
export const seg = (value) => encodeURIComponent(value);

/** A query string from the defined entries of an object. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/**
 * FerryMQ's additions to the RabbitMQ API, in one place. They live under /api/ferrymq/
 * (see the admin-console README and the OpenAPI description).
 */
export const ferry = {
  browse: (vhost, queue) => `/ferrymq/queues/${seg(vhost)}/${seg(queue)}/browse`,
  move: (vhost, queue) => `/ferrymq/queues/${seg(vhost)}/${seg(queue)}/move`,
  copy: (vhost, queue) => `/ferrymq/queues/${seg(vhost)}/${seg(queue)}/copy`,
  deleteMessages: (vhost, queue) => `/ferrymq/queues/${seg(vhost)}/${seg(queue)}/delete-messages`,
  definitionsDryRun: () => '/ferrymq/definitions/dry-run',
  jms: () => '/ferrymq/jms',
  rates: () => '/ferrymq/rates',
  queueRates: (vhost, queue) => `/ferrymq/queues/${seg(vhost)}/${seg(queue)}/rates`,
  xaBranches: () => '/ferrymq/xa',
  xa: (vhost, xid) => `/ferrymq/xa/${seg(vhost)}/${seg(xid)}`,
};
