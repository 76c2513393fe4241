import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { verificationHousekeeping } from "@/lib/jobs/functions/verification-housekeeping";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

describe("verification housekeeping job", () => {
  let world: Awaited<ReturnType<typeof createVerificationWorld>>;
  beforeAll(async () => {
    await useFreshDatabase("verification_housekeeping");
    world = await createVerificationWorld("keep");
  });

  it("expires overdue verifications and deletes images whose retention ran out, leaving the rest", async () => {
    const helpdesk = { type: "CONSOLE_USER" as const, user: world.agent };
    const overdue = await createVerificationRequest({ employeeId: (await world.createEmployee()).id, purpose: "HELPDESK_CHECK" }, helpdesk);
    const current = await createVerificationRequest({ employeeId: (await world.createEmployee()).id, purpose: "HELPDESK_CHECK" }, helpdesk);
    await db().verificationRequest.update({ where: { id: overdue.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const image = { imageSha256: "a".repeat(64), imageBytes: 3, readable: false, sealedImage: Buffer.from("sealed") };
    const stale = await db().verificationEvidence.create({ data: { ...image, requestId: current.id, imageDeleteAfter: new Date(Date.now() - 1000) } });
    const kept = await db().verificationEvidence.create({ data: { ...image, requestId: current.id, imageDeleteAfter: new Date(Date.now() + 86_400_000) } });

    const { result } = await new InngestTestEngine({ function: verificationHousekeeping.inngestFunction }).execute();
    expect(result).toEqual({ expired: 1, purged: 1, purgedFaceFrames: 0, lapsedSecrets: 0, stalledResets: 0 });

    expect((await db().verificationRequest.findUniqueOrThrow({ where: { id: overdue.id } })).status).toBe("EXPIRED");
    expect((await db().verificationRequest.findUniqueOrThrow({ where: { id: current.id } })).status).toBe("PENDING");
    expect(await db().verificationEvidence.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ sealedImage: null, imageSha256: "a".repeat(64) });
    expect((await db().verificationEvidence.findUniqueOrThrow({ where: { id: kept.id } })).sealedImage).not.toBeNull();
    expect(await db().auditEvent.count({ where: { action: { in: ["verification.expired", "verification.evidence_deleted"] } } })).toBe(2);
  });
});
