import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mapOktaError } from "@/lib/iam/okta/map-okta-error";
import { type OktaTestTenant, startOktaTestTenant } from "@/lib/iam/okta/testing/okta-provider-test-setup";
import { describeOktaTokenError, LOGS_SCOPE_WARNING } from "@/lib/iam/okta/test-okta-connection";
import { generateServiceKey } from "@/lib/sandbox/okta/okta-test-support";

let tenant: OktaTestTenant;

beforeAll(async () => {
  tenant = await startOktaTestTenant({ userCount: 50, seed: "okta-adapter-connection" });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.sandbox.reset());

describe("Okta adapter: test connection", () => {
  it("gets a DPoP-bound token and reads one member", async () => {
    const result = await tenant.provider().testConnection();
    const first = tenant.sandbox.state.record(0);
    expect(result).toEqual({ ok: true, memberSample: { login: first?.profile.login, firstName: first?.profile.firstName, lastName: first?.profile.lastName }, expectedTotal: null, warnings: [] });
    // The directory token, then the System Log's own (incremental syncs), each with only its scopes.
    const issued = tenant.sandbox.state.eventsSince(0).filter((event) => event.type === "oauth2.token.issued");
    expect(issued).toEqual([
      expect.objectContaining({ detail: { tokenType: "DPoP", scope: "okta.groups.read okta.users.manage" } }),
      expect.objectContaining({ detail: { tokenType: "DPoP", scope: "okta.logs.read" } }),
    ]);
  });

  it("without okta.logs.read: the connection works, with a warning that every sync is a full pass", async () => {
    tenant.sandbox.configureApp(tenant.connection.clientId, { scopes: ["okta.groups.read", "okta.users.manage"] });
    const result = await tenant.provider().testConnection();
    expect(result).toMatchObject({ ok: true, warnings: [LOGS_SCOPE_WARNING] });
  });

  it("wrong client id: invalid_client, pointing at the client id and the public key", async () => {
    const result = await tenant.provider({ clientId: "0oaWrongClient000000" }).testConnection();
    expect(result).toMatchObject({ ok: false, problem: "invalid_client" });
    if (!result.ok) expect(result.message).toMatch(/client id.*public key/);
  });

  it("a key that is not registered (the app requires DPoP): invalid_client, not Okta's misleading 401", async () => {
    const unregistered = await generateServiceKey("never-registered");
    const result = await tenant.provider({ key: unregistered }).testConnection();
    expect(result).toMatchObject({ ok: false, problem: "invalid_client" });
    if (!result.ok) expect(result.message).toMatch(/public key/);
  });

  it("missing scope: missing_permission naming both scopes", async () => {
    tenant.sandbox.configureApp(tenant.connection.clientId, { scopes: ["okta.groups.read"] });
    const result = await tenant.provider().testConnection();
    expect(result).toMatchObject({ ok: false, problem: "missing_permission" });
    if (!result.ok) expect(result.message).toContain("okta.groups.read and okta.users.manage");
  });

  it("unknown group: group_not_found", async () => {
    const result = await tenant.provider({ groupId: "00gDoesNotExist00000" }).testConnection();
    expect(result).toMatchObject({ ok: false, problem: "group_not_found" });
  });

  it("unreachable org: unreachable", async () => {
    const closed = await startOktaTestTenant({ userCount: 1, seed: "okta-adapter-closed" });
    const provider = closed.provider();
    await closed.close();
    expect(await provider.testConnection()).toMatchObject({ ok: false, problem: "unreachable" });
  });

  it("works without DPoP when the app does not require it", async () => {
    tenant.sandbox.configureApp(tenant.connection.clientId, { dpopRequired: false });
    expect(await tenant.provider().testConnection()).toMatchObject({ ok: true });
  });
});

describe("Okta adapter: error mapping the sandbox cannot provoke through the SDK", () => {
  // The SDK always sends a DPoP proof, and the sandbox grants group reads by scope alone, so these two
  // answers of a real org are checked on Okta's documented bodies.
  it("DPoP proof errors from the token endpoint: dpop_required", () => {
    expect(describeOktaTokenError({ error: "invalid_dpop_proof", error_description: "The DPoP proof JWT header is missing." })).toMatchObject({ problem: "dpop_required" });
    expect(describeOktaTokenError({ error: "use_dpop_nonce" })).toMatchObject({ problem: "dpop_required" });
    expect(describeOktaTokenError({ unexpected: true })).toMatchObject({ problem: "unknown" });
  });

  it("403 E0000006 on the group: missing_admin_role naming Help Desk Administrator", () => {
    const error = mapOktaError({ status: 403, errorCode: "E0000006", errorSummary: "You do not have permission to perform the requested action" });
    expect(error.options).toMatchObject({ retryable: false, problem: "missing_admin_role", status: 403 });
    expect(error.message).toContain("Help Desk Administrator");
  });

  it("429 with Okta's reset header: retryable with the wait until the reset", () => {
    const now = Date.now();
    const headers = new Headers({ "x-rate-limit-reset": String(Math.floor(now / 1000) + 5), date: new Date(now).toUTCString() });
    const error = mapOktaError({ status: 429, errorCode: "E0000047", headers });
    expect(error.options.retryable).toBe(true);
    expect(error.options.retryAfterMs).toBeGreaterThanOrEqual(5000);
    expect(mapOktaError({ status: 503, errorCode: "E0000010" }).options.retryable).toBe(true);
    expect(mapOktaError({ status: 400, errorCode: "E0000001" }).options).toMatchObject({ retryable: false, problem: "unknown" });
  });
});
