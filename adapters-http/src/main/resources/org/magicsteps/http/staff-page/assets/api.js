// Talking to the API, as any client does: a bearer token from POST /token (form-encoded), JSON in
// and out. The token lives in this tab's sessionStorage only (never localStorage, never a cookie:
// so there is no cookie for another site to ride, and no CSRF); signing out or closing the tab
// forgets it.

const TOKEN_KEY = 'magicsteps.token';

const STATUS_WORDS = {
  0: 'Sem conexão',
  400: 'Pedido inválido',
  401: 'Não autenticado',
  403: 'Sem permissão',
  404: 'Não encontrado',
  405: 'Operação não permitida',
  413: 'Grande demais',
  415: 'Tipo de arquivo não aceito',
  422: 'Dados recusados',
  429: 'Muitas tentativas',
  500: 'Erro no servidor',
  503: 'Serviço indisponível',
};

/** An answer that is not a success, with the API's own `detail`. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
    this.detail = detail;
  }

  /** What the page shows: the kind of refusal in Portuguese, then the API's detail as it said it. */
  describe() {
    const words = STATUS_WORDS[this.status] ?? `Erro ${this.status}`;
    return this.status === 0 ? `${words}: ${this.detail}` : `${words} (${this.status}): ${this.detail}`;
  }
}

/** Anything thrown, as the sentence to show. */
export function describeError(error) {
  return error instanceof ApiError ? error.describe() : `Erro inesperado na página: ${error.message}`;
}

let onSignedOut = () => {};

/** What to do when the server no longer accepts the token (it expired, or the user was disabled). */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * The token's claims (`sub`, `role`, `exp`), for the page to choose what to offer. The server
 * never trusts them: it reads the user's role from its store on every request.
 */
export function claims() {
  const current = token();
  if (!current) {
    return null;
  }
  try {
    const payload = current.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export function signedIn() {
  const c = claims();
  return c !== null && typeof c.exp === 'number' && c.exp * 1000 > Date.now();
}

export async function signIn(username, password) {
  const form = new URLSearchParams({ username, password });
  const response = await send('/token', { method: 'POST', body: form });
  const body = await response.json();
  sessionStorage.setItem(TOKEN_KEY, body.access_token);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * Calls the API and answers the Response when it is a success; otherwise throws an ApiError with
 * the body's `detail` (a sentence, or FastAPI's list of located problems, each with its `msg`).
 */
export async function send(path, { method = 'GET', body, json, headers = {} } = {}) {
  const sent = { ...headers };
  const current = token();
  if (current && path !== '/token') {
    sent.Authorization = `Bearer ${current}`;
  }
  let payload = body;
  if (json !== undefined) {
    sent['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(path, { method, headers: sent, body: payload, cache: 'no-store' });
  } catch (failure) {
    throw new ApiError(0, `o servidor não respondeu (${failure.message})`);
  }
  if (response.ok) {
    return response;
  }
  const error = new ApiError(response.status, await detailOf(response));
  if (response.status === 401 && path !== '/token') {
    signOut();
    onSignedOut(error);
  }
  throw error;
}

/** GET (or another method) and the JSON body. */
export async function call(path, options) {
  const response = await send(path, options);
  return response.json();
}

async function detailOf(response) {
  const text = await response.text();
  try {
    const detail = JSON.parse(text).detail;
    if (typeof detail === 'string') {
      return detail;
    }
    if (Array.isArray(detail)) {
      return detail.map((problem) => problem.msg ?? JSON.stringify(problem)).join('\n');
    }
  } catch {
    // not JSON: said below as it came
  }
  return text ? text.slice(0, 300) : response.statusText || 'sem detalhe';
}

/** A query string of the filled fields only. */
export function query(params) {
  const filled = Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return filled.length === 0 ? '' : `?${new URLSearchParams(filled)}`;
}
