import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type EntraTestTenant, startEntraTestTenant } from "@/lib/iam/entra/testing/entra-provider-test-setup";
import { ProviderError } from "@/lib/iam/identity-provider";
import { generatePerson, type SandboxPerson } from "@/lib/sandbox/shared/generate-person";

const SEED = "entra-adapter-writes";
const USER_COUNT = 2000;
const PASSWORD = "Temp-Pass-2024!xyz";
let tenant: EntraTestTenant;

const people = Array.from({ length: USER_COUNT }, (_, index) => generatePerson(SEED, index));
function find(predicate: (person: SandboxPerson) => boolean): SandboxPerson {
  const person = people.find(predicate);
  if (!person) throw new Error("the seed has no such person");
  return person;
}
const regular = find((person) => person.privilege === "none" && person.mfa.includes("authenticator_app") && person.mfa.includes("sms"));
const phoneDefault = find((person) => person.privilege === "none" && person.mfa.includes("sms") && !person.mfa.includes("authenticator_app") && person.mfa.some((kind) => kind === "totp" || kind === "fido2" || kind === "email"));
const globalAdmin = find((person) => person.privilege === "global_admin");
const helpdeskAdmin = find((person) => person.privilege === "helpdesk_admin");
const userAdmin = find((person) => person.privilege === "user_admin");

const stateSchema = z.object({
  password: z.object({ set: z.boolean(), forceChangePasswordNextSignIn: z.boolean().nullable() }),
  methods: z.array(z.object({ type: z.string(), id: z.string() })),
  removedMethods: z.array(z.object({ type: z.string(), id: z.string() })),
  sessionsRevokedAt: z.string().nullable(),
  temporaryAccessPass: z.object({ temporaryAccessPass: z.string(), lifetimeInMinutes: z.number(), isUsableOnce: z.boolean() }).nullable(),
});
const idOf = (person: SandboxPerson) => tenant.sandbox.tenant.userId(person.index);
async function state(person: SandboxPerson) {
  return stateSchema.parse((await tenant.call(`/_sandbox/users/${idOf(person)}`)).body);
}
async function putFaults(config: Record<string, number>): Promise<void> {
  const response = await tenant.call("/_sandbox/faults", { method: "PUT", json: config });
  if (response.status !== 200) throw new Error(`faults answered ${response.status}`);
}
async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  tenant = await startEntraTestTenant({ userCount: USER_COUNT, seed: SEED });
});
afterAll(() => tenant.stop());
beforeEach(async () => {
  await tenant.call("/_sandbox/reset", { method: "POST" });
  await tenant.approveConsent();
});

describe("Entra adapter: helpdesk writes", () => {
  it("resets the password with a forced change and returns the password given", async () => {
    const result = await tenant.provider().resetPassword(idOf(regular), { temporaryPassword: PASSWORD });
    expect(result).toEqual({ temporaryPassword: PASSWORD });
    expect((await state(regular)).password).toEqual({ set: true, forceChangePasswordNextSignIn: true });
  });

  it("resets MFA: every method but the password deleted, a single-use TAP issued; a retry removes nothing more", async () => {
    const provider = tenant.provider();
    const before = await state(regular);
    const result = await provider.resetMfa(idOf(regular), { issueTemporaryAccessPass: true });
    expect(result.removed.map((method) => method.id).sort()).toEqual(before.methods.map((method) => method.id).sort());
    expect(result.kept.map((method) => method.kind)).toEqual(["password"]);
    expect(result.temporaryAccessPass).toMatchObject({ value: expect.stringMatching(/^\S{8,}$/), lifetimeInMinutes: 60, isUsableOnce: true });
    const after = await state(regular);
    expect(after.methods).toEqual([]);
    expect(after.temporaryAccessPass?.temporaryAccessPass).toBe(result.temporaryAccessPass?.value);

    // Without a new pass, the retry deletes the live TAP (a credential) and nothing else.
    const retried = await provider.resetMfa(idOf(regular), { issueTemporaryAccessPass: false });
    expect(retried.removed.map((method) => method.kind)).toEqual(["temporaryAccessPass"]);
    expect(retried.temporaryAccessPass).toBeNull();
    expect((await state(regular)).temporaryAccessPass).toBeNull();
  });

  it("deletes the default phone last (Entra refuses it while other methods remain)", async () => {
    const result = await tenant.provider().resetMfa(idOf(phoneDefault), { issueTemporaryAccessPass: false });
    expect(result.removed.at(-1)?.kind).toBe("phone");
    expect((await state(phoneDefault)).methods).toEqual([]);
  });

  it("revokes sessions; unlock is not supported by Entra", async () => {
    const provider = tenant.provider();
    await provider.revokeSessions(idOf(regular));
    expect((await state(regular)).sessionsRevokedAt).not.toBeNull();
    expect(await provider.unlockAccount(idOf(regular))).toMatchObject({ outcome: "not_supported" });
  });

  it("refuses a one-time reset link clearly (Graph has none), without calling Graph", async () => {
    const error = await failure(tenant.provider().createPasswordResetLink(idOf(regular)));
    expect(error.options).toMatchObject({ retryable: false, problem: "unknown" });
    expect(error.message).toBe("Microsoft Entra ID has no one-time reset links; use a temporary password.");
    expect((await state(regular)).password).toEqual({ set: false, forceChangePasswordNextSignIn: null });
  });

  it("names the privileged roles of admins and none for an ordinary employee", async () => {
    const provider = tenant.provider();
    expect(await provider.getPrivilegedRoles(idOf(regular))).toEqual([]);
    expect(await provider.getPrivilegedRoles(idOf(globalAdmin))).toEqual(["Global Administrator"]);
    expect(await provider.getPrivilegedRoles(idOf(helpdeskAdmin))).toEqual(["Helpdesk Administrator"]);
    expect(await provider.getPrivilegedRoles(idOf(userAdmin))).toEqual(["User Administrator"]);
  });

  it("a 403 on a privileged target: non-retryable privileged_target naming the role, nothing written", async () => {
    const error = await failure(tenant.provider().resetPassword(idOf(userAdmin), { temporaryPassword: PASSWORD }));
    expect(error.options).toMatchObject({ retryable: false, status: 403, problem: "privileged_target" });
    expect(error.message).toContain("User Administrator");
    expect((await state(userAdmin)).password.set).toBe(false);
  });

  it("a 403 for a missing permission names the permission", async () => {
    await tenant.call(`/_sandbox/apps/${tenant.connection.clientId}/granted-permissions`, { method: "PUT", json: { permissions: ["GroupMember.Read.All", "User.Read.All", "RoleManagement.Read.Directory"] } });
    const error = await failure(tenant.provider().revokeSessions(idOf(regular)));
    expect(error.options).toMatchObject({ retryable: false, status: 403, problem: "missing_permission" });
    expect(error.message).toContain("User.RevokeSessions.All");
  });

  it("429 beyond the SDK's retries: retryable with Retry-After, and the retry succeeds", async () => {
    await putFaults({ rateLimitEvery: 1 });
    const error = await failure(tenant.provider().resetPassword(idOf(regular), { temporaryPassword: PASSWORD }));
    expect(error.options).toMatchObject({ retryable: true, status: 429, retryAfterMs: 1000 });
    expect((await state(regular)).password.set).toBe(false);
    await putFaults({ rateLimitEvery: 2 });
    await tenant.provider().resetPassword(idOf(regular), { temporaryPassword: PASSWORD });
    expect((await state(regular)).password).toEqual({ set: true, forceChangePasswordNextSignIn: true });
  }, 30_000);
});
