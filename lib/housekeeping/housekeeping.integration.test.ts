import { randomUUID } from "node:crypto";
import { randomBytes } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { VerificationStatus } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { daysBefore } from "@/lib/housekeeping/retention";
import { housekeeping } from "@/lib/jobs/functions/housekeeping";
import { queueEmail } from "@/lib/notifications/queue-email";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { getCurrentPolicy } from "@/lib/verification/policy";
import { hashToken } from "@/lib/verification/requests/verification-secrets";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
const now = new Date();
const ago = (days: number) => daysBefore(now, days);

async function verification(options: { employeeId: string | null; status: VerificationStatus; createdAt: Date }) {
  const policy = await db().$transaction((tx) => getCurrentPolicy(tx));
  const row = await db().verificationRequest.create({
    data: {
      employeeId: options.employeeId,
      policyId: policy.id,
      purpose: options.employeeId ? "HELPDESK_CHECK" : "ACCOUNT_RECOVERY",
      initiatorType: "SELF_SERVE",
      status: options.status,
      linkTokenHash: hashToken(randomBytes(32).toString("base64url")),
      expiresAt: new Date(options.createdAt.getTime() + 30 * 60_000),
      createdAt: options.createdAt,
    },
  });
  await db().verificationEvidence.create({ data: { requestId: row.id, imageSha256: "b".repeat(64), imageBytes: 3, readable: false } });
  return row.id;
}

async function jobRun(status: "COMPLETED" | "FAILED" | "QUEUED" | "RUNNING", updatedAt: Date) {
  const run = await db().jobRun.create({ data: { functionId: "credential-reset", eventName: "credential-reset/requested", eventData: {}, status } });
  await db().jobStep.create({ data: { runId: run.id, stepId: "begin", output: { status: "RUNNING" } } });
  // @updatedAt is set by the client on every write: age the row behind its back.
  await db().$executeRaw`UPDATE "job_run" SET "updatedAt" = ${updatedAt} WHERE "id" = ${run.id}::uuid`;
  return run.id;
}

async function outboxMessage(createdAt: Date, status: "STORED" | "FAILED" = "STORED") {
  const id = await db().$transaction((tx) => queueEmail(tx, { to: "ana@example.com", subject: "Your code", text: "123456", html: "<p>123456</p>" }));
  await db().outboxMessage.update({ where: { id }, data: { createdAt, status } });
  return id;
}

describe("housekeeping", () => {
  beforeAll(async () => {
    await useFreshDatabase("housekeeping");
    world = await createVerificationWorld("housekeeping");
  });

  it("prunes what is older than its retention, keeps what is recent or still in use, and never touches the audit log", async () => {
    // Rate-limit buckets: long-finished windows go, a current one stays.
    await db().rateLimitBucket.createMany({ data: [{ key: "sign-in:account:old", windowStart: ago(8), count: 5 }, { key: "sign-in:account:now", windowStart: now, count: 2 }] });
    await db().attemptThrottle.createMany({ data: [{ key: "sign-in:account+network:old", attempts: 9, lastAttemptAt: ago(8) }, { key: "sign-in:account+network:now", attempts: 6, lastAttemptAt: now, blockedUntil: now }] });
    // Console sessions: revoked / expired a month ago go; a live one and one that just expired stay.
    const user = await db().consoleUser.create({ data: { email: "sessions@example.com", name: "S", role: "ADMIN", passwordHash: "x", mustChangePassword: false } });
    const sessions = await Promise.all([
      db().consoleSession.create({ data: { userId: user.id, createdAt: ago(40), expiresAt: ago(39), revokedAt: ago(35) } }),
      db().consoleSession.create({ data: { userId: user.id, createdAt: ago(40), expiresAt: ago(31) } }),
      db().consoleSession.create({ data: { userId: user.id, expiresAt: daysBefore(now, -1) } }),
      db().consoleSession.create({ data: { userId: user.id, createdAt: ago(3), expiresAt: ago(2) } }),
    ]);
    // Job runs: finished ones a week old go with their steps; recent, queued and running ones stay.
    const oldCompleted = await jobRun("COMPLETED", ago(8));
    const oldFailed = await jobRun("FAILED", ago(10));
    const recent = await jobRun("COMPLETED", ago(1));
    const stillQueued = await jobRun("QUEUED", ago(30));
    const stillRunning = await jobRun("RUNNING", ago(30));
    // Outbox: bodies of week-old messages are dropped (envelopes stay); recent ones keep theirs.
    // Job events: one forwarded long ago (pruned), one forwarded yesterday (kept), one a crash left unforwarded
    // (the sweep forwards it: a queued reset's run then exists; it is kept).
    await db().jobEventOutbox.create({ data: { name: "directory/sync.requested", data: {}, forwardedAt: ago(8) } });
    const recentForwarded = await db().jobEventOutbox.create({ data: { name: "directory/sync.requested", data: {}, forwardedAt: ago(1) } });
    const leftBehind = await db().jobEventOutbox.create({ data: { id: randomUUID(), name: "credential-reset/requested", eventId: "credential-reset:left-behind", data: { resetId: randomUUID() } } });
    const oldStored = await outboxMessage(ago(8));
    const oldFailedMessage = await outboxMessage(ago(9), "FAILED");
    const recentStored = await outboxMessage(ago(2));
    // Verifications: unmatched attempts after a week, expired / cancelled ones after a month; decided ones of real
    // employees and recent ones stay.
    const employeeId = (await world.createEmployee()).id;
    const unmatchedOld = await verification({ employeeId: null, status: "FAILED", createdAt: ago(8) });
    const unmatchedRecent = await verification({ employeeId: null, status: "FAILED", createdAt: ago(2) });
    const expiredOld = await verification({ employeeId, status: "EXPIRED", createdAt: ago(31) });
    const cancelledOld = await verification({ employeeId, status: "CANCELLED", createdAt: ago(40) });
    const expiredRecent = await verification({ employeeId, status: "EXPIRED", createdAt: ago(10) });
    const decidedOld = await verification({ employeeId, status: "FAILED", createdAt: ago(90) });
    for (const id of [unmatchedOld, expiredOld]) {
      await recordAuditEvent(db(), { actor: { type: "SYSTEM", label: "test" }, action: "verification.expired", target: { type: "verification_request", id } });
    }
    // IdP authorization transactions: spent within minutes, gone after a day.
    const idvClient = await db().idvClient.create({ data: { clientId: "idv_housekeeping", name: "Okta", secretHash: "x", redirectUris: [], allowedClaims: [] } });
    const transaction = (createdAt: Date) => db().idvAuthorization.create({ data: { clientId: idvClient.id, requestUriHash: randomBytes(16).toString("hex"), requestUriExpiresAt: createdAt, redirectUri: "https://acme.okta.test/cb", scope: "openid", codeChallenge: "c", requestedClaims: [], createdAt } });
    await transaction(ago(2));
    const idvRecent = await transaction(daysBefore(now, 0.5));
    // Wallet ID requests: answerable five minutes, gone a day after they lapsed.
    const walletRequest = (expiresAt: Date) => db().walletPresentation.create({ data: { requestId: decidedOld, sessionTokenHash: "h", origin: "https://verify.example.com", requested: {}, sealedSecrets: "s", expiresAt } });
    await walletRequest(ago(2));
    const walletRecent = await walletRequest(daysBefore(now, 0.5));
    const auditBefore = await db().auditEvent.findMany({ orderBy: { id: "asc" } });

    const { result } = await new InngestTestEngine({ function: housekeeping.inngestFunction }).execute();
    expect(result).toEqual({ jobEvents: 1, forwardedJobEvents: 1, rateLimitBuckets: 2, consoleSessions: 2, jobRuns: 2, outboxBodies: 2, verifications: 3, idvAuthorizations: 1, walletPresentations: 1, webhookDeliveries: 0 });
    expect((await db().idvAuthorization.findMany()).map((row) => row.id)).toEqual([idvRecent.id]);
    expect((await db().walletPresentation.findMany()).map((row) => row.id)).toEqual([walletRecent.id]);

    expect((await db().rateLimitBucket.findMany()).map((bucket) => bucket.key)).toEqual(["sign-in:account:now"]);
    expect((await db().attemptThrottle.findMany()).map((streak) => streak.key)).toEqual(["sign-in:account+network:now"]);
    expect((await db().consoleSession.findMany({ orderBy: { createdAt: "asc" } })).map((session) => session.id).sort()).toEqual([sessions[2]?.id, sessions[3]?.id].sort());
    const jobRuns = await db().jobRun.findMany();
    expect(jobRuns.filter((run) => run.eventId === null).map((run) => run.id).sort()).toEqual([recent, stillQueued, stillRunning].sort());
    expect(jobRuns.filter((run) => run.eventId !== null)).toMatchObject([{ functionId: "credential-reset", eventId: "credential-reset:left-behind", status: "QUEUED" }]);
    expect((await db().jobEventOutbox.findMany({ orderBy: { createdAt: "asc" } })).map((event) => [event.id, event.forwardedAt !== null])).toEqual([
      [recentForwarded.id, true],
      [leftBehind.id, true],
    ]);
    expect(await db().jobStep.count({ where: { runId: { in: [oldCompleted, oldFailed] } } })).toBe(0);
    expect(await db().jobStep.count({ where: { runId: { in: [recent, stillQueued, stillRunning] } } })).toBe(3);
    const messages = await db().outboxMessage.findMany();
    expect(messages.filter((message) => message.sealedBody !== null).map((message) => message.id)).toEqual([recentStored]);
    expect(messages.map((message) => message.id).sort()).toEqual([oldStored, oldFailedMessage, recentStored].sort());
    expect((await db().verificationRequest.findMany()).map((row) => row.id).sort()).toEqual([unmatchedRecent, expiredRecent, decidedOld].sort());
    expect(await db().verificationEvidence.count()).toBe(3);

    // The audit log only grew: every earlier event is still there, and the deletion is recorded with its ids.
    const auditAfter = await db().auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    const pruned = auditAfter.filter((event) => event.action === "verification.pruned");
    expect(pruned).toHaveLength(1);
    expect(pruned[0]?.details).toMatchObject({ deleted: 3, unmatched: 1, verificationIds: expect.arrayContaining([unmatchedOld, expiredOld, cancelledOld]) });

    // Running it again finds nothing more to do.
    const { result: again } = await new InngestTestEngine({ function: housekeeping.inngestFunction }).execute();
    expect(again).toEqual({ jobEvents: 0, forwardedJobEvents: 0, rateLimitBuckets: 0, consoleSessions: 0, jobRuns: 0, outboxBodies: 0, verifications: 0, idvAuthorizations: 0, walletPresentations: 0, webhookDeliveries: 0 });
  });
});
