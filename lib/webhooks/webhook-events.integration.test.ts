import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { completeCredentialReset, failCredentialReset, refuseCredentialReset } from "@/lib/credential-reset/settle-credential-reset";
import { startCredentialReset } from "@/lib/credential-reset/start-credential-reset";
import { createVerifiedRequest } from "@/lib/credential-reset/testing/reset-fixtures";
import { db } from "@/lib/db/prisma";
import { pruneWebhookDeliveries } from "@/lib/housekeeping/prune-webhook-deliveries";
import { daysBefore } from "@/lib/housekeeping/retention";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { storedPayloadSchema } from "@/lib/webhooks/webhook-payloads";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/webhook-schemas";

const REQUEST = { ip: "192.0.2.10", userAgent: "vitest" };
let world: Awaited<ReturnType<typeof createVerificationWorld>>;
let admin: { id: string; email: string };

async function resetFor(options: { status?: "QUEUED" | "RUNNING"; ticket?: string }) {
  const employee = await world.createEmployee({ firstName: "Ingrid", lastName: "Halvorsen" });
  const verification = await createVerifiedRequest(employee.id);
  await db().verificationRequest.update({ where: { id: verification.id }, data: { externalTicketRef: options.ticket ?? "INC0077001" } });
  const reset = await db().credentialReset.create({
    data: { requestId: verification.id, employeeId: employee.id, action: "PASSWORD_RESET", initiatorType: "SELF_SERVE", status: options.status ?? "QUEUED", ...(options.status === "RUNNING" ? { jobRunId: "run-1", startedAt: new Date() } : {}) },
  });
  return { employee, verification, reset };
}

/** The payloads queued for one event type, as the receiver would get them. */
async function queued(type: string) {
  const rows = await db().webhookDelivery.findMany({ where: { eventType: type }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => storedPayloadSchema.parse(row.payload));
}

describe("webhook events from resets (issue 18)", () => {
  beforeAll(async () => {
    await useFreshDatabase("webhook_events");
    world = await createVerificationWorld("hookevents");
    const user = await db().consoleUser.create({ data: { email: "events-admin@example.com", name: "Events Admin", role: "ADMIN", passwordHash: "x", mustChangePassword: false } });
    admin = { id: user.id, email: user.email };
    await createWebhookEndpoint({ name: "Everything", url: "https://hooks.example.com/all", eventTypes: [...WEBHOOK_EVENT_TYPES] }, admin, REQUEST, { sandbox: false });
    await createWebhookEndpoint({ name: "Decisions only", url: "https://hooks.example.com/decisions", eventTypes: ["verification.decided"] }, admin, REQUEST, { sandbox: false });
  });
  beforeEach(async () => {
    await db().webhookDelivery.deleteMany();
  });

  it("queues completed, failed and refused resets in the transaction that settles them, with the ticket and no personal data", async () => {
    const completed = await resetFor({ status: "RUNNING", ticket: "INC0077001" });
    expect(await completeCredentialReset({ resetId: completed.reset.id, runId: "run-1" }, { secret: null, notify: false, summary: "password reset" })).toEqual({ completed: true });
    // Replaying the settle (a retried step) queues nothing more.
    expect(await completeCredentialReset({ resetId: completed.reset.id, runId: "run-1" }, { secret: null, notify: false, summary: "password reset" })).toEqual({ completed: false });
    expect(await queued("credential_reset.completed")).toEqual([
      { type: "credential_reset.completed", timestamp: expect.any(String), data: expect.objectContaining({ resetId: completed.reset.id, verificationId: completed.verification.id, employeeId: completed.employee.id, ticket: "INC0077001", action: "PASSWORD_RESET", status: "SUCCEEDED", failedStep: null }) },
    ]);

    const failed = await resetFor({ ticket: "INC0077002" });
    await failCredentialReset(failed.reset.id, "Okta answered 403 for ingrid.halvorsen@example.com");
    const [failure] = await queued("credential_reset.failed");
    expect(failure?.data).toMatchObject({ resetId: failed.reset.id, status: "FAILED", failedStep: "queue", ticket: "INC0077002" });
    expect(JSON.stringify(failure)).not.toMatch(/ingrid|halvorsen|403/i);

    const refused = await resetFor({ status: "RUNNING", ticket: "INC0077003" });
    await refuseCredentialReset({ resetId: refused.reset.id, runId: "run-1" }, ["Global Administrator"]);
    expect((await queued("credential_reset.refused"))[0]?.data).toMatchObject({ resetId: refused.reset.id, status: "REFUSED", reason: "privileged_account", roles: ["Global Administrator"], ticket: "INC0077003" });

    // Only the endpoint subscribed to resets got them, each event under one message id.
    const deliveries = await db().webhookDelivery.findMany({ include: { endpoint: { select: { name: true } } } });
    expect(new Set(deliveries.map((delivery) => delivery.endpoint.name))).toEqual(new Set(["Everything"]));
    expect(new Set(deliveries.map((delivery) => delivery.messageId)).size).toBe(3);
  });

  it("queues a refusal the last sync already knew about when the reset is asked for", async () => {
    const employee = await db().employee.update({ where: { id: (await world.createEmployee()).id }, data: { adminRoles: ["Privileged Authentication Administrator"] } });
    const verification = await createVerifiedRequest(employee.id);
    const started = await startCredentialReset({ requestId: verification.id, action: "PASSWORD_RESET" }, { type: "EMPLOYEE" });
    expect(started.status).toBe("REFUSED");
    expect((await queued("credential_reset.refused")).map((payload) => payload.data)).toEqual([expect.objectContaining({ resetId: started.id, roles: ["Privileged Authentication Administrator"] })]);
  });

  it("prunes finished deliveries past retention and keeps pending ones", async () => {
    const endpoint = await db().webhookEndpoint.findFirstOrThrow({ where: { name: "Everything" } });
    const old = daysBefore(new Date(), 31);
    const payload = { type: "webhook.test", timestamp: old.toISOString(), data: {} };
    await db().webhookDelivery.createMany({
      data: [
        { endpointId: endpoint.id, messageId: "msg_old_done", eventType: "webhook.test", payload, status: "SUCCEEDED", createdAt: old },
        { endpointId: endpoint.id, messageId: "msg_old_failed", eventType: "webhook.test", payload, status: "FAILED", createdAt: old },
        { endpointId: endpoint.id, messageId: "msg_old_pending", eventType: "webhook.test", payload, status: "PENDING", createdAt: old },
        { endpointId: endpoint.id, messageId: "msg_recent", eventType: "webhook.test", payload, status: "SUCCEEDED" },
      ],
    });
    expect(await pruneWebhookDeliveries()).toBe(2);
    expect((await db().webhookDelivery.findMany({ orderBy: { messageId: "asc" } })).map((row) => row.messageId)).toEqual(["msg_old_pending", "msg_recent"]);
  });
});
