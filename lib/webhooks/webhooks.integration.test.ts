import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { POST as createVerification } from "@/app/api/v1/verifications/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db/prisma";
import { failSyncRun } from "@/lib/directory/fail-sync-run";
import { AppError } from "@/lib/errors";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import type { Decision } from "@/lib/verification/decision/compute-decision";
import { recordDecision } from "@/lib/verification/requests/decide-verification";
import { reloadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { deliverDueWebhooks, type DeliverWebhooksOptions } from "@/lib/webhooks/deliver-due-webhooks";
import { replayWebhookDelivery } from "@/lib/webhooks/replay-webhook-delivery";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { startWebhookReceiver, type ReceiverAnswer, type WebhookReceiver } from "@/lib/webhooks/testing/webhook-receiver";
import { createWebhookEndpointSchema, type WebhookEventType } from "@/lib/webhooks/webhook-schemas";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

const REQUEST = { ip: "192.0.2.10", userAgent: "vitest" };
const SANDBOX = { sandbox: true };
const deliver = (options: Partial<DeliverWebhooksOptions> = {}) => deliverDueWebhooks({ sandbox: true, ...options });
let world: Awaited<ReturnType<typeof createVerificationWorld>>;
let admin: { id: string; email: string };
let employee: { id: string; login: string; email: string | null; firstName: string | null; lastName: string | null; mobilePhone: string | null };
let apiKey: string;
const receivers: WebhookReceiver[] = [];

async function receiver(script?: ReceiverAnswer[]) {
  const started = await startWebhookReceiver(script);
  receivers.push(started);
  return started;
}

async function endpointFor(url: string, eventTypes: WebhookEventType[] = ["verification.decided"], name = "ServiceNow") {
  return createWebhookEndpoint({ name, url, eventTypes }, admin, REQUEST, SANDBOX);
}

const DECISION: Decision = {
  outcome: "VERIFIED",
  reasons: [],
  checks: [{ check: "POSSESSION_CODE", required: true, passed: true, detail: "Code confirmed by e-mail." }],
  document: null,
  claims: [{ claim: "lastName", outcome: "MATCH", score: 1, reason: "Exact", requirement: "REQUIRED", source: "DOCUMENT", decisive: true, directoryValue: "Okonkwo", evidenceValue: "OKONKWO" }],
};

/** A verification started through the API with a ticket, then decided through the product's own recordDecision. */
async function decideVerification(ticket = "INC0012345") {
  const response = await createVerification(
    new Request("http://localhost/api/v1/verifications", { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: JSON.stringify({ employeeId: employee.id, purpose: "HELPDESK_CHECK", channel: "LINK", ticket }) }),
    { params: Promise.resolve({}) },
  );
  expect(response.status).toBe(201);
  const { data } = (await response.json()) as { data: { id: string } };
  await db().verificationRequest.update({ where: { id: data.id }, data: { status: "IN_PROGRESS", startedAt: new Date() } });
  const session = await reloadVerificationSession({ id: data.id });
  if (!session) throw new Error("no session");
  const started = Date.now();
  await recordDecision(session, DECISION, null, REQUEST);
  return { verificationId: data.id, tookMs: Date.now() - started };
}

describe("signed webhooks (issue 18)", () => {
  beforeAll(async () => {
    await useFreshDatabase("webhooks");
    world = await createVerificationWorld("hooks");
    const user = await db().consoleUser.create({ data: { email: "hooks-admin@example.com", name: "Hooks Admin", role: "ADMIN", passwordHash: "x", mustChangePassword: false } });
    admin = { id: user.id, email: user.email };
    employee = await world.createEmployee({ firstName: "Marguerite", lastName: "Okonkwo", email: "marguerite.okonkwo@example.com", mobilePhone: "+14155550142" });
    apiKey = (await createApiKey({ name: "ServiceNow", scopes: ["verifications:create"], lifetime: 90 }, admin, REQUEST)).key;
  });
  beforeEach(async () => {
    fakeBrowser.reset();
    await db().webhookEndpoint.deleteMany();
  });
  afterAll(async () => {
    await Promise.all(receivers.map((started) => started.close()));
  });

  it("signs a decided verification per Standard Webhooks: the library's verifier accepts it, a tampered body or another secret does not", async () => {
    const hook = await receiver([{ status: 204 }]);
    const endpoint = await endpointFor(`${hook.url}/verifyd`);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const stored = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored.sealedSecret).not.toContain(endpoint.secret.slice(6, 30));
    const { verificationId } = await decideVerification();

    expect(await deliver()).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    if (!request) throw new Error("nothing received");
    expect(request.path).toBe("/verifyd");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["webhook-id"]).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    const verified = new Webhook(endpoint.secret).verify(request.body, request.headers);
    expect(verified).toMatchObject({ type: "verification.decided", data: { verificationId, employeeId: employee.id, ticket: "INC0012345", status: "VERIFIED", claims: [{ claim: "lastName", outcome: "MATCH", requirement: "REQUIRED" }] } });

    expect(() => new Webhook(endpoint.secret).verify(request.body.replace("VERIFIED", "FAILED"), request.headers)).toThrow(WebhookVerificationError);
    const other = (await endpointFor(`${hook.url}/other`, ["directory.sync_failed"], "Other")).secret;
    expect(() => new Webhook(other).verify(request.body, request.headers)).toThrow(WebhookVerificationError);

    // Ids and outcomes only: no name, address, phone, login or compared value of the employee.
    expect(Object.keys(JSON.parse(request.body).data).sort()).toEqual(["assuranceLevel", "claims", "decidedAt", "employeeId", "failureReason", "initiator", "meetsPolicy", "purpose", "status", "ticket", "verificationId"]);
    for (const value of [employee.firstName, employee.lastName, employee.email, employee.login, employee.mobilePhone, "OKONKWO"]) expect(request.body.toLowerCase()).not.toContain(String(value).toLowerCase());
    const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id }, include: { attemptLog: true } });
    expect(delivery).toMatchObject({ status: "SUCCEEDED", attempts: 1, lastStatusCode: 204, messageId: request.headers["webhook-id"] });
    expect(delivery.attemptLog).toEqual([expect.objectContaining({ statusCode: 204, succeeded: true, error: null })]);
  });

  it("does not make the action that caused the event wait for a slow receiver", async () => {
    const hook = await receiver([{ status: 200, delayMs: 5_000 }]);
    await endpointFor(hook.url);
    const { tookMs } = await decideVerification("INC0099999");
    expect(tookMs).toBeLessThan(2_000);
    expect(hook.received).toHaveLength(0);
    expect(await db().webhookDelivery.findFirstOrThrow()).toMatchObject({ status: "PENDING", attempts: 0 });

    expect(await deliver()).toMatchObject({ attempted: 1, succeeded: 1 });
    const attempt = await db().webhookDeliveryAttempt.findFirstOrThrow();
    expect(attempt.durationMs).toBeGreaterThanOrEqual(4_500);
  });

  it("retries a failed attempt on the schedule under the same message id, and replays a delivery under it too", async () => {
    const hook = await receiver([{ status: 500, body: "database is down\n<html>".repeat(40) }, { status: 200 }]);
    const endpoint = await endpointFor(hook.url);
    await decideVerification();
    const t0 = new Date();
    expect(await deliver({ now: t0 })).toMatchObject({ attempted: 1, failed: 1 });
    const failed = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500 });
    expect(failed.lastError!.length).toBeLessThan(230);
    expect(failed.nextAttemptAt!.getTime() - t0.getTime()).toBeGreaterThanOrEqual(5_000);
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).consecutiveFailures).toBe(1);

    // Not due yet: nothing is sent; due 5 s later: sent again.
    expect(await deliver({ now: new Date(t0.getTime() + 1_000) })).toMatchObject({ attempted: 0 });
    expect(await deliver({ now: new Date(t0.getTime() + 6_000) })).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(hook.received.map((request) => request.headers["webhook-id"])).toEqual([failed.messageId, failed.messageId]);
    expect(await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ consecutiveFailures: 0, failingSince: null });

    await replayWebhookDelivery({ id: failed.id }, admin, REQUEST);
    await expect(replayWebhookDelivery({ id: failed.id }, admin, REQUEST)).rejects.toMatchObject({ code: "conflict" });
    expect(await deliver()).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(hook.received.map((request) => request.headers["webhook-id"])).toEqual([failed.messageId, failed.messageId, failed.messageId]);
    expect(hook.received[2]?.body).toBe(hook.received[0]?.body);
    const attempts = await db().webhookDeliveryAttempt.findMany({ where: { deliveryId: failed.id }, orderBy: { startedAt: "asc" } });
    expect(attempts.map((attempt) => attempt.statusCode)).toEqual([500, 200, 200]);
    expect(await db().auditEvent.count({ where: { action: "webhook.delivery_replayed", targetId: endpoint.id } })).toBe(1);
  });

  it("disables an endpoint that failed every attempt for a day, ends its pending deliveries and tells the admins", async () => {
    const hook = await receiver([{ status: 503 }]);
    const endpoint = await endpointFor(hook.url, ["verification.decided"], "Gone receiver");
    for (let index = 0; index < 10; index += 1) await sendTestWebhook({ id: endpoint.id }, admin, REQUEST);
    const t0 = new Date();
    expect(await deliver({ now: t0 })).toMatchObject({ attempted: 10, failed: 10, disabledEndpoints: 0 });
    expect(await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ enabled: true, consecutiveFailures: 10 });

    const result = await deliver({ now: new Date(t0.getTime() + 25 * 60 * 60_000), limit: 1 });
    expect(result).toMatchObject({ attempted: 1, failed: 1, disabledEndpoints: 1 });
    const disabled = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled).toMatchObject({ enabled: false, consecutiveFailures: 11 });
    expect(disabled.disabledReason).toMatch(/24 hours.*HTTP 503/);
    expect(await db().webhookDelivery.count({ where: { endpointId: endpoint.id, status: "PENDING" } })).toBe(0);
    expect(await db().auditEvent.findFirst({ where: { action: "webhook.endpoint_disabled", targetId: endpoint.id } })).toMatchObject({ actorType: "SYSTEM" });
    expect(await db().outboxMessage.count({ where: { relatedType: "webhook_endpoint", relatedId: endpoint.id, recipient: admin.email } })).toBe(1);

    // Nothing more goes to it: no new deliveries, no test events, no replays.
    const sent = hook.received.length;
    await decideVerification();
    expect(await db().webhookDelivery.count({ where: { endpointId: endpoint.id, eventType: "verification.decided" } })).toBe(0);
    await expect(sendTestWebhook({ id: endpoint.id }, admin, REQUEST)).rejects.toMatchObject({ code: "conflict" });
    const anyDelivery = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    await expect(replayWebhookDelivery({ id: anyDelivery.id }, admin, REQUEST)).rejects.toMatchObject({ code: "conflict" });
    await deliver({ now: new Date(t0.getTime() + 48 * 60 * 60_000) });
    expect(hook.received).toHaveLength(sent);
  });

  it("refuses metadata, private and (outside sandbox mode) loopback addresses, and changes nothing on bad input", async () => {
    const before = await db().auditEvent.count();
    const refused = async (url: string, sandbox = true) => {
      const error: unknown = await createWebhookEndpoint({ name: "x", url, eventTypes: ["verification.decided"] }, admin, REQUEST, { sandbox }).catch((caught: unknown) => caught);
      expect(error, url).toBeInstanceOf(AppError);
      if (error instanceof AppError) expect(Object.keys(error.fieldErrors ?? {}), url).toEqual(["url"]);
    };
    await refused("https://169.254.169.254/latest/meta-data/");
    await refused("https://10.0.0.7/hook");
    await refused("https://[::ffff:192.168.1.1]/hook");
    await refused("http://127.0.0.1:4999/hook", false);
    await expect(createWebhookEndpoint({ name: "x", url: "http://hooks.example.com/", eventTypes: ["verification.decided"] }, admin, REQUEST, SANDBOX)).rejects.toThrow(/https/);
    await expect(createWebhookEndpoint({ name: "x", url: "https://hooks.example.com/", eventTypes: [] }, admin, REQUEST, SANDBOX)).rejects.toThrow(/at least one event/);
    expect(createWebhookEndpointSchema.safeParse({ name: "", url: "https://hooks.example.com/", eventTypes: ["nope"] }).error?.issues.map((issue) => issue.path.join("."))).toEqual(["name", "eventTypes.0"]);
    expect(await db().webhookEndpoint.count()).toBe(0);
    expect(await db().auditEvent.count()).toBe(before);
  });

  it("refuses at connect time a name that resolves to a private or metadata address, and follows no redirect", async () => {
    const target = await receiver([{ status: 204 }]);
    const redirecting = await receiver([{ status: 302, headers: { location: `${target.url}/elsewhere` } }]);
    await endpointFor("https://hooks.example.com/verifyd", ["directory.sync_failed"], "Rebinding");
    await endpointFor(redirecting.url, ["directory.sync_failed"], "Redirecting");
    const run = await db().syncRun.create({ data: { connectionId: world.connectionId, trigger: "SCHEDULE", mode: "FULL", status: "RUNNING", startedAt: new Date() } });
    await failSyncRun(run.id, "Graph answered 503 for alex@example.com");

    expect(await deliver({ resolve: async () => [{ address: "169.254.169.254", family: 4 }] })).toMatchObject({ attempted: 2, failed: 2 });
    const deliveries = await db().webhookDelivery.findMany({ include: { endpoint: { select: { name: true } } } });
    const byName = new Map(deliveries.map((delivery) => [delivery.endpoint.name, delivery]));
    expect(byName.get("Rebinding")?.lastError).toMatch(/resolves to 169\.254\.169\.254/);
    expect(byName.get("Redirecting")?.lastError).toMatch(/HTTP 302 \(redirects are not followed/);
    expect(target.received).toHaveLength(0);
    expect(redirecting.received).toHaveLength(1);
    const payload = JSON.parse(redirecting.received[0]!.body) as { type: string; data: Record<string, unknown> };
    expect(payload).toMatchObject({ type: "directory.sync_failed", data: { syncRunId: run.id, connectionId: world.connectionId, mode: "FULL" } });
    expect(redirecting.received[0]!.body).not.toContain("alex@example.com");
  });
});
