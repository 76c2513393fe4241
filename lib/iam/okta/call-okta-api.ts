import type { Client } from "@okta/okta-sdk-nodejs";

/**
 * One Okta API call through the SDK's HTTP layer (token, DPoP proof, 401 refresh and 429 retry stay the SDK's),
 * returning the parsed JSON body (null when empty). Raw requests because the SDK's typed methods drop response
 * fields (expire_password_with_temp_password's `tempPassword`, PROVIDERS.md). Errors are thrown unmapped.
 */
export async function callOktaApi(client: Client, orgUrl: string, request: { method: "GET" | "POST" | "DELETE"; path: string; query?: Record<string, string> }): Promise<unknown> {
  const url = new URL(`${orgUrl.replace(/\/+$/, "")}/api/v1${request.path}`);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
  // A variable, not a literal: the SDK types RequestOptions on node-fetch's RequestInit, which is not installed.
  const options = { url: url.toString(), method: request.method, headers: { Accept: "application/json", "Content-Type": "application/json" } };
  const response = await client.http.http(url.toString(), options);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}
