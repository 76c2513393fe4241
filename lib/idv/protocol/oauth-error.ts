/** The error codes RFC 6749 §5.2, RFC 9126 §2.3 and OpenID Connect Core §3.1.2.6 define for what we serve. */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "access_denied"
  | "temporarily_unavailable";

/**
 * A refusal the protocol describes, answered as `{ error, error_description }` JSON. The description says what
 * was wrong with the request, never anything about the person (no enumeration).
 */
export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly status: number = code === "invalid_client" ? 401 : code === "temporarily_unavailable" ? 503 : 400,
  ) {
    super(`${code}: ${description}`);
    this.name = "OAuthError";
  }
}

/** RFC 6749 §5.2: JSON, never cached; invalid_client through Basic gets a WWW-Authenticate challenge. */
export function oauthErrorResponse(error: OAuthError, options: { basicChallenge?: boolean; retryAfterSeconds?: number } = {}): Response {
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store", pragma: "no-cache" });
  if (error.code === "invalid_client" && options.basicChallenge) headers.set("www-authenticate", 'Basic realm="verifyd", charset="UTF-8"');
  if (options.retryAfterSeconds) headers.set("retry-after", String(options.retryAfterSeconds));
  return new Response(JSON.stringify({ error: error.code, error_description: error.description }), { status: error.status, headers });
}

export function oauthJsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", pragma: "no-cache" } });
}
