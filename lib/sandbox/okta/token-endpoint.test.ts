import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateServiceKey, signClientAssertion, signDpopProof, type ServiceKey } from "@/lib/sandbox/okta/okta-test-support";
import { startOktaSandbox } from "@/lib/sandbox/okta/start-okta-sandbox";

type Running = Awaited<ReturnType<typeof startOktaSandbox>>;
let running: Running;
let key: ServiceKey;
let rotatedKey: ServiceKey;
let tokenUrl: string;

beforeAll(async () => {
  running = await startOktaSandbox({ seed: "token-tests", userCount: 50 });
  key = await generateServiceKey("key-2025");
  rotatedKey = await generateServiceKey("key-2026");
  running.sandbox.registerPublicKeys(running.connection.clientId, { keys: [key.publicJwk, rotatedKey.publicJwk] });
  tokenUrl = `${running.connection.orgUrl}/oauth2/v1/token`;
});
afterAll(() => running.close());
beforeEach(() => running.sandbox.reset());

async function postToken(fields: Record<string, string>, dpop?: string): Promise<Response> {
  return fetch(tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(dpop ? { DPoP: dpop } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

function tokenForm(assertion: string, scope = "okta.groups.read okta.users.manage"): Record<string, string> {
  return {
    grant_type: "client_credentials",
    scope,
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: assertion,
  };
}

async function nonce(): Promise<string> {
  const assertion = await signClientAssertion(key, { clientId: running.connection.clientId, audience: tokenUrl });
  const response = await postToken(tokenForm(assertion), await signDpopProof(key, { htm: "POST", htu: tokenUrl }));
  return response.headers.get("dpop-nonce") ?? "";
}

/** Token request with a valid nonced DPoP proof, so the client assertion is what gets judged. */
async function requestToken(assertion: string, scope?: string): Promise<Response> {
  const proof = await signDpopProof(key, { htm: "POST", htu: tokenUrl, nonce: await nonce() });
  return postToken(tokenForm(assertion, scope), proof);
}

async function expectOauthError(response: Response, status: number, error: string): Promise<void> {
  expect(response.status).toBe(status);
  const body: unknown = await response.json();
  expect(body).toMatchObject({ error, error_description: expect.any(String) });
}

describe("Okta sandbox token endpoint (raw HTTP)", () => {
  it("challenges for a DPoP nonce, then issues a DPoP-bound token", async () => {
    const first = await postToken(
      tokenForm(await signClientAssertion(key, { clientId: running.connection.clientId, audience: tokenUrl })),
      await signDpopProof(key, { htm: "POST", htu: tokenUrl }),
    );
    expect(first.status).toBe(400);
    expect(await first.json()).toEqual({ error: "use_dpop_nonce", error_description: "Authorization server requires nonce in DPoP proof." });
    const dpopNonce = first.headers.get("dpop-nonce");
    expect(dpopNonce).toBeTruthy();
    expect(first.headers.get("x-rate-limit-reset")).toMatch(/^\d+$/);

    const assertion = await signClientAssertion(key, { clientId: running.connection.clientId, audience: tokenUrl });
    const second = await postToken(tokenForm(assertion), await signDpopProof(key, { htm: "POST", htu: tokenUrl, nonce: dpopNonce ?? "" }));
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ token_type: "DPoP", expires_in: 3600, access_token: expect.any(String), scope: "okta.groups.read okta.users.manage" });
  });

  it("accepts every registered key, so keys can be rotated", async () => {
    const assertion = await signClientAssertion(rotatedKey, { clientId: running.connection.clientId, audience: tokenUrl });
    expect((await requestToken(assertion)).status).toBe(200);
  });

  it("refuses a wrong audience, a far expiry, an unknown kid, a missing kid and a bad signature", async () => {
    const clientId = running.connection.clientId;
    const stranger = await generateServiceKey("key-2025");
    const cases = [
      await signClientAssertion(key, { clientId, audience: `${running.connection.orgUrl}/oauth2/default/v1/token` }),
      await signClientAssertion(key, { clientId, audience: tokenUrl, expiresInSeconds: 3700 }),
      await signClientAssertion(key, { clientId, audience: tokenUrl, expiresInSeconds: -10 }),
      await signClientAssertion(key, { clientId, audience: tokenUrl, kid: "not-registered" }),
      await signClientAssertion(key, { clientId, audience: tokenUrl, kid: null }),
      await signClientAssertion(key, { clientId, audience: tokenUrl, subject: "someone-else" }),
      await signClientAssertion(stranger, { clientId, audience: tokenUrl }),
      await signClientAssertion(key, { clientId: "0oaUnknownClient", audience: tokenUrl }),
    ];
    for (const assertion of cases) await expectOauthError(await requestToken(assertion), 401, "invalid_client");
  });

  it("refuses a replayed client assertion jti", async () => {
    const assertion = await signClientAssertion(key, { clientId: running.connection.clientId, audience: tokenUrl });
    expect((await requestToken(assertion)).status).toBe(200);
    await expectOauthError(await requestToken(assertion), 401, "invalid_client");
  });

  it("refuses client secrets: private_key_jwt only", async () => {
    const response = await postToken({ grant_type: "client_credentials", scope: "okta.users.read", client_id: running.connection.clientId, client_secret: "s3cret" });
    await expectOauthError(response, 401, "invalid_client");
  });

  it("refuses missing, malformed, mis-addressed and replayed DPoP proofs", async () => {
    const clientId = running.connection.clientId;
    const assertion = () => signClientAssertion(key, { clientId, audience: tokenUrl });
    await expectOauthError(await postToken(tokenForm(await assertion())), 400, "invalid_dpop_proof");
    await expectOauthError(await postToken(tokenForm(await assertion()), "not-a-jwt"), 400, "invalid_dpop_proof");
    const wrongTyp = await signDpopProof(key, { htm: "POST", htu: tokenUrl, typ: "JWT", nonce: await nonce() });
    await expectOauthError(await postToken(tokenForm(await assertion()), wrongTyp), 400, "invalid_dpop_proof");
    const wrongHtu = await signDpopProof(key, { htm: "POST", htu: `${running.connection.orgUrl}/oauth2/v1/other`, nonce: await nonce() });
    await expectOauthError(await postToken(tokenForm(await assertion()), wrongHtu), 400, "invalid_dpop_proof");
    const wrongHtm = await signDpopProof(key, { htm: "GET", htu: tokenUrl, nonce: await nonce() });
    await expectOauthError(await postToken(tokenForm(await assertion()), wrongHtm), 400, "invalid_dpop_proof");
    const staleNonce = await signDpopProof(key, { htm: "POST", htu: tokenUrl, nonce: "never-issued" });
    await expectOauthError(await postToken(tokenForm(await assertion()), staleNonce), 400, "use_dpop_nonce");

    const proof = await signDpopProof(key, { htm: "POST", htu: tokenUrl, nonce: await nonce() });
    expect((await postToken(tokenForm(await assertion()), proof)).status).toBe(200);
    await expectOauthError(await postToken(tokenForm(await assertion()), proof), 400, "invalid_dpop_proof");
  });

  it("answers invalid_scope for a scope the app was not granted", async () => {
    running.sandbox.configureApp(running.connection.clientId, { scopes: ["okta.groups.read"] });
    const assertion = await signClientAssertion(key, { clientId: running.connection.clientId, audience: tokenUrl });
    await expectOauthError(await requestToken(assertion, "okta.groups.read okta.users.manage"), 400, "invalid_scope");
  });

  it("issues Bearer tokens to apps that do not require DPoP", async () => {
    running.sandbox.configureApp(running.connection.clientId, { dpopRequired: false });
    const assertion = await signClientAssertion(key, { clientId: running.connection.clientId, audience: tokenUrl });
    const response = await postToken(tokenForm(assertion, "okta.groups.read"));
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    expect(body).toMatchObject({ token_type: "Bearer" });
  });
});
