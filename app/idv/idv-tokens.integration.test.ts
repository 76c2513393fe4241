import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as jwksRoute } from "@/app/idv/jwks/route";
import { db } from "@/lib/db/prisma";
import { terminateDocumentReaders } from "@/lib/documents";
import { renderAamvaBarcode, renderCardFront, TEST_IDENTITIES, withChromiumPage } from "@/lib/documents/testing";
import { cropPortrait } from "@/lib/face/testing/crop-portrait";
import { readFaceSetImage } from "@/lib/face/testing/load-face-set";
import { verifiedClaimsSchema } from "@/lib/idv/protocol/verified-claims-schema";
import { APP, authorize, basicAuth, handedOffLink, pushFor, REDIRECT_URI, registerTestClient, returnToIdp, type TestClient, token } from "@/lib/idv/testing/idv-test-flow";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { recordPassedFaceCheck } from "@/lib/verification/face/testing/face-fixtures";
import { advanceVerification } from "@/lib/verification/requests/advance-verification";
import { loadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { confirmPossessionCode, sendPossessionCode } from "@/lib/verification/requests/possession-code";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { submitDocumentFront } from "@/lib/verification/requests/submit-document-front";
import { submitIdentityDocument } from "@/lib/verification/requests/submit-identity-document";
import { LIVE_FACE_MATCH } from "@/lib/verification/testing/face-evidence-fixtures";
import { codeFrom, createVerificationWorld, latestMessageText } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

const person = TEST_IDENTITIES.valid;
let world: Awaited<ReturnType<typeof createVerificationWorld>>;
let okta: TestClient;
const cards = {} as Record<"back" | "front" | "otherBack" | "otherFront", Buffer>;

async function session(sessionToken: string) {
  const loaded = await loadVerificationSession(sessionToken);
  if (!loaded) throw new Error("no session");
  return loaded;
}

/**
 * The employee Okta sent us, walking the real steps in the browser that followed the request: licence barcode,
 * its front, the live face (recorded as passed: it is tested with real footage in Playwright), the text message
 * code, then back to the IdP. Returns where the browser was sent.
 */
async function verifyAndReturn(client: TestClient, login: string, back = cards.back, front = cards.front) {
  fakeBrowser.reset();
  const pushed = await pushFor(client, login);
  expect((await authorize({ client_id: client.clientId, request_uri: pushed.requestUri })).status).toBe(303);
  const { sessionToken } = await startVerification(await handedOffLink());
  expect(await submitIdentityDocument(await session(sessionToken), back)).toMatchObject({ ok: true });
  expect(await submitDocumentFront(await session(sessionToken), front)).toMatchObject({ ok: true });
  await recordPassedFaceCheck(await session(sessionToken), LIVE_FACE_MATCH);
  if ((await advanceVerification(await session(sessionToken), { typed: {} })) === "CODE") {
    const matched = await session(sessionToken);
    await sendPossessionCode(matched, "SMS");
    await confirmPossessionCode(await session(sessionToken), codeFrom(await latestMessageText(matched.id)));
    await advanceVerification(await session(sessionToken));
  }
  const back303 = await returnToIdp();
  expect(back303.status).toBe(303);
  const location = new URL(back303.location!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
  return { ...pushed, params: Object.fromEntries(location.searchParams) };
}

function exchange(client: TestClient, code: string, verifier: string, redirectUri = REDIRECT_URI) {
  return token({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier }, basicAuth(client));
}

async function employeeLikeTheDocument() {
  return world.createEmployee({ firstName: person.directory.givenName, lastName: person.directory.surname, birthday: person.directory.dateOfBirth, mobilePhone: "+1 415 555 0142", country: "US" });
}

describe("identity verification provider: the verification, the code and the ID token", () => {
  beforeAll(async () => {
    await useFreshDatabase("idv_tokens");
    world = await createVerificationWorld("idvtok");
    okta = await registerTestClient("Okta");
    const portrait = await cropPortrait(await readFaceSetImage("fr-obama-1.jpg"));
    cards.back = await renderAamvaBarcode(person);
    cards.otherBack = await renderAamvaBarcode(TEST_IDENTITIES.differentName);
    await withChromiumPage(async (page) => {
      cards.front = await renderCardFront(person, { page, portrait });
      cards.otherFront = await renderCardFront(TEST_IDENTITIES.differentName, { page, portrait });
    });
  }, 120_000);
  afterAll(async () => {
    await terminateDocumentReaders();
  });

  it("a verified employee goes back with a code; the code buys one ID token whose verified_claims say what was verified", { timeout: 60_000 }, async () => {
    const employee = await employeeLikeTheDocument();
    const walked = await verifyAndReturn(okta, employee.email!);
    expect(Object.keys(walked.params).sort()).toEqual(["code", "iss", "state"]);
    expect(walked.params).toMatchObject({ state: walked.state, iss: `${APP}/idv` });

    const answer = await exchange(okta, walked.params.code!, walked.pkce.verifier);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: "Bearer", expires_in: 300, scope: "openid profile identity_assurance", access_token: expect.any(String), id_token: expect.any(String) });
    const idToken = String(answer.body.id_token);
    const keys = createLocalJWKSet((await (await jwksRoute()).json()) as { keys: [] });
    const { payload } = await jwtVerify(idToken, keys, { issuer: `${APP}/idv`, audience: okta.clientId, algorithms: ["RS256"] });
    expect(decodeProtectedHeader(idToken)).toMatchObject({ alg: "RS256", kid: expect.any(String) });
    expect(payload).toMatchObject({ sub: employee.externalId, nonce: walked.nonce });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
    const verified = verifiedClaimsSchema.parse(payload.verified_claims);
    // Okta asked for the names only; the client may also have the birth date, but it was not asked for.
    expect(verified.claims).toEqual({ given_name: person.directory.givenName, family_name: person.directory.surname });
    expect(verified.verification).toMatchObject({ trust_framework: "verifyd_workforce", assurance_level: "document_and_live_face" });
    expect(verified.verification.evidence).toEqual([expect.objectContaining({ type: "document", check_details: [{ check_method: "vri" }, { check_method: "bvr" }], document_details: expect.objectContaining({ type: "driving_permit" }) })]);
    expect(JSON.stringify(payload)).not.toContain(employee.mobilePhone!);

    // The code is single use: the replay gets nothing and is recorded.
    expect(await exchange(okta, walked.params.code!, walked.pkce.verifier)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const row = await db().idvAuthorization.findFirstOrThrow({ where: { employeeId: employee.id } });
    expect(row.codeReplayedAt).not.toBeNull();
    expect(await db().auditEvent.findMany({ where: { action: { in: ["idv.token_issued", "idv.token_refused"] } }, select: { action: true, details: true } })).toEqual([
      { action: "idv.token_issued", details: expect.objectContaining({ claims: ["given_name", "family_name"], assurance: "document_and_live_face" }) },
      { action: "idv.token_refused", details: expect.objectContaining({ reason: "code_replayed" }) },
    ]);
  });

  it("someone else's licence fails the verification: the IdP hears access_denied and no code exists", { timeout: 60_000 }, async () => {
    const employee = await employeeLikeTheDocument();
    const walked = await verifyAndReturn(okta, employee.login, cards.otherBack, cards.otherFront);
    expect(walked.params).toEqual({ error: "access_denied", error_description: "The identity verification did not succeed.", state: walked.state, iss: `${APP}/idv` });
    expect(await db().idvAuthorization.findFirstOrThrow({ where: { employeeId: employee.id } })).toMatchObject({ outcome: "FAILED", codeHash: null });
  });

  it("a code fails with a wrong PKCE verifier, another redirect URI, another client, or after its minute, and stays spent", { timeout: 120_000 }, async () => {
    const other = await registerTestClient("Another IdP");
    const cases = [
      { spend: (code: string) => exchange(okta, code, "w".repeat(43)) },
      { spend: (code: string, verifier: string) => exchange(okta, code, verifier, `${REDIRECT_URI}?x=1`) },
      { spend: (code: string, verifier: string) => exchange(other, code, verifier) },
      {
        spend: async (code: string, verifier: string) => {
          await db().idvAuthorization.updateMany({ where: { codeUsedAt: null, codeHash: { not: null } }, data: { codeExpiresAt: new Date(Date.now() - 1000) } });
          return exchange(okta, code, verifier);
        },
      },
    ];
    for (const { spend } of cases) {
      const walked = await verifyAndReturn(okta, (await employeeLikeTheDocument()).login);
      expect(await spend(walked.params.code!, walked.pkce.verifier)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
      // The right client with the right verifier cannot use it afterwards either.
      expect(await exchange(okta, walked.params.code!, walked.pkce.verifier)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    }
  });

  it("a parallel burst of token requests with one code gets exactly one token", { timeout: 60_000 }, async () => {
    const walked = await verifyAndReturn(okta, (await employeeLikeTheDocument()).login);
    const answers = await Promise.all(Array.from({ length: 6 }, () => exchange(okta, walked.params.code!, walked.pkce.verifier)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 400 && answer.body.error === "invalid_grant")).toHaveLength(5);
  });
});
