import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { providerForConnection } from "@/lib/connections/provider-for-connection";
import { db } from "@/lib/db/prisma";
import { backfillBirthdays } from "@/lib/directory/birthdays/backfill-birthdays";
import { computeReadiness } from "@/lib/directory/compute-readiness";
import { requestDirectorySync } from "@/lib/directory/request-directory-sync";
import { createEntraSandboxConnection } from "@/lib/directory/testing/sandbox-connections";
import { type EntraTestTenant, startEntraTestTenant } from "@/lib/iam/entra/testing/entra-provider-test-setup";
import { enqueueCronRun } from "@/lib/jobs/embedded/enqueue-cron-run";
import { runJobsUntilIdle } from "@/lib/jobs/embedded-runner";
import { BIRTHDAY_BACKFILL_CRON, createBirthdayBackfillJob } from "@/lib/jobs/functions/birthday-backfill";
import { jobFunctions } from "@/lib/jobs/job-functions";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { DEFAULT_POLICY } from "@/lib/verification/policy";
import { simulatePolicy } from "@/lib/verification/policy/simulate-policy";

let tenant: EntraTestTenant;
let connectionId: string;
const backfill = createBirthdayBackfillJob(providerForConnection);
let slot = Date.parse("2026-06-01T00:00:00Z");

async function sync() {
  const { run } = await requestDirectorySync({ connectionId, trigger: "MANUAL" });
  await runJobsUntilIdle({ functions: jobFunctions, backoff: { baseMs: 20, maxMs: 2000 } });
  return db().syncRun.findUniqueOrThrow({ where: { id: run.id } });
}

/** One tick of the back-fill's cron, run to the end in this process. */
async function tick() {
  slot += 600_000;
  expect(await enqueueCronRun(backfill.definition, BIRTHDAY_BACKFILL_CRON, new Date(slot))).toBe(true);
  await runJobsUntilIdle({ functions: [backfill], backoff: { baseMs: 20, maxMs: 2000 } });
  return db().jobRun.findFirstOrThrow({ where: { functionId: "birthday-backfill" }, orderBy: { createdAt: "desc" } });
}

/** The sandbox's own dates of birth of the synced employees (null where HR left it unset). */
async function expectedBirthdays(): Promise<Map<string, string | null>> {
  const rows = await db().employee.findMany({ where: { connectionId, membership: "ACTIVE" }, select: { externalId: true } });
  const byId = new Map<string, string | null>();
  for (let index = 0; index < tenant.sandbox.tenant.indexLimit; index += 1) byId.set(tenant.sandbox.tenant.userId(index), tenant.sandbox.tenant.personAt(index)?.birthday ?? null);
  return new Map(rows.map((row) => [row.externalId, byId.get(row.externalId) ?? null]));
}

async function storedBirthdays(): Promise<Map<string, string | null>> {
  const rows = await db().employee.findMany({ where: { connectionId, membership: "ACTIVE" }, select: { externalId: true, birthday: true } });
  return new Map(rows.map((row) => [row.externalId, row.birthday]));
}

const birthdayMissing = async () => (await computeReadiness(connectionId)).fields.find((field) => field.key === "birthday")?.missing;

describe("date-of-birth back-fill against the Entra sandbox (real adapter, $batch, embedded runner)", () => {
  beforeAll(async () => {
    await useFreshDatabase("birthday_backfill");
    tenant = await startEntraTestTenant({ userCount: 320, seed: "birthday-backfill" });
  });
  afterAll(() => tenant.stop());
  beforeEach(async () => {
    await db().jobRun.deleteMany({});
    await tenant.call("/_sandbox/faults", { method: "PUT", json: {} });
    connectionId = await createEntraSandboxConnection(tenant);
    expect(await sync()).toMatchObject({ status: "SUCCEEDED" });
  });

  it("fills readiness and the policy simulation; a later sync keeps the dates and counts nothing as updated", { timeout: 90_000 }, async () => {
    const expected = await expectedBirthdays();
    const withoutBirthday = [...expected.values()].filter((birthday) => birthday === null).length;
    const readiness = await computeReadiness(connectionId);
    expect(readiness.birthdaysAwaitingRead).toBe(readiness.activeEmployees);
    expect(await birthdayMissing()).toBe(readiness.activeEmployees);

    const run = await tick();
    expect(run.status).toBe("COMPLETED");
    expect(await storedBirthdays()).toEqual(expected);
    expect(await birthdayMissing()).toBe(withoutBirthday);
    expect((await computeReadiness(connectionId)).birthdaysAwaitingRead).toBe(0);
    const simulation = await simulatePolicy({ claims: { ...DEFAULT_POLICY.claims, dateOfBirth: "REQUIRED" } }, { connectionId });
    expect(simulation.missingByClaim.dateOfBirth).toBe(withoutBirthday);

    // Graph lists no birthday: a full pass must not wipe the ones read per employee, nor count them as changes.
    await db().iamConnection.update({ where: { id: connectionId }, data: { deltaLink: null } });
    expect(await sync()).toMatchObject({ status: "SUCCEEDED", mode: "FULL", updated: 0 });
    expect(await storedBirthdays()).toEqual(expected);
    // Nothing is asked again until the recheck interval has passed.
    expect(await backfillBirthdays({ connectionId, providers: providerForConnection })).toMatchObject({ outcome: "done", read: 0 });
  });

  it("rides out throttled batches (429 inside $batch), and reports persistent throttling as an outcome to wait on", { timeout: 90_000 }, async () => {
    // 40 employees (two batches) left to read, one Graph call in four throttled.
    const forty = (await db().employee.findMany({ where: { connectionId }, select: { id: true }, orderBy: { externalId: "asc" }, take: 40 })).map((row) => row.id);
    await db().employee.updateMany({ where: { connectionId, id: { notIn: forty } }, data: { birthdayReadAt: new Date() } });
    await tenant.call("/_sandbox/faults", { method: "PUT", json: { rateLimitEvery: 4 } });
    expect((await tick()).status).toBe("COMPLETED");
    expect(await db().employee.count({ where: { connectionId, id: { in: forty }, birthdayReadAt: { not: null } } })).toBe(40);
    await tenant.call("/_sandbox/faults", { method: "PUT", json: {} });
    await db().employee.updateMany({ where: { connectionId, id: { notIn: forty } }, data: { birthdayReadAt: null } });
    expect((await tick()).status).toBe("COMPLETED");
    expect(await storedBirthdays()).toEqual(await expectedBirthdays());

    await db().employee.updateMany({ where: { connectionId }, data: { birthday: null, birthdayReadAt: null } });
    await tenant.call("/_sandbox/faults", { method: "PUT", json: { rateLimitEvery: 1 } });
    const throttled = await backfillBirthdays({ connectionId, providers: providerForConnection, limit: 40 });
    expect(throttled).toMatchObject({ outcome: "throttled", read: 0 });
    expect(throttled.retryAfterMs).toBeGreaterThan(0);
    expect(await db().employee.count({ where: { connectionId, birthdayReadAt: { not: null } } })).toBe(0);
    await tenant.call("/_sandbox/faults", { method: "PUT", json: {} });
    expect(await backfillBirthdays({ connectionId, providers: providerForConnection, limit: 40 })).toMatchObject({ outcome: "more", read: 40 });
  });
});
