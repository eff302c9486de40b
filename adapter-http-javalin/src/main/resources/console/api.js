// The TableTalk HTTP API as the console uses it: POST chat, GET schema and the auth mode read from
// openapi.json. Every call carries the identity header of the server's auth mode and, when it sends a body,
// the JSON content type, as the server requires of every state-changing request.

/**
 * What went wrong when the server answered with a status other than 2xx: its problem document (title, detail,
 * errorId, reason), the status, and retryAt (epoch milliseconds) when the answer said when to try again
 * (Retry-After, as on a 429 or 503).
 */
export class ApiProblem extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || 'The request failed.');
    this.problem = problem;
  }
}

/**
 * The auth mode of this server: "dev", "jwt" or "hmac", read from the security scheme the API document
 * names for POST /chat.
 */
export async function authMode() {
  const response = await fetch('openapi.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new ApiProblem(await problemOf(response));
  }
  const document = await jsonOf(response);
  const security = document?.paths?.['/chat']?.post?.security?.[0] ?? {};
  if (Object.hasOwn(security, 'bearerJwt')) {
    return 'jwt';
  }
  if (Object.hasOwn(security, 'hmacSignedContext')) {
    return 'hmac';
  }
  return 'dev';
}

/** The identity headers of a caller: the dev context header or the bearer token. */
export function identityHeaders(identity) {
  if (identity.mode === 'dev') {
    const context = JSON.stringify({
      user_id: identity.user,
      user_role: identity.role,
      company_id: Number(identity.tenant),
    });
    return { 'X-User-Context': base64(context) };
  }
  if (identity.mode === 'jwt' && identity.token) {
    return { Authorization: `Bearer ${identity.token}` };
  }
  return {};
}

/** One turn: a message, or the confirm of a preview ({"sessionId", "confirm": previewId}). */
export async function chat(identity, request) {
  const response = await fetch('chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...identityHeaders(identity) },
    body: JSON.stringify(request),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) {
    throw new ApiProblem(await problemOf(response));
  }
  return jsonOf(response);
}

/** The schema this caller may use. */
export async function schema(identity) {
  const response = await fetch('schema', {
    headers: { Accept: 'application/json', ...identityHeaders(identity) },
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) {
    throw new ApiProblem(await problemOf(response));
  }
  return jsonOf(response);
}

/** The problem of an answer other than 2xx: its problem document, or a description of the bare status. */
async function problemOf(response) {
  let problem = { title: `The server answered ${response.status}.` };
  try {
    const body = await response.json();
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      problem = body;
    }
  } catch {
    // not a problem document (a proxy's page, say): the status says what happened
  }
  const retryAt = retryAtOf(response.headers.get('Retry-After'));
  return {
    ...problem,
    status: typeof problem.status === 'number' ? problem.status : response.status,
    ...(retryAt === null ? {} : { retryAt }),
  };
}

/** The JSON of a 2xx answer; an answer that is not JSON is a problem too, never an empty view. */
async function jsonOf(response) {
  try {
    return await response.json();
  } catch {
    throw new ApiProblem({ status: response.status, title: 'The server sent an answer that is not JSON.' });
  }
}

/**
 * When a refused request may be sent again, in epoch milliseconds: Retry-After in seconds or as an HTTP date; null
 * without one.
 */
export function retryAtOf(header, now = Date.now()) {
  const value = (header ?? '').trim();
  if (/^[0-9]+$/.test(value)) {
    return now + Number(value) * 1000;
  }
  const date = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? null : date;
}

function base64(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}
