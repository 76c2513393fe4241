import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";
import { type OktaTestTenant, startOktaTestTenant } from "@/lib/iam/okta/testing/okta-provider-test-setup";
import type { OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";

let tenant: OktaTestTenant;

beforeAll(async () => {
  tenant = await startOktaTestTenant({ userCount: 2000, seed: "okta-adapter-writes" });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.sandbox.reset());

/** The first seeded user matching a predicate (the seed guarantees variety in 2000 people). */
function seededUser(predicate: (record: OktaUserRecord) => boolean): OktaUserRecord {
  for (let index = 0; index < tenant.sandbox.state.userCount; index += 1) {
    const record = tenant.sandbox.state.record(index);
    if (record && predicate(record)) return record;
  }
  throw new Error("no seeded user matches");
}
const ordinary = (record: OktaUserRecord) => record.inGroup && record.roles.length === 0;
const withFactors = () => seededUser((record) => ordinary(record) && record.status === "ACTIVE" && record.factors.length >= 2);

const observedSchema = z.object({
  status: z.string(),
  factors: z.array(z.object({ id: z.string() })),
  tempPasswordIssuedAt: z.string().nullable(),
  resetPasswordUrlIssuedAt: z.string().nullable(),
  resetPasswordEmailSentAt: z.string().nullable(),
  passwordExpiredAt: z.string().nullable(),
  factorsResetAt: z.string().nullable(),
  factorsRemoved: z.array(z.object({ factorId: z.string(), factorType: z.string() })),
  sessionsClearedAt: z.string().nullable(),
  oauthTokensRevokedAt: z.string().nullable(),
  unlockedAt: z.string().nullable(),
});
async function observed(userId: string) {
  const response = await fetch(`${tenant.url}/_sandbox/users/${userId}`);
  return observedSchema.parse(await response.json());
}
async function putFaults(config: Record<string, number>): Promise<void> {
  const response = await fetch(`${tenant.url}/_sandbox/faults`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(config) });
  if (response.status !== 200) throw new Error(`faults answered ${response.status}`);
}
async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe("Okta adapter: helpdesk writes", () => {
  it("resetPassword returns the temporary password Okta generated; the user must change it", async () => {
    const user = withFactors();
    const result = await tenant.provider().resetPassword(user.id, { temporaryPassword: "Unused-Suggestion-1!" });
    expect(result.temporaryPassword).toMatch(/^\S{8,}$/);
    expect(result.temporaryPassword).not.toBe("Unused-Suggestion-1!");
    expect(await observed(user.id)).toMatchObject({ status: "PASSWORD_EXPIRED", tempPasswordIssuedAt: expect.any(String), sessionsClearedAt: null });
  });

  it("createPasswordResetLink returns Okta's one-time URL without an email; the user is in RECOVERY and signed out", async () => {
    const user = withFactors();
    const { url } = await tenant.provider().createPasswordResetLink(user.id);
    expect(new URL(url).pathname).toMatch(/^\/reset_password\/drp\S+$/);
    expect(url.startsWith(tenant.connection.orgUrl)).toBe(true);
    expect(await observed(user.id)).toMatchObject({
      status: "RECOVERY",
      resetPasswordUrlIssuedAt: expect.any(String),
      resetPasswordEmailSentAt: null,
      sessionsClearedAt: expect.any(String),
      tempPasswordIssuedAt: null,
    });
    // A second call is a second link (the first stops working at Okta): not a memo.
    expect((await tenant.provider().createPasswordResetLink(user.id)).url).not.toBe(url);
  });

  it("createPasswordResetLink on a privileged target or an unknown user: non-retryable, nothing written", async () => {
    const admin = seededUser((record) => record.inGroup && record.status === "ACTIVE" && record.roles.includes("SUPER_ADMIN"));
    const provider = tenant.provider();
    const refused = await failure(provider.createPasswordResetLink(admin.id));
    expect(refused.options).toMatchObject({ retryable: false, status: 403, problem: "privileged_target" });
    expect(refused.message).toContain("SUPER_ADMIN");
    expect(await observed(admin.id)).toMatchObject({ resetPasswordUrlIssuedAt: null, sessionsClearedAt: null });

    const unknown = await failure(provider.createPasswordResetLink("00u0000000000000000000"));
    expect(unknown.options).toMatchObject({ retryable: false, status: 404, problem: "user_not_found" });
  });

  it("createPasswordResetLink on a suspended account: account_state", async () => {
    const user = seededUser((record) => ordinary(record) && record.status === "SUSPENDED");
    const error = await failure(tenant.provider().createPasswordResetLink(user.id));
    expect(error.options).toMatchObject({ retryable: false, status: 403, problem: "account_state" });
    expect((await observed(user.id)).resetPasswordUrlIssuedAt).toBeNull();
  });

  it("resetMfa unenrolls every factor and reports kinds and ids; a retry removes nothing", async () => {
    const user = withFactors();
    const provider = tenant.provider();
    const result = await provider.resetMfa(user.id, { issueTemporaryAccessPass: true });
    expect(result.removed.map((factor) => factor.id).sort()).toEqual(user.factors.map((factor) => factor.id).sort());
    expect(result.temporaryAccessPass).toBeNull();
    const after = await observed(user.id);
    expect(after.factors).toEqual([]);
    expect(after.factorsRemoved.map((factor) => factor.factorId).sort()).toEqual(result.removed.map((factor) => factor.id).sort());
    expect(await provider.resetMfa(user.id, { issueTemporaryAccessPass: false })).toEqual({ removed: [], kept: [], temporaryAccessPass: null });
  });

  it("revokeSessions clears sessions and OAuth tokens", async () => {
    const user = withFactors();
    await tenant.provider().revokeSessions(user.id);
    expect(await observed(user.id)).toMatchObject({ sessionsClearedAt: expect.any(String), oauthTokensRevokedAt: expect.any(String) });
  });

  it("unlockAccount unlocks a LOCKED_OUT user; the retry reports not_locked", async () => {
    const user = seededUser((record) => ordinary(record) && record.status === "LOCKED_OUT");
    const provider = tenant.provider();
    expect(await provider.unlockAccount(user.id)).toMatchObject({ outcome: "unlocked" });
    expect(await observed(user.id)).toMatchObject({ status: "ACTIVE", unlockedAt: expect.any(String) });
    expect(await provider.unlockAccount(user.id)).toMatchObject({ outcome: "not_locked" });
  });

  it("names the admin roles of a privileged user and none for an ordinary one", async () => {
    const admin = seededUser((record) => record.inGroup && record.roles.includes("SUPER_ADMIN"));
    const provider = tenant.provider();
    expect(await provider.getPrivilegedRoles(admin.id)).toContain("SUPER_ADMIN");
    expect(await provider.getPrivilegedRoles(withFactors().id)).toEqual([]);
  });

  it("a 403 on a privileged target: non-retryable privileged_target naming the role, nothing written", async () => {
    const admin = seededUser((record) => record.inGroup && record.status === "ACTIVE" && record.roles.includes("ORG_ADMIN"));
    const error = await failure(tenant.provider().resetPassword(admin.id, { temporaryPassword: "x" }));
    expect(error.options).toMatchObject({ retryable: false, status: 403, problem: "privileged_target" });
    expect(error.message).toContain("ORG_ADMIN");
    expect((await observed(admin.id)).tempPasswordIssuedAt).toBeNull();
  });

  it("without okta.roles.read: writes fail clearly naming the scope, while sync keeps its own token", async () => {
    tenant.sandbox.configureApp(tenant.connection.clientId, { scopes: ["okta.groups.read", "okta.users.manage"] });
    const provider = tenant.provider();
    const error = await failure(provider.getPrivilegedRoles(withFactors().id));
    expect(error.options).toMatchObject({ retryable: false, problem: "missing_permission" });
    expect(error.message).toContain("okta.roles.read");
    expect((await provider.fetchMembersPage({ mode: "full", cursor: null })).employees.length).toBeGreaterThan(0);
  });

  it("a suspended account: account_state, not retryable", async () => {
    const user = seededUser((record) => ordinary(record) && record.status === "SUSPENDED");
    const error = await failure(tenant.provider().resetPassword(user.id, { temporaryPassword: "x" }));
    expect(error.options).toMatchObject({ retryable: false, status: 403, problem: "account_state" });
  });

  it("throttled beyond the SDK's retries: retryable with the wait until the reset; the retry succeeds", async () => {
    const user = withFactors();
    const provider = tenant.provider();
    await provider.getPrivilegedRoles(user.id); // token first, so that only the write is throttled
    await putFaults({ rateLimitEvery: 1 });
    const error = await failure(provider.revokeSessions(user.id));
    expect(error.options).toMatchObject({ retryable: true, status: 429, retryAfterMs: expect.any(Number) });
    expect((await observed(user.id)).sessionsClearedAt).toBeNull();
    await putFaults({});
    await provider.revokeSessions(user.id);
    expect((await observed(user.id)).sessionsClearedAt).not.toBeNull();
  }, 30_000);
});
