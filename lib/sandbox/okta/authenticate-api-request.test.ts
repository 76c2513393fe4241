import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateServiceKey, signClientAssertion, signDpopProof, type ServiceKey } from "@/lib/sandbox/okta/okta-test-support";
import { startOktaSandbox } from "@/lib/sandbox/okta/start-okta-sandbox";

let running: Awaited<ReturnType<typeof startOktaSandbox>>;
let key: ServiceKey;
let accessToken: string;
let userUrl: string;

/** The SDK's token dance done by hand: challenge, then a nonced proof. */
async function fetchDpopToken(): Promise<string> {
  const tokenUrl = `${running.connection.orgUrl}/oauth2/v1/token`;
  const post = async (nonce?: string) =>
    fetch(tokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", DPoP: await signDpopProof(key, { htm: "POST", htu: tokenUrl, ...(nonce ? { nonce } : {}) }) },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        scope: "okta.users.read",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: await signClientAssertion(key, { clientId: running.connection.clientId, audience: tokenUrl }),
      }).toString(),
    });
  const challenge = await post();
  const response = await post(challenge.headers.get("dpop-nonce") ?? "");
  const body: { access_token: string } = await response.json();
  return body.access_token;
}

beforeAll(async () => {
  running = await startOktaSandbox({ seed: "auth-tests", userCount: 20 });
  key = await generateServiceKey("auth-key");
  running.sandbox.registerPublicKeys(running.connection.clientId, key.publicJwk);
  accessToken = await fetchDpopToken();
  userUrl = `${running.connection.orgUrl}/api/v1/users/${running.sandbox.state.userId(4)}`;
});
afterAll(() => running.close());

async function getUser(headers: Record<string, string>, url = userUrl): Promise<Response> {
  return fetch(url, { headers: { Accept: "application/json", ...headers } });
}

async function expectInvalidToken(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ errorCode: "E0000011", errorSummary: "Invalid token provided", errorLink: "E0000011", errorId: expect.any(String), errorCauses: [] });
}

describe("Okta sandbox management API authentication (raw HTTP)", () => {
  it("accepts a DPoP-bound token with a proof bound to the request and the token", async () => {
    const proof = await signDpopProof(key, { htm: "GET", htu: userUrl, accessToken });
    const response = await getUser({ Authorization: `DPoP ${accessToken}`, DPoP: proof });
    expect(response.status).toBe(200);
    for (const header of ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset", "date"]) expect(response.headers.get(header)).toBeTruthy();
  });

  it("answers 401 E0000011 for missing or unusable credentials and proofs", async () => {
    const other = await generateServiceKey("other");
    await expectInvalidToken(await getUser({}));
    await expectInvalidToken(await getUser({ Authorization: "Bearer undefined" }));
    await expectInvalidToken(await getUser({ Authorization: `Bearer ${accessToken}` }));
    await expectInvalidToken(await getUser({ Authorization: `DPoP ${accessToken}` }));
    await expectInvalidToken(await getUser({ Authorization: `DPoP ${accessToken}`, DPoP: await signDpopProof(key, { htm: "GET", htu: userUrl }) }));
    await expectInvalidToken(await getUser({ Authorization: `DPoP ${accessToken}`, DPoP: await signDpopProof(key, { htm: "POST", htu: userUrl, accessToken }) }));
    await expectInvalidToken(await getUser({ Authorization: `DPoP ${accessToken}`, DPoP: await signDpopProof(key, { htm: "GET", htu: `${userUrl}/factors`, accessToken }) }));
    await expectInvalidToken(await getUser({ Authorization: `DPoP ${accessToken}`, DPoP: await signDpopProof(other, { htm: "GET", htu: userUrl, accessToken }) }));

    const proof = await signDpopProof(key, { htm: "GET", htu: userUrl, accessToken });
    expect((await getUser({ Authorization: `DPoP ${accessToken}`, DPoP: proof })).status).toBe(200);
    await expectInvalidToken(await getUser({ Authorization: `DPoP ${accessToken}`, DPoP: proof }));
  });

  it("answers 401 E0000011 for every token issued before expire-tokens", async () => {
    const before = await fetchDpopToken();
    running.sandbox.faults.expireAllTokens();
    const after = await fetchDpopToken();
    await expectInvalidToken(await getUser({ Authorization: `DPoP ${before}`, DPoP: await signDpopProof(key, { htm: "GET", htu: userUrl, accessToken: before }) }));
    expect((await getUser({ Authorization: `DPoP ${after}`, DPoP: await signDpopProof(key, { htm: "GET", htu: userUrl, accessToken: after }) })).status).toBe(200);
  });
});
