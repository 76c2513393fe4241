import { describe, expect, it } from "vitest";
import { OAuthError } from "@/lib/idv/protocol/oauth-error";
import { parsePushedRequest } from "@/lib/idv/protocol/parse-pushed-request";

const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const OKTA_CLAIMS = JSON.stringify({ id_token: { verified_claims: { verification: { trust_framework: null }, claims: { given_name: null, family_name: null } } } });

function form(overrides: Record<string, string | null> = {}): URLSearchParams {
  const base: Record<string, string | null> = {
    response_type: "code",
    client_id: "idv_client",
    redirect_uri: "https://acme.okta.com/idp/identity-verification/callback",
    scope: "openid profile identity_assurance",
    state: "state-1",
    nonce: "nonce-1",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
    login_hint: "Ada.Lovelace@Example.com",
    claims: OKTA_CLAIMS,
    ...overrides,
  };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(base)) if (value !== null) params.set(name, value);
  return params;
}

function refusal(params: URLSearchParams): { code: string; description: string } {
  try {
    parsePushedRequest(params);
  } catch (error) {
    if (error instanceof OAuthError) return { code: error.code, description: error.description };
    throw error;
  }
  throw new Error("the request was accepted");
}

describe("parsePushedRequest", () => {
  it("reads Okta's request: names, scope, PKCE, the hint lower-cased and the verified claims it asks for", () => {
    expect(parsePushedRequest(form())).toEqual({
      clientId: "idv_client",
      redirectUri: "https://acme.okta.com/idp/identity-verification/callback",
      scope: "openid profile identity_assurance",
      state: "state-1",
      nonce: "nonce-1",
      codeChallenge: CHALLENGE,
      loginHint: "ada.lovelace@example.com",
      requestedClaims: ["firstName", "lastName"],
    });
  });

  it("maps address, birthdate and userinfo requests, ignores claims we never verify, and treats no claims parameter as 'what the client may have'", () => {
    const claims = JSON.stringify({ userinfo: { verified_claims: [{ claims: { birthdate: null, address: null } }, { claims: { nationalities: null } }] } });
    expect(parsePushedRequest(form({ claims })).requestedClaims).toEqual(["dateOfBirth", "street", "city", "state", "postalCode", "country"]);
    expect(parsePushedRequest(form({ claims: null })).requestedClaims).toBeNull();
  });

  it.each([
    [{ response_type: "token" }, "unsupported_response_type"],
    [{ response_type: null }, "invalid_request"],
    [{ scope: "profile identity_assurance" }, "invalid_scope"],
    [{ scope: "openid admin" }, "invalid_scope"],
    [{ code_challenge: null }, "invalid_request"],
    [{ code_challenge_method: "plain" }, "invalid_request"],
    [{ code_challenge_method: null }, "invalid_request"],
    [{ code_challenge: "short" }, "invalid_request"],
    [{ login_hint: null }, "invalid_request"],
    [{ login_hint: "has space@example.com" }, "invalid_request"],
    [{ redirect_uri: null }, "invalid_request"],
    [{ claims: "{not json" }, "invalid_request"],
    [{ claims: JSON.stringify({ id_token: "all of it" }) }, "invalid_request"],
    [{ request_uri: "urn:ietf:params:oauth:request_uri:abc" }, "invalid_request"],
    [{ request: "eyJhbGciOiJub25lIn0.e30." }, "invalid_request"],
    [{ state: "s".repeat(1025) }, "invalid_request"],
  ])("refuses %j with %s", (overrides, code) => {
    expect(refusal(form(overrides)).code).toBe(code);
  });

  it("refuses a repeated parameter (RFC 6749 §3.1)", () => {
    const params = form();
    params.append("redirect_uri", "https://evil.example/cb");
    expect(refusal(params)).toEqual({ code: "invalid_request", description: "The redirect_uri parameter is repeated." });
  });
});
