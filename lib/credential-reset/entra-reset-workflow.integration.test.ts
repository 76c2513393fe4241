import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { createEntraSandboxConnection } from "@/lib/directory/testing/sandbox-connections";
import { type EntraTestTenant, startEntraTestTenant } from "@/lib/iam/entra/testing/entra-provider-test-setup";
import { runJobsUntilIdle } from "@/lib/jobs/embedded-runner";
import { revealResetSecret } from "@/lib/credential-reset/reveal-reset-secret";
import { parseResetSteps } from "@/lib/credential-reset/reset-progress";
import { startCredentialReset } from "@/lib/credential-reset/start-credential-reset";
import { createSandboxEmployee, createVerifiedRequest, resetJobDyingAfterStep, SEALED_VALUE, storedStepOutputs } from "@/lib/credential-reset/testing/reset-fixtures";
import { openSecret } from "@/lib/crypto/server-keyring";
import { generatePerson, type SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

const SEED = "entra-reset-workflow";
const USER_COUNT = 400;
const FAST = { backoff: { baseMs: 20, maxMs: 100 } };
let tenant: EntraTestTenant;
let connectionId: string;

const people = Array.from({ length: USER_COUNT }, (_, index) => generatePerson(SEED, index));
// People whose methods can all be deleted (no default phone left behind) make "removed" exact.
const withApp = people.filter((person) => person.privilege === "none" && person.mfa.includes("authenticator_app"));
const globalAdmin = people.find((person) => person.privilege !== "none");

const observedSchema = z.object({
  password: z.object({ set: z.boolean(), forceChangePasswordNextSignIn: z.boolean().nullable() }),
  methods: z.array(z.object({ type: z.string() })),
  removedMethods: z.array(z.object({ type: z.string() })),
  sessionsRevokedAt: z.string().nullable(),
  temporaryAccessPass: z.object({ temporaryAccessPass: z.string(), isUsableOnce: z.boolean() }).nullable(),
});

function userId(person: SandboxPerson): string {
  return tenant.sandbox.tenant.userId(person.index);
}
async function observed(person: SandboxPerson) {
  return observedSchema.parse((await tenant.call(`/_sandbox/users/${userId(person)}`)).body);
}
function eventsFor(person: SandboxPerson, type: string): number {
  return tenant.sandbox.tenant.events.filter((event) => event.type === type && event.detail.userId === userId(person)).length;
}

async function startReset(person: SandboxPerson, action: "PASSWORD_RESET" | "MFA_RESET") {
  const employee = await createSandboxEmployee(connectionId, { id: userId(person), login: `${person.index}@${SEED}.example` });
  const verification = await createVerifiedRequest(employee.id);
  return startCredentialReset({ requestId: verification.id, action }, { type: "EMPLOYEE" });
}

beforeAll(async () => {
  await useFreshDatabase("entra_reset_workflow");
  tenant = await startEntraTestTenant({ userCount: USER_COUNT, seed: SEED });
  connectionId = await createEntraSandboxConnection(tenant);
});
afterAll(() => tenant.stop());

describe("Entra reset workflows", () => {
  it("MFA: deletes every deletable method, issues one single-use TAP shown once, revokes sessions", async () => {
    const person = withApp[0];
    if (!person) throw new Error("no such person in the seed");
    const before = await observed(person);
    const reset = await startReset(person, "MFA_RESET");
    await runJobsUntilIdle(FAST);

    const row = await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } });
    expect(row).toMatchObject({ status: "SUCCEEDED", secretKind: "TEMPORARY_ACCESS_PASS" });
    expect(parseResetSteps(row.steps).map((step) => step.step)).toEqual(["check-admin-roles", "remove-mfa-methods", "revoke-sessions"]);
    const after = await observed(person);
    expect(after.removedMethods.length).toBeGreaterThan(0);
    expect(after.removedMethods.length + after.methods.filter((method) => !/password|temporaryAccessPass/i.test(method.type)).length).toBe(before.methods.filter((method) => !/password/i.test(method.type)).length);
    expect(after.temporaryAccessPass?.isUsableOnce).toBe(true);
    expect(after.sessionsRevokedAt).toEqual(expect.any(String));
    const secret = await revealResetSecret(reset.id);
    expect(secret).toMatchObject({ kind: "TEMPORARY_ACCESS_PASS", value: after.temporaryAccessPass?.temporaryAccessPass });
    expect(await revealResetSecret(reset.id)).toBeNull();
    // The pass never sat in the job's memo, not even sealed.
    const outputs = await storedStepOutputs(reset.id);
    expect(outputs).toContain("remove-mfa-methods");
    expect(outputs).not.toContain(secret?.value);
    expect(outputs).not.toMatch(SEALED_VALUE);
  });

  it("password: sets a generated temporary password with forceChangePasswordNextSignIn and revokes sessions", async () => {
    const person = withApp[1];
    if (!person) throw new Error("no such person in the seed");
    const reset = await startReset(person, "PASSWORD_RESET");
    await runJobsUntilIdle(FAST);
    expect(await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } })).toMatchObject({ status: "SUCCEEDED", secretKind: "TEMPORARY_PASSWORD" });
    expect((await observed(person)).password).toEqual({ set: true, forceChangePasswordNextSignIn: true });
    expect(eventsFor(person, "user.password_reset")).toBe(1);
    expect(eventsFor(person, "user.sessions_revoked")).toBe(1);
    const secret = await revealResetSecret(reset.id);
    expect(secret?.value.length).toBeGreaterThanOrEqual(16);
    const outputs = await storedStepOutputs(reset.id);
    expect(outputs).not.toContain(secret?.value);
    expect(outputs).not.toMatch(SEALED_VALUE);
  });

  it("password killed after generating or setting: the resumed run sets the same password, the one shown once", { timeout: 60_000 }, async () => {
    for (const [position, stepId] of [[3, "generate-temporary-password"], [4, "set-temporary-password"]] as const) {
      const person = withApp[position + 10];
      if (!person) throw new Error("not enough people in the seed");
      const reset = await startReset(person, "PASSWORD_RESET");
      await runJobsUntilIdle({ ...FAST, functions: [resetJobDyingAfterStep(position)], workerId: "doomed", lockMs: 200, maxWaitMs: 0 });
      // Between the steps the password is kept on the reset row only (sealed), never in a step output.
      const kept = await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } });
      expect(kept, `killed after ${stepId}`).toMatchObject({ status: "RUNNING", secretKind: "TEMPORARY_PASSWORD" });
      const password = openSecret(kept.sealedSecret ?? "", `credential-reset:${reset.id}`);
      expect(await revealResetSecret(reset.id), "not revealable while running").toBeNull();

      await runJobsUntilIdle({ ...FAST, workerId: "survivor" });
      expect(eventsFor(person, "user.password_reset"), `after ${stepId}`).toBe(1);
      // Entra sets exactly the password it is given: the one generated before the crash is the one shown.
      expect((await revealResetSecret(reset.id))?.value, `after ${stepId}`).toBe(password);
      expect(await storedStepOutputs(reset.id)).not.toContain(password);
    }
  });

  it("MFA killed after each step and resumed: one TAP, each method deleted once, one revocation", { timeout: 120_000 }, async () => {
    const steps = ["begin", "check-admin-roles", "remove-mfa-methods", "revoke-sessions", "complete"];
    for (const [position, stepId] of steps.entries()) {
      const person = withApp[position + 2];
      if (!person) throw new Error("not enough people in the seed");
      const methodsBefore = (await observed(person)).methods.filter((method) => !/password/i.test(method.type)).length;
      const reset = await startReset(person, "MFA_RESET");
      await runJobsUntilIdle({ ...FAST, functions: [resetJobDyingAfterStep(position + 1)], workerId: "doomed", lockMs: 200, maxWaitMs: 0 });
      expect(await db().jobRun.findFirstOrThrow({ where: { eventData: { path: ["resetId"], equals: reset.id } } }), `killed after ${stepId}`).toMatchObject({ status: "RUNNING" });
      await runJobsUntilIdle({ ...FAST, workerId: "survivor" });

      expect(await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } }), `after ${stepId}`).toMatchObject({ status: "SUCCEEDED" });
      expect(eventsFor(person, "user.tap_created"), `after ${stepId}`).toBe(1);
      expect(eventsFor(person, "user.method_deleted"), `after ${stepId}`).toBeLessThanOrEqual(methodsBefore);
      expect(eventsFor(person, "user.method_deleted"), `after ${stepId}`).toBe((await observed(person)).removedMethods.length);
      expect(eventsFor(person, "user.sessions_revoked"), `after ${stepId}`).toBe(1);
    }
  });

  it("refuses an account holding a directory role before any write", async () => {
    if (!globalAdmin) throw new Error("no administrator in the seed");
    const reset = await startReset(globalAdmin, "MFA_RESET");
    await runJobsUntilIdle(FAST);
    const row = await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } });
    expect(row).toMatchObject({ status: "REFUSED", failedStep: "check-admin-roles" });
    expect(row.failureReason).toMatch(/administrator rights \(.+\)/);
    expect(eventsFor(globalAdmin, "user.method_deleted") + eventsFor(globalAdmin, "user.tap_created")).toBe(0);
  });
});
