import { createHash, randomBytes } from "node:crypto";
import { GET as authorizeRoute } from "@/app/idv/authorize/route";
import { POST as parRoute } from "@/app/idv/par/route";
import { GET as returnRoute } from "@/app/idv/return/route";
import { POST as tokenRoute } from "@/app/idv/token/route";
import { db } from "@/lib/db/prisma";
import { generateIdvClientId, generateIdvClientSecret } from "@/lib/idv/clients/idv-client-secrets";
import { viewIdvTransaction } from "@/lib/idv/protocol/complete-idv-authorization";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import type { ClaimName } from "@/lib/verification/claims";

/** Route handlers as the IdP and the browser reach them (tests mock next/headers with fake-next-headers). */
export const APP = "http://localhost:3000";
export const REDIRECT_URI = "https://acme.okta.test/idp/identity-verification/callback";
export const OKTA_CLAIMS = JSON.stringify({ id_token: { verified_claims: { verification: { trust_framework: null }, claims: { given_name: null, family_name: null } } } });

export type TestClient = { id: string; clientId: string; clientSecret: string };

/** A registered client, written as the Settings page would (its own tests cover that page). */
export async function registerTestClient(name: string, allowedClaims: ClaimName[] = ["firstName", "lastName", "dateOfBirth"]): Promise<TestClient> {
  const clientId = generateIdvClientId();
  const { secret, hash } = generateIdvClientSecret();
  const created = await db().idvClient.create({ data: { clientId, name, secretHash: hash, redirectUris: [REDIRECT_URI], allowedClaims } });
  return { id: created.id, clientId, clientSecret: secret };
}

export function basicAuth(client: { clientId: string; clientSecret: string }): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString("base64")}`;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function formRequest(path: string, params: Record<string, string>, authorization?: string): Request {
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
  if (authorization) headers.set("authorization", authorization);
  return new Request(`${APP}${path}`, { method: "POST", headers, body: new URLSearchParams(params).toString() });
}

export async function push(params: Record<string, string>, authorization?: string): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await parRoute(formRequest("/idv/par", params, authorization));
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

export async function token(params: Record<string, string>, authorization?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await tokenRoute(formRequest("/idv/token", params, authorization));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The standard pushed request Okta sends for one user, with fresh PKCE, state and nonce. */
export async function pushFor(client: TestClient, loginHint: string, overrides: Record<string, string> = {}) {
  const pkce = pkcePair();
  const state = randomBytes(8).toString("hex");
  const nonce = randomBytes(8).toString("hex");
  const pushed = await push(
    { response_type: "code", client_id: client.clientId, redirect_uri: REDIRECT_URI, scope: "openid profile identity_assurance", state, nonce, code_challenge: pkce.challenge, code_challenge_method: "S256", login_hint: loginHint, claims: OKTA_CLAIMS, ...overrides },
    basicAuth(client),
  );
  return { ...pushed, pkce, state, nonce, requestUri: String(pushed.body.request_uri) };
}

/** The browser following the request_uri; on success its binding cookie is in the fake browser's jar. */
export async function authorize(query: Record<string, string>): Promise<{ status: number; location: string | null; text: string }> {
  const response = await authorizeRoute(new Request(`${APP}/idv/authorize?${new URLSearchParams(query)}`));
  const cookie = /verifyd_idv=([^;]*)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
  if (cookie) fakeBrowser.jar.set("verifyd_idv", cookie);
  return { status: response.status, location: response.headers.get("location"), text: await response.text() };
}

/** The browser going back to the IdP (GET /idv/return): where it is sent. */
export async function returnToIdp(): Promise<{ status: number; location: string | null }> {
  const response = await returnRoute();
  return { status: response.status, location: response.headers.get("location") };
}

/** The verification link this browser was handed (what the hand-off page shows and encodes in its QR code). */
export async function handedOffLink(): Promise<string> {
  const view = await viewIdvTransaction(fakeBrowser.jar.get("verifyd_idv"));
  if (!view?.linkToken) throw new Error("no verification link for this browser");
  return view.linkToken;
}
