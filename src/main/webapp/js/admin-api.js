// The admin API over fetch: JSON in and out, the session cookie, the CSRF token on every write, and
// problem+json errors turned into exceptions with the server's detail.
const root = new URL('../api/admin/', document.baseURI);
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
  }
}

export function setCsrfToken(token) { csrfToken = token; }

export function streamUrl() { return new URL('stats/stream', root).href; }

export async function call(method, path, body) {
  // X-Requested-With: a 401 then comes without a Basic challenge, so no browser password dialog.
  const headers = { 'Accept': 'application/json', 'X-Requested-With': 'admin.js' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken || 'login';
  const response = await fetch(new URL(path, root), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin',
  });
  if (response.status === 204) return null;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data || {});
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const del = (path) => call('DELETE', path);
export const seg = encodeURIComponent;
