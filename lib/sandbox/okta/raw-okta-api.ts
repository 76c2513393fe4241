import type { OktaSandbox } from "@/lib/sandbox/okta/create-okta-sandbox";
import { signClientAssertion, type ServiceKey } from "@/lib/sandbox/okta/okta-test-support";

export type RawOktaResponse = { status: number; headers: Headers; body: unknown };
export type RawOktaApi = { call(pathOrUrl: string, init?: { method?: string }): Promise<RawOktaResponse> };

/**
 * Test-only: plain HTTP calls to a sandbox org's management API with a Bearer token (the app's DPoP requirement is
 * turned off for it), so tests see status, headers and error bodies exactly as sent.
 */
export async function rawOktaApi(input: { sandbox: OktaSandbox; key: ServiceKey; scopes: string[] }): Promise<RawOktaApi> {
  const { orgUrl, clientId } = input.sandbox.connection;
  input.sandbox.configureApp(clientId, { dpopRequired: false });
  const tokenUrl = `${orgUrl}/oauth2/v1/token`;
  const response = await fetch(tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      scope: input.scopes.join(" "),
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: await signClientAssertion(input.key, { clientId, audience: tokenUrl }),
    }).toString(),
  });
  const token: unknown = await response.json();
  if (response.status !== 200 || typeof token !== "object" || token === null || !("access_token" in token) || typeof token.access_token !== "string") {
    throw new Error(`token request answered ${response.status}`);
  }
  const accessToken = token.access_token;
  return {
    async call(pathOrUrl, init = {}) {
      const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${orgUrl}${pathOrUrl}`;
      const answer = await fetch(url, { method: init.method ?? "GET", headers: { Accept: "application/json", Authorization: `Bearer ${accessToken}` } });
      const text = await answer.text();
      return { status: answer.status, headers: answer.headers, body: text ? JSON.parse(text) : null };
    },
  };
}

/** The `rel="next"` URL of a Link header, if any. */
export function nextLink(headers: Headers): string | null {
  const link = headers.get("link") ?? "";
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return match[1];
  }
  return null;
}
