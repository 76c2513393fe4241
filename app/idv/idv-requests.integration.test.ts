import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as discoveryRoute } from "@/app/idv/.well-known/openid-configuration/route";
import { GET as jwksRoute } from "@/app/idv/jwks/route";
import { db } from "@/lib/db/prisma";
import { consoleUserActor } from "@/lib/audit/record-audit-event";
import { rotateSigningKey } from "@/lib/idv/keys/signing-keys";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";
import { APP, authorize, basicAuth, pushFor, REDIRECT_URI, registerTestClient, returnToIdp, type TestClient, token } from "@/lib/idv/testing/idv-test-flow";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
let okta: TestClient;
let other: TestClient;

describe("identity verification provider: discovery, pushed requests, authorize", () => {
  beforeAll(async () => {
    await useFreshDatabase("idv_requests");
    world = await createVerificationWorld("idvreq");
    okta = await registerTestClient("Okta");
    other = await registerTestClient("Another IdP");
  });
  afterAll(() => fakeBrowser.reset());

  it("publishes a discovery document that promises only what the endpoints enforce", async () => {
    const document = (await (await discoveryRoute()).json()) as Record<string, unknown>;
    expect(document).toMatchObject({
      issuer: `${APP}/idv`,
      pushed_authorization_request_endpoint: `${APP}/idv/par`,
      authorization_endpoint: `${APP}/idv/authorize`,
      token_endpoint: `${APP}/idv/token`,
      jwks_uri: `${APP}/idv/jwks`,
      require_pushed_authorization_requests: true,
      response_types_supported: ["code"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      id_token_signing_alg_values_supported: ["RS256"],
      authorization_response_iss_parameter_supported: true,
      verified_claims_supported: true,
    });
    expect(document.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "identity_assurance"]));
  });

  it("keeps a rotated-out key in the key set, so tokens it signed still verify", async () => {
    const admin = await db().consoleUser.findFirstOrThrow();
    const first = await rotateSigningKey(consoleUserActor(admin));
    const second = await rotateSigningKey(consoleUserActor(admin));
    const { keys } = (await (await jwksRoute()).json()) as { keys: { kid: string; kty: string; d?: string }[] };
    expect(keys.map((key) => key.kid)).toEqual(expect.arrayContaining([first.kid, second.kid]));
    // Public halves only.
    expect(keys.every((key) => key.kty === "RSA" && key.d === undefined)).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "idv.signing_key_rotated" } })).toBe(2);
  });

  it("answers a pushed request with a single-use request_uri, the same for a person we know and one we do not", async () => {
    const employee = await world.createEmployee();
    const known = await pushFor(okta, employee.login.toUpperCase());
    const unknown = await pushFor(okta, "nobody@example.com");
    for (const pushed of [known, unknown]) {
      expect(pushed.status).toBe(201);
      expect(pushed.headers.get("cache-control")).toBe("no-store");
      expect(Object.keys(pushed.body).sort()).toEqual(["expires_in", "request_uri"]);
      expect(pushed.body).toMatchObject({ request_uri: expect.stringMatching(/^urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43}$/), expires_in: 60 });
    }
    const rows = await db().idvAuthorization.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => row.employeeId)).toEqual([employee.id, null]);
    // Only the hash of the request_uri is stored, and the hint itself is not kept.
    expect(JSON.stringify(rows)).not.toContain(known.requestUri.split(":").at(-1));
    expect(JSON.stringify(rows)).not.toContain("nobody@example.com");
  });

  it("refuses clients that do not authenticate, as RFC 6749 §5.2 says, and stores nothing", async () => {
    const before = await db().idvAuthorization.count();
    const wrongSecret = await pushFor({ ...okta, clientSecret: "not-the-secret" }, "someone@example.com");
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(wrongSecret.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect(await pushFor({ ...okta, clientId: "idv_unknown" }, "someone@example.com")).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    const revoked = await registerTestClient("Revoked");
    await db().idvClient.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    expect(await pushFor(revoked, "someone@example.com")).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(await db().idvAuthorization.count()).toBe(before);
  });

  it.each([
    [{ redirect_uri: "https://evil.example/callback" }, "invalid_request", /not registered/],
    [{ redirect_uri: `${REDIRECT_URI}/` }, "invalid_request", /not registered/],
    [{ redirect_uri: `${REDIRECT_URI}?next=https://evil.example` }, "invalid_request", /not registered/],
    [{ code_challenge_method: "plain" }, "invalid_request", /S256/],
    [{ response_type: "code id_token" }, "unsupported_response_type", /code/],
    [{ scope: "profile" }, "invalid_scope", /openid/],
    [{ client_id: "idv_someone_else" }, "invalid_request", /client_id/],
  ])("refuses %j with %s and stores nothing", async (overrides, error, description) => {
    const before = await db().idvAuthorization.count();
    const pushed = await pushFor(okta, "someone@example.com", overrides);
    expect(pushed.status).toBe(400);
    expect(pushed.body).toMatchObject({ error, error_description: expect.stringMatching(description) });
    expect(await db().idvAuthorization.count()).toBe(before);
  });

  it("authorize accepts only a pushed request, once, for its own client, within its minute, and never redirects on a refusal", async () => {
    const employee = await world.createEmployee();
    fakeBrowser.reset();
    // A classic (non-pushed) authorization request naming a redirect URI is not followed anywhere.
    const classic = await authorize({ client_id: okta.clientId, response_type: "code", redirect_uri: "https://evil.example/cb", scope: "openid" });
    expect(classic).toMatchObject({ status: 400, location: null });
    expect(await authorize({ client_id: okta.clientId, request_uri: "urn:ietf:params:oauth:request_uri:forged" })).toMatchObject({ status: 400, location: null });

    const pushed = await pushFor(okta, employee.login);
    expect(await authorize({ client_id: other.clientId, request_uri: pushed.requestUri })).toMatchObject({ status: 400, location: null });
    const followed = await authorize({ client_id: okta.clientId, request_uri: pushed.requestUri });
    expect(followed).toMatchObject({ status: 303, location: `${APP}/idv/continue` });
    expect(fakeBrowser.jar.get("verifyd_idv")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const reused = await authorize({ client_id: okta.clientId, request_uri: pushed.requestUri });
    expect(reused).toMatchObject({ status: 400, location: null });
    expect(reused.text).toContain("expired or was already used");

    const late = await pushFor(okta, employee.login);
    await db().idvAuthorization.updateMany({ where: { verificationRequestId: null, employeeId: employee.id }, data: { requestUriExpiresAt: new Date(Date.now() - 1000) } });
    expect(await authorize({ client_id: okta.clientId, request_uri: late.requestUri })).toMatchObject({ status: 400, location: null });

    const verification = await db().verificationRequest.findFirstOrThrow({ where: { employeeId: employee.id } });
    expect(verification).toMatchObject({ purpose: "IDP_VERIFICATION", initiatorType: "SELF_SERVE", status: "PENDING" });
  });

  it("a parallel burst on one request_uri opens exactly one verification", async () => {
    const employee = await world.createEmployee();
    const pushed = await pushFor(okta, employee.login);
    const answers = await Promise.all(Array.from({ length: 6 }, () => authorize({ client_id: okta.clientId, request_uri: pushed.requestUri })));
    expect(answers.filter((answer) => answer.status === 303)).toHaveLength(1);
    expect(await db().verificationRequest.count({ where: { employeeId: employee.id } })).toBe(1);
  });

  it("sends back only the browser that followed the request, and only once the verification is decided", async () => {
    const employee = await world.createEmployee();
    fakeBrowser.reset();
    expect(await returnToIdp()).toMatchObject({ status: 400, location: null });
    const pushed = await pushFor(okta, employee.login);
    await authorize({ client_id: okta.clientId, request_uri: pushed.requestUri });
    expect(await returnToIdp()).toMatchObject({ status: 303, location: `${APP}/idv/continue` });
    // The verification expires unused: the IdP hears access_denied with its state and our issuer, and no code exists.
    await db().verificationRequest.updateMany({ where: { employeeId: employee.id }, data: { status: "EXPIRED" } });
    const back = await returnToIdp();
    expect(back.status).toBe(303);
    const location = new URL(back.location!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: "access_denied", error_description: "The identity verification did not succeed.", state: pushed.state, iss: `${APP}/idv` });
    expect(await returnToIdp()).toMatchObject({ status: 400, location: null });
    const row = await db().idvAuthorization.findFirstOrThrow({ where: { employeeId: employee.id } });
    expect(row).toMatchObject({ outcome: "EXPIRED", codeHash: null });
  });

  it("refuses token requests that are not a valid grant for this client", async () => {
    const params = { grant_type: "authorization_code", code: "A".repeat(43), redirect_uri: REDIRECT_URI, code_verifier: "v".repeat(43) };
    expect(await token(params, basicAuth({ ...okta, clientSecret: "wrong" }))).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(await token({ ...params, grant_type: "client_credentials" }, basicAuth(okta))).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
    expect(await token({ ...params, code_verifier: "short" }, basicAuth(okta))).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    expect(await token(params, basicAuth(okta))).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await token({ ...params, client_id: okta.clientId, client_secret: okta.clientSecret })).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });
});
