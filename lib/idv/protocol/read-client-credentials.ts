import { OAuthError } from "@/lib/idv/protocol/oauth-error";

export type ClientCredentials = { clientId: string; clientSecret: string; method: "client_secret_basic" | "client_secret_post" };

const MAX_CREDENTIAL_LENGTH = 256;

function decodeFormComponent(value: string): string {
  // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
  return decodeURIComponent(value.replace(/\+/g, " "));
}

/**
 * The client's credentials from `Authorization: Basic` or the form body (RFC 6749 §2.3.1). Using both at once,
 * or neither, is refused: a client uses exactly one authentication method per request.
 */
export function readClientCredentials(authorization: string | null, form: URLSearchParams): ClientCredentials {
  const postedId = form.get("client_id");
  const postedSecret = form.get("client_secret");
  if (authorization !== null) {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw new OAuthError("invalid_client", "Client authentication failed.");
    if (postedSecret !== null) throw new OAuthError("invalid_request", "Use one client authentication method: HTTP Basic or client_secret in the body, not both.");
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 1) throw new OAuthError("invalid_client", "Client authentication failed.");
    let clientId: string;
    let clientSecret: string;
    try {
      clientId = decodeFormComponent(decoded.slice(0, colon));
      clientSecret = decodeFormComponent(decoded.slice(colon + 1));
    } catch {
      throw new OAuthError("invalid_client", "Client authentication failed.");
    }
    if (postedId !== null && postedId !== clientId) throw new OAuthError("invalid_request", "client_id in the body differs from the authenticated client.");
    return checked({ clientId, clientSecret, method: "client_secret_basic" });
  }
  if (postedId === null || postedSecret === null) throw new OAuthError("invalid_client", "Client authentication failed.");
  return checked({ clientId: postedId, clientSecret: postedSecret, method: "client_secret_post" });
}

function checked(credentials: ClientCredentials): ClientCredentials {
  if (!credentials.clientId || !credentials.clientSecret || credentials.clientId.length > MAX_CREDENTIAL_LENGTH || credentials.clientSecret.length > MAX_CREDENTIAL_LENGTH) {
    throw new OAuthError("invalid_client", "Client authentication failed.");
  }
  return credentials;
}
