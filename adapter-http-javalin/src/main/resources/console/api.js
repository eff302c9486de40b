// The TableTalk HTTP API as the console uses it: POST chat, GET schema and the auth mode read from
// openapi.json. Every call carries the identity header of the server's auth mode and, when it sends a body,
// the JSON content type, as the server requires of every state-changing request.

/** What went wrong when the server answered with a problem document (or not at all). */
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
  const document = await response.json();
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
  return response.json();
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
  return response.json();
}

async function problemOf(response) {
  try {
    const problem = await response.json();
    if (problem && typeof problem === 'object') {
      return problem;
    }
  } catch {
    // not a problem document: described below
  }
  return { status: response.status, title: `The server answered ${response.status}.` };
}

function base64(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}
