import { createHash } from "node:crypto";
import { z } from "zod";
import { IDV_SCOPES, type IdvProviderConfig } from "@/lib/sandbox/okta/idv-provider-config";
import type { IdvTransaction } from "@/lib/sandbox/okta/idv-recoveries";

/** The vendor gets 10 s per call; a hung vendor must not hold the user's browser (or a test) forever. */
const VENDOR_TIMEOUT_MS = 10_000;

/** What Okta asks the vendor to verify: the trust framework and the two names it compares with the profile. */
export const IDV_CLAIMS_REQUEST = JSON.stringify({
  id_token: { verified_claims: { verification: { trust_framework: null }, claims: { given_name: null, family_name: null } } },
});

const pushedResponseSchema = z.object({ request_uri: z.string().min(1).max(2048), expires_in: z.number().int().positive() });
const tokenResponseSchema = z.object({ id_token: z.string().min(1), token_type: z.string().regex(/^bearer$/i) });

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded. */
export function clientSecretBasic(clientId: string, clientSecret: string): string {
  const encode = (value: string) => new URLSearchParams([["", value]]).toString().slice(1);
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString("base64")}`;
}

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export function pkceChallenge(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
}

async function postForm(url: string, provider: IdvProviderConfig, fields: Record<string, string>): Promise<Response | null> {
  try {
    return await fetch(url, {
      method: "POST",
      headers: {
        Authorization: clientSecretBasic(provider.clientId, provider.clientSecret),
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      },
      body: new URLSearchParams(fields).toString(),
      redirect: "error",
      signal: AbortSignal.timeout(VENDOR_TIMEOUT_MS),
    });
  } catch {
    // Network failure, timeout or a redirect (a token endpoint that redirects is misconfigured): the caller maps
    // "no answer" to its own outcome; the error itself may carry URLs with secrets, so it goes nowhere.
    return null;
  }
}

async function parsedJson<Schema extends z.ZodType>(response: Response, schema: Schema): Promise<z.output<Schema> | null> {
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? parsed.data : null;
}

/**
 * Pushes the authorization request (RFC 9126) server to server. Returns the request_uri, or null when the vendor
 * did not answer 201 with one: the caller then shows "unavailable" and discards the transaction.
 */
export async function pushIdvAuthorizationRequest(provider: IdvProviderConfig, redirectUri: string, transaction: IdvTransaction): Promise<string | null> {
  const response = await postForm(provider.parUrl, provider, {
    response_type: "code",
    client_id: provider.clientId,
    redirect_uri: redirectUri,
    scope: IDV_SCOPES,
    state: transaction.state,
    nonce: transaction.nonce,
    code_challenge: pkceChallenge(transaction.codeVerifier),
    code_challenge_method: "S256",
    login_hint: transaction.login,
    claims: IDV_CLAIMS_REQUEST,
  });
  if (response?.status !== 201) return null;
  return (await parsedJson(response, pushedResponseSchema))?.request_uri ?? null;
}

/** The front-channel authorize URL: only client_id and the request_uri, as PAR intends (RFC 9126 §4). */
export function idvAuthorizeUrl(provider: IdvProviderConfig, requestUri: string): string {
  const url = new URL(provider.authorizeUrl);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("request_uri", requestUri);
  return url.toString();
}

/** Redeems the authorization code with the PKCE verifier; the ID token, or null for any failure. */
export async function redeemIdvCode(provider: IdvProviderConfig, redirectUri: string, code: string, codeVerifier: string): Promise<string | null> {
  const response = await postForm(provider.tokenUrl, provider, {
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri,
    code_verifier: codeVerifier,
  });
  if (response?.status !== 200) return null;
  return (await parsedJson(response, tokenResponseSchema))?.id_token ?? null;
}
