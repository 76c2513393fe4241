import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { createOktaSandboxConnection } from "@/lib/directory/testing/sandbox-connections";
import { type OktaTestTenant, startOktaTestTenant } from "@/lib/iam/okta/testing/okta-provider-test-setup";
import { runJobsUntilIdle } from "@/lib/jobs/embedded-runner";
import { providerForConnection } from "@/lib/connections/provider-for-connection";
import { createCredentialResetJob } from "@/lib/jobs/functions/credential-reset";
import { revealResetSecret } from "@/lib/credential-reset/reveal-reset-secret";
import { parseResetSteps } from "@/lib/credential-reset/reset-progress";
import { startCredentialReset } from "@/lib/credential-reset/start-credential-reset";
import { beginCredentialReset } from "@/lib/credential-reset/begin-credential-reset";
import { CREDENTIAL_RESET_REQUESTED, credentialResetRequestedEvent } from "@/lib/credential-reset/credential-reset-event";
import { createSandboxEmployee, createVerifiedRequest, resetJobDyingAfterStep, resetJobFailingOnceAfterStep, SEALED_VALUE, storedStepOutputs } from "@/lib/credential-reset/testing/reset-fixtures";
import { enqueueJobRuns } from "@/lib/jobs/embedded/enqueue-job-runs";
import { sendEvent } from "@/lib/jobs/send-event";
import { generatePerson } from "@/lib/sandbox/shared/generate-person";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { DEFAULT_POLICY, getCurrentPolicy, saveVerificationPolicy } from "@/lib/verification/policy";

const credentialReset = createCredentialResetJob(providerForConnection);

const SEED = "okta-reset-workflow";
const USER_COUNT = 300;
let tenant: OktaTestTenant;
let connectionId: string;
const FAST = { backoff: { baseMs: 20, maxMs: 100 } };

const people = Array.from({ length: USER_COUNT }, (_, index) => generatePerson(SEED, index));
const ordinary = people.filter((person) => person.privilege === "none" && person.mfa.length > 0);
const superAdmin = people.find((person) => person.privilege === "global_admin");

function eventsFor(userId: string, type: string): number {
  return tenant.sandbox.state.eventsSince(0).filter((event) => event.userId === userId && event.type === type).length;
}

async function employeeFor(index: number, overrides: { adminRoles?: string[] } = {}) {
  const userId = tenant.sandbox.state.userId(index);
  return createSandboxEmployee(connectionId, { id: userId, login: `user${index}@example.com`, ...overrides });
}

async function passwordReset(index: number) {
  const employee = await employeeFor(index);
  const verification = await createVerifiedRequest(employee.id);
  const reset = await startCredentialReset({ requestId: verification.id, action: "PASSWORD_RESET" }, { type: "EMPLOYEE" });
  return { employee, verification, reset };
}

beforeAll(async () => {
  await useFreshDatabase("okta_reset_workflow");
  tenant = await startOktaTestTenant({ userCount: USER_COUNT, seed: SEED });
  connectionId = await createOktaSandboxConnection(tenant);
});
afterAll(async () => {
  await tenant.close();
});

describe("Okta password reset workflow", () => {
  it("expires the password with a temporary one, clears sessions, notifies, and shows the password once", async () => {
    const person = ordinary[0];
    if (!person) throw new Error("no ordinary person in the seed");
    const { employee, reset } = await passwordReset(person.index);
    await runJobsUntilIdle(FAST);

    const row = await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } });
    expect(row).toMatchObject({ status: "SUCCEEDED", secretKind: "TEMPORARY_PASSWORD", failedStep: null });
    expect(parseResetSteps(row.steps).map((step) => step.step)).toEqual(["check-admin-roles", "generate-temporary-password", "set-temporary-password", "revoke-sessions"]);
    const observed = await (await fetch(`${tenant.url}/_sandbox/users/${employee.externalId}`)).json();
    expect(observed).toMatchObject({ status: "PASSWORD_EXPIRED" });
    expect(observed.tempPasswordIssuedAt).toEqual(expect.any(String));
    expect(observed.sessionsClearedAt).toEqual(expect.any(String));

    // Never in clear at rest: not in the row, not in the job's memoised steps, not in the audit log.
    const secret = await revealResetSecret(reset.id);
    expect(secret?.value).toMatch(/^\S{8,}$/);
    const stored = JSON.stringify([row, await db().jobStep.findMany(), await db().auditEvent.findMany()], (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
    expect(stored).not.toContain(secret?.value);
    expect(await revealResetSecret(reset.id)).toBeNull();
    // Not even sealed in the job's memo: step outputs live as long as the run is kept (and in Inngest's state).
    const outputs = await storedStepOutputs(reset.id);
    expect(outputs).toContain("set-temporary-password");
    expect(outputs).not.toMatch(SEALED_VALUE);

    const notices = await db().outboxMessage.findMany({ where: { relatedType: "credential_reset", relatedId: reset.id } });
    expect(notices.map((message) => message.channel).sort()).toEqual(["EMAIL", "SMS"]);
  });

  it("killed after each step and resumed by another worker, performs each provider action exactly once", { timeout: 120_000 }, async () => {
    const steps = ["begin", "check-admin-roles", "generate-temporary-password", "set-temporary-password", "revoke-sessions", "complete"];
    for (const [position, stepId] of steps.entries()) {
      const person = ordinary[position + 1];
      if (!person) throw new Error("not enough ordinary people in the seed");
      const { employee, reset } = await passwordReset(person.index);
      await runJobsUntilIdle({ ...FAST, functions: [resetJobDyingAfterStep(position + 1)], workerId: "doomed", lockMs: 200, maxWaitMs: 0 });
      const run = await db().jobRun.findFirstOrThrow({ where: { eventData: { path: ["resetId"], equals: reset.id } }, include: { steps: true } });
      expect(run, `killed after ${stepId}`).toMatchObject({ status: "RUNNING", lockedBy: "doomed" });
      expect(run.steps.map((step) => step.stepId)).toContain(stepId);

      await runJobsUntilIdle({ ...FAST, workerId: "survivor" });
      expect(await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } }), `resumed after ${stepId}`).toMatchObject({ status: "SUCCEEDED" });
      expect(eventsFor(employee.externalId, "user.lifecycle.expire_password_with_temp_password"), `after ${stepId}`).toBe(1);
      expect(eventsFor(employee.externalId, "user.session.clear"), `after ${stepId}`).toBe(1);
      expect(await db().auditEvent.count({ where: { action: "credential_reset.completed", targetId: reset.id } })).toBe(1);
      expect(await db().outboxMessage.count({ where: { relatedType: "credential_reset", relatedId: reset.id } })).toBe(2);
      // Shown once, and never in a step output, however the run was interrupted.
      expect((await revealResetSecret(reset.id))?.value, `after ${stepId}`).toMatch(/^\S{8,}$/);
      expect(await storedStepOutputs(reset.id)).not.toMatch(SEALED_VALUE);
    }
  });

  it("a duplicated reset event: one owning run does the provider writes, the duplicate stops at begin", { timeout: 60_000 }, async () => {
    const person = ordinary[17];
    if (!person) throw new Error("no person");
    const { employee, reset } = await passwordReset(person.index);
    // The same event sent again is dropped at the door (its id is the reset's)...
    await sendEvent(credentialResetRequestedEvent(reset.id));
    const runsOf = () => db().jobRun.findMany({ where: { eventData: { path: ["resetId"], equals: reset.id } }, orderBy: { createdAt: "asc" } });
    expect(await runsOf()).toHaveLength(1);
    // ...and one that still gets in (no id: a resend from elsewhere, Inngest past its 24-hour window) is a
    // second run of the same reset.
    await enqueueJobRuns(db(), [credentialReset], [{ name: CREDENTIAL_RESET_REQUESTED, data: { resetId: reset.id } }]);
    const [first, duplicate] = await runsOf();
    if (!first || !duplicate) throw new Error("expected two runs");

    // The first run sets the password, then fails transiently and waits for its retry; the duplicate runs meanwhile
    // (as two Inngest runs interleave their steps).
    await runJobsUntilIdle({ functions: [resetJobFailingOnceAfterStep(4)], backoff: { baseMs: 60_000, maxMs: 60_000 }, maxWaitMs: 0 });
    expect(await db().jobRun.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(await db().jobRun.findUniqueOrThrow({ where: { id: duplicate.id } })).toMatchObject({ status: "COMPLETED" });
    await db().jobRun.update({ where: { id: first.id }, data: { runAfter: new Date() } });
    await runJobsUntilIdle(FAST);

    const row = await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } });
    expect(row).toMatchObject({ status: "SUCCEEDED", jobRunId: first.id });
    expect(eventsFor(employee.externalId, "user.lifecycle.expire_password_with_temp_password")).toBe(1);
    expect(eventsFor(employee.externalId, "user.session.clear")).toBe(1);
    expect((await db().jobStep.findMany({ where: { runId: duplicate.id } })).map((step) => step.stepId)).toEqual(["begin"]);
    expect(await db().auditEvent.count({ where: { action: "credential_reset.completed", targetId: reset.id } })).toBe(1);
    expect((await revealResetSecret(reset.id))?.value).toMatch(/^\S{8,}$/);
  });

  it("a reset begun before owners were recorded (in flight during the upgrade) is taken by its run, once", async () => {
    const person = ordinary[18];
    if (!person) throw new Error("no person");
    const { employee, reset } = await passwordReset(person.index);
    const run = await db().jobRun.findFirstOrThrow({ where: { eventData: { path: ["resetId"], equals: reset.id } } });
    // What the previous version left: the begin step memoised, the reset RUNNING with no owner.
    const begun = await beginCredentialReset(reset.id, run.id);
    await db().credentialReset.update({ where: { id: reset.id }, data: { jobRunId: null } });
    await db().jobStep.create({ data: { runId: run.id, stepId: "begin", output: begun } });
    await runJobsUntilIdle(FAST);
    expect(await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } })).toMatchObject({ status: "SUCCEEDED", jobRunId: run.id });
    expect(eventsFor(employee.externalId, "user.lifecycle.expire_password_with_temp_password")).toBe(1);
  });

  it("retries through provider throttling and 5xx, then succeeds once", { timeout: 60_000 }, async () => {
    const person = ordinary[10];
    if (!person) throw new Error("no person");
    await fetch(`${tenant.url}/_sandbox/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ rateLimitEvery: 2, serverErrorEvery: 3 }) });
    try {
      const { employee, reset } = await passwordReset(person.index);
      await runJobsUntilIdle({ ...FAST, functions: [credentialReset] });
      expect(await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } })).toMatchObject({ status: "SUCCEEDED" });
      expect(eventsFor(employee.externalId, "user.lifecycle.expire_password_with_temp_password")).toBe(1);
    } finally {
      await fetch(`${tenant.url}/_sandbox/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    }
  });

  it("refuses an administrator found by the live role check before any write, with the explanation", async () => {
    if (!superAdmin) throw new Error("no administrator in the seed");
    // The last sync saw no roles (e.g. granted since): only the workflow's live check can catch it.
    const { employee, reset } = await passwordReset(superAdmin.index);
    await runJobsUntilIdle(FAST);
    const row = await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } });
    expect(row).toMatchObject({ status: "REFUSED", failedStep: "check-admin-roles" });
    expect(row.failureReason).toMatch(/administrator rights \(.+\)/);
    expect(eventsFor(employee.externalId, "user.lifecycle.expire_password_with_temp_password")).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "credential_reset.refused", targetId: reset.id } })).toBe(1);
  });

  it("refuses at once an employee the last sync saw with administrator roles", async () => {
    const person = ordinary[11];
    if (!person) throw new Error("no person");
    const employee = await employeeFor(person.index, { adminRoles: ["ORG_ADMIN"] });
    const verification = await createVerifiedRequest(employee.id);
    const reset = await startCredentialReset({ requestId: verification.id, action: "MFA_RESET" }, { type: "EMPLOYEE" });
    expect(reset.status).toBe("REFUSED");
    expect(await db().jobRun.count({ where: { eventData: { path: ["resetId"], equals: reset.id } } })).toBe(0);
  });

  it("surfaces a provider 403 as a clear failed step, and tells the employee nothing changed", async () => {
    const person = ordinary[12];
    if (!person) throw new Error("no person");
    const { employee, reset } = await passwordReset(person.index);
    // Removed from the employee group since the last sync: the app's group-scoped Help Desk role no longer
    // reaches the user, and Okta answers the write with 403.
    tenant.sandbox.state.removeFromGroup(person.index);
    await runJobsUntilIdle(FAST);
    const row = await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } });
    expect(row).toMatchObject({ status: "FAILED", failedStep: "set-temporary-password" });
    expect(row.failureReason).toMatch(/employee group|role/i);
    expect(eventsFor(employee.externalId, "user.lifecycle.expire_password_with_temp_password")).toBe(0);
    expect(await db().outboxMessage.count({ where: { relatedType: "credential_reset", relatedId: reset.id } })).toBe(0);
  });

  it("unlocks a LOCKED_OUT account once; an account that is not locked is told so, and nobody is notified of nothing", async () => {
    const locked = ordinary[13];
    const unlocked = ordinary[14];
    if (!locked || !unlocked) throw new Error("no person");
    tenant.sandbox.state.setStatus(locked.index, "LOCKED_OUT", new Date().toISOString());
    const resets = [];
    for (const person of [locked, unlocked]) {
      const employee = await employeeFor(person.index);
      const verification = await createVerifiedRequest(employee.id, { purpose: "PASSWORD_RESET" });
      resets.push(await startCredentialReset({ requestId: verification.id, action: "ACCOUNT_UNLOCK" }, { type: "EMPLOYEE" }));
    }
    await runJobsUntilIdle(FAST);
    const [first, second] = await Promise.all(resets.map((reset) => db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } })));
    expect(first).toMatchObject({ status: "SUCCEEDED" });
    expect(eventsFor(tenant.sandbox.state.userId(locked.index), "user.lifecycle.unlock")).toBe(1);
    expect(tenant.sandbox.state.record(locked.index)?.status).toBe("ACTIVE");
    expect(await db().outboxMessage.count({ where: { relatedId: first?.id } })).toBe(2);
    expect(second).toMatchObject({ status: "SUCCEEDED" });
    expect(parseResetSteps(second?.steps).find((step) => step.step === "unlock-account")?.detail).toMatch(/not locked/i);
    expect(await db().outboxMessage.count({ where: { relatedId: second?.id } })).toBe(0);
  });

  it("with the policy's Okta reset link: a one-time link instead of a password, shown once", async () => {
    const person = ordinary[15];
    if (!person) throw new Error("no person");
    const admin = await db().consoleUser.create({ data: { email: "okta-reset-admin@example.com", name: "Admin", role: "ADMIN", passwordHash: "x", mustChangePassword: false } });
    await saveVerificationPolicy(admin, { ...DEFAULT_POLICY, oktaPasswordResetMethod: "RESET_LINK", expectedVersion: (await getCurrentPolicy()).version });
    const employee = await employeeFor(person.index);
    const verification = await createVerifiedRequest(employee.id);
    const reset = await startCredentialReset({ requestId: verification.id, action: "PASSWORD_RESET" }, { type: "EMPLOYEE" });
    await runJobsUntilIdle(FAST);
    expect(await db().credentialReset.findUniqueOrThrow({ where: { id: reset.id } })).toMatchObject({ status: "SUCCEEDED", secretKind: "RESET_LINK" });
    expect(eventsFor(employee.externalId, "user.lifecycle.reset_password")).toBe(1);
    expect(eventsFor(employee.externalId, "user.lifecycle.expire_password_with_temp_password")).toBe(0);
    expect((await revealResetSecret(reset.id))?.value).toMatch(/^https?:\/\/.+\/reset_password\//);
    expect(await storedStepOutputs(reset.id)).not.toMatch(SEALED_VALUE);
  });

  it("starting the same reset twice at once runs it once", async () => {
    const person = ordinary[16];
    if (!person) throw new Error("no person");
    const employee = await employeeFor(person.index);
    const verification = await createVerifiedRequest(employee.id);
    const started = await Promise.all([1, 2, 3].map(() => startCredentialReset({ requestId: verification.id, action: "MFA_RESET" }, { type: "EMPLOYEE" })));
    expect(new Set(started.map((reset) => reset.id)).size).toBe(1);
    expect(started.filter((reset) => reset.created)).toHaveLength(1);
    await runJobsUntilIdle(FAST);
    expect(eventsFor(employee.externalId, "user.lifecycle.reset_factors")).toBe(1);
  });
});
