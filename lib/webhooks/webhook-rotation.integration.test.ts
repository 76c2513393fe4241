import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { db } from "@/lib/db/prisma";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-due-webhooks";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/webhooks/testing/webhook-receiver";

const REQUEST = { ip: "192.0.2.10", userAgent: "vitest" };
let admin: { id: string; email: string };
let hook: WebhookReceiver;

const verifies = (secret: string, index: number) => {
  const request = hook.received[index];
  if (!request) throw new Error(`no request ${index}`);
  try {
    new Webhook(secret).verify(request.body, request.headers);
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return false;
    throw error;
  }
};

describe("webhook secrets and concurrent delivery (issue 18)", () => {
  beforeAll(async () => {
    await useFreshDatabase("webhook_rotation");
    const user = await db().consoleUser.create({ data: { email: "rotation-admin@example.com", name: "Rotation Admin", role: "ADMIN", passwordHash: "x", mustChangePassword: false } });
    admin = { id: user.id, email: user.email };
    hook = await startWebhookReceiver([{ status: 204, delayMs: 50 }]);
  });
  beforeEach(async () => {
    await db().webhookEndpoint.deleteMany();
    hook.received.length = 0;
  });
  afterAll(async () => {
    await hook.close();
  });

  it("signs with the old and the new secret for a day after a rotation, and with the new one only when told to", async () => {
    const endpoint = await createWebhookEndpoint({ name: "Zendesk", url: hook.url, eventTypes: ["verification.decided"] }, admin, REQUEST, { sandbox: true });
    const rotated = await rotateWebhookSecret({ id: endpoint.id }, admin, REQUEST);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.previousValidUntil!.getTime() - Date.now()).toBeGreaterThan(23 * 60 * 60_000);
    await sendTestWebhook({ id: endpoint.id }, admin, REQUEST);
    await deliverDueWebhooks({ sandbox: true });
    expect(hook.received[0]?.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect([verifies(rotated.secret, 0), verifies(endpoint.secret, 0)]).toEqual([true, true]);

    const leaked = await rotateWebhookSecret({ id: endpoint.id, overlap: "none" }, admin, REQUEST);
    await sendTestWebhook({ id: endpoint.id }, admin, REQUEST);
    await deliverDueWebhooks({ sandbox: true });
    expect([verifies(leaked.secret, 1), verifies(rotated.secret, 1), verifies(endpoint.secret, 1)]).toEqual([true, false, false]);
    const stored = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored).toMatchObject({ previousSealedSecret: null, previousSecretExpiresAt: null });
    const audit = await db().auditEvent.findMany({ where: { action: "webhook.secret_rotated", targetId: endpoint.id } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))).not.toContain(leaked.secret.slice(6, 20));
  });

  it("never sends one delivery twice when several runs claim at the same moment", async () => {
    const endpoint = await createWebhookEndpoint({ name: "Busy", url: hook.url, eventTypes: ["verification.decided"] }, admin, REQUEST, { sandbox: true });
    for (let index = 0; index < 12; index += 1) await sendTestWebhook({ id: endpoint.id }, admin, REQUEST);
    const runs = await Promise.all([1, 2, 3].map(() => deliverDueWebhooks({ sandbox: true, limit: 5 })));
    const again = await deliverDueWebhooks({ sandbox: true });
    expect(runs.reduce((sum, run) => sum + run.attempted, 0) + again.attempted).toBe(12);
    const ids = hook.received.map((request) => request.headers["webhook-id"]);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(await db().webhookDelivery.count({ where: { endpointId: endpoint.id, status: "SUCCEEDED", attempts: 1 } })).toBe(12);
  });
});
