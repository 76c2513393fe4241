import { beforeAll, describe, expect, it } from "vitest";
import { failStalledResets } from "@/lib/credential-reset/fail-stalled-resets";
import { purgeLapsedResetSecrets } from "@/lib/credential-reset/purge-lapsed-secrets";
import { createVerifiedRequest } from "@/lib/credential-reset/testing/reset-fixtures";
import { db } from "@/lib/db/prisma";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

let world: Awaited<ReturnType<typeof createVerificationWorld>>;

async function resetRow(data: { status: "QUEUED" | "SUCCEEDED"; createdAt?: Date; sealedSecret?: string; secretExpiresAt?: Date }) {
  const employee = await world.createEmployee();
  const verification = await createVerifiedRequest(employee.id);
  return db().credentialReset.create({ data: { requestId: verification.id, employeeId: employee.id, action: "PASSWORD_RESET", initiatorType: "SELF_SERVE", secretKind: data.sealedSecret ? "TEMPORARY_PASSWORD" : null, ...data } });
}

describe("reset housekeeping", () => {
  beforeAll(async () => {
    await useFreshDatabase("reset_housekeeping");
    world = await createVerificationWorld("housekeeping");
  });

  it("forgets secrets nobody revealed in time, and only those", async () => {
    const lapsed = await resetRow({ status: "SUCCEEDED", sealedSecret: "sealed-a", secretExpiresAt: new Date(Date.now() - 1000) });
    const waiting = await resetRow({ status: "SUCCEEDED", sealedSecret: "sealed-b", secretExpiresAt: new Date(Date.now() + 600_000) });
    expect(await purgeLapsedResetSecrets()).toBe(1);
    expect((await db().credentialReset.findUniqueOrThrow({ where: { id: lapsed.id } })).sealedSecret).toBeNull();
    expect((await db().credentialReset.findUniqueOrThrow({ where: { id: waiting.id } })).sealedSecret).toBe("sealed-b");
  });

  it("fails resets whose event was lost, and leaves fresh ones queued", async () => {
    const stalled = await resetRow({ status: "QUEUED", createdAt: new Date(Date.now() - 20 * 60_000) });
    const fresh = await resetRow({ status: "QUEUED" });
    expect(await failStalledResets()).toBe(1);
    expect(await db().credentialReset.findUniqueOrThrow({ where: { id: stalled.id } })).toMatchObject({ status: "FAILED", failedStep: "queue" });
    expect(await db().credentialReset.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ status: "QUEUED" });
    expect(await db().auditEvent.count({ where: { action: "credential_reset.failed", targetId: stalled.id } })).toBe(1);
  });
});
