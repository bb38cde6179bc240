// The service's own JSON API, with the session kept in sessionStorage (gone when the tab closes)
// and the access token refreshed through POST /api/accounts/refresh once when a call answers 401.
const KEY = 'dongnai.session';

let session = readSession();
const listeners = new Set();

function readSession() {
  try { return JSON.parse(sessionStorage.getItem(KEY) ?? 'null'); } catch { return null; }
}

export function currentSession() { return session; }

export function onSessionChange(listener) { listeners.add(listener); }

export function setSession(tokens) {
  session = tokens ? {
    accountId: tokens.accountId,
    role: tokens.role,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
  } : null;
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session)); else sessionStorage.removeItem(KEY);
  listeners.forEach(l => l(session));
}

/** A problem (RFC 9457) the API answered, with its field errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Lỗi ${status}`);
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors() { return this.problem?.errors ?? {}; }
}

let refreshing = null;

async function refresh() {
  if (!session?.refreshToken) return false;
  refreshing ??= (async () => {
    const response = await fetch('/api/accounts/refresh', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    if (!response.ok) { setSession(null); return false; }
    setSession(await response.json());
    return true;
  })().finally(() => { refreshing = null; });
  return refreshing;
}

/** Calls the API; JSON in (or a multipart `form`) and JSON out. Throws ApiError for a problem answer. */
export async function api(path, { method = 'GET', body, raw = false, form } = {}) {
  const send = () => {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (session?.accessToken) headers.Authorization = `Bearer ${session.accessToken}`;
    // A FormData (multipart upload) goes as it is; the browser writes its boundary.
    return fetch(path, { method, headers, body: form ?? (body === undefined ? undefined : JSON.stringify(body)) });
  };
  let response = await send();
  if (response.status === 401 && session && await refresh()) response = await send();
  if (raw) return response;
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** An image the API serves behind a bearer token, as an object URL. */
export async function apiImage(path) {
  const response = await api(path, { raw: true });
  if (!response.ok) throw new ApiError(response.status, null);
  return URL.createObjectURL(await response.blob());
}
