import { InngestTestEngine } from "@inngest/test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvCache } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { outboxDelivery } from "@/lib/jobs/functions/outbox-delivery";
import { deliverDueOutboxMessages } from "@/lib/notifications/deliver-due-outbox-messages";
import { deliverOutboxMessage } from "@/lib/notifications/deliver-outbox-message";
import { describeOutboxDelivery } from "@/lib/notifications/describe-outbox-delivery";
import { listOutboxMessages } from "@/lib/notifications/list-outbox-messages";
import { OUTBOX_RETRY } from "@/lib/notifications/outbox-retry-policy";
import type { EmailSender, OutboxTransports } from "@/lib/notifications/outbox-transports";
import { queueEmail } from "@/lib/notifications/queue-email";
import { startFakeSmtpServer } from "@/lib/notifications/testing/fake-smtp-server";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

/** An SMTP server that is down: what nodemailer throws when it cannot connect. */
const downSmtp: OutboxTransports = {
  email: {
    async send() {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:2525"), { code: "ECONNECTION" });
    },
  },
};

/** A working transport that records what it sent (and takes a moment, as a real one does). */
function workingSmtp(delayMs = 0): { transports: OutboxTransports; sent: string[] } {
  const sent: string[] = [];
  const email: EmailSender = {
    async send(message) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      sent.push(message.to);
    },
  };
  return { transports: { email }, sent };
}

const minutesLater = (minutes: number, from = new Date()) => new Date(from.getTime() + minutes * 60_000);

function queueNotice(to = "ana@example.com"): Promise<string> {
  return db().$transaction((tx) => queueEmail(tx, { to, subject: "Your password was reset", text: "Not you? Call the service desk.", html: "<p>Not you?</p>" }));
}

describe("outbox retries", () => {
  beforeAll(async () => {
    await useFreshDatabase("outbox_retry");
  });
  afterEach(async () => {
    await db().outboxMessage.deleteMany({});
    delete process.env.SMTP_URL;
    resetServerEnvCache();
  });

  it("a failed delivery is retried after its backoff, through the transport that works now", async () => {
    const id = await queueNotice();
    const before = Date.now();
    expect(await deliverOutboxMessage(id, downSmtp)).toBe("FAILED");
    const failed = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1, error: "SMTP connection failed" });
    expect(failed.sealedBody).not.toBeNull();
    const wait = (failed.nextAttemptAt?.getTime() ?? 0) - before;
    expect(wait).toBeGreaterThanOrEqual(OUTBOX_RETRY.baseDelayMs);
    expect(wait).toBeLessThanOrEqual(OUTBOX_RETRY.baseDelayMs * 1.25 + 5_000);
    expect(describeOutboxDelivery(failed)).toMatch(/^Retrying after \d\d:\d\d UTC \(1 attempt of 8 so far\)\.$/);

    // Not before its time: neither the sweep nor another delivery call sends it yet.
    const smtp = workingSmtp();
    expect(await deliverDueOutboxMessages({ transports: smtp.transports })).toEqual({ attempted: 0, sent: 0, failed: 0 });
    expect(await deliverOutboxMessage(id, smtp.transports)).toBe("FAILED");
    expect(smtp.sent).toEqual([]);

    expect(await deliverDueOutboxMessages({ transports: smtp.transports, now: minutesLater(2) })).toEqual({ attempted: 1, sent: 1, failed: 0 });
    expect(smtp.sent).toEqual(["ana@example.com"]);
    expect(await db().outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT", attempts: 2, sealedBody: null, error: null, nextAttemptAt: null });
    expect(await deliverDueOutboxMessages({ transports: smtp.transports, now: minutesLater(300) })).toMatchObject({ attempted: 0 });
  });

  it("waits longer after each failure, and after the last attempt it is FAILED for good, as the outbox page shows", async () => {
    const id = await queueNotice();
    let now = new Date();
    expect(await deliverOutboxMessage(id, downSmtp)).toBe("FAILED");
    const waits: number[] = [];
    for (let attempt = 2; attempt <= OUTBOX_RETRY.maxAttempts; attempt += 1) {
      const { nextAttemptAt } = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
      if (!nextAttemptAt) throw new Error(`no retry planned before attempt ${attempt}`);
      waits.push(nextAttemptAt.getTime() - now.getTime());
      now = new Date(nextAttemptAt.getTime() + 1000);
      expect(await deliverDueOutboxMessages({ transports: downSmtp, now })).toEqual({ attempted: 1, sent: 0, failed: 1 });
    }
    // 1, 2, 4, 8, 16, 32, 60 minutes (plus up to a quarter of jitter).
    waits.forEach((wait, index) => {
      const base = Math.min(OUTBOX_RETRY.maxDelayMs, OUTBOX_RETRY.baseDelayMs * 2 ** index);
      expect(wait).toBeGreaterThanOrEqual(base - 1000);
      expect(wait).toBeLessThanOrEqual(base * 1.25 + 1000);
    });
    const gaveUp = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(gaveUp).toMatchObject({ status: "FAILED", attempts: OUTBOX_RETRY.maxAttempts, nextAttemptAt: null, error: "SMTP connection failed" });

    const smtp = workingSmtp();
    expect(await deliverDueOutboxMessages({ transports: smtp.transports, now: minutesLater(90, now) })).toMatchObject({ attempted: 0 });
    expect(await deliverOutboxMessage(id, smtp.transports)).toBe("FAILED");
    expect(smtp.sent).toEqual([]);
    const [listed] = (await listOutboxMessages({})).messages;
    expect(listed).toMatchObject({ id, status: "FAILED", attempts: 8, nextAttemptAt: null });
    expect(listed && describeOutboxDelivery(listed)).toBe("Not delivered after 8 attempts; no more retries.");
  });

  it("instances sweeping at the same moment send every message once", async () => {
    // Committed, but the process died before delivering them.
    const recipients = Array.from({ length: 20 }, (_, index) => `person${index}@example.com`);
    for (const to of recipients) await queueNotice(to);
    const smtp = workingSmtp(15);
    const sweeps = await Promise.all([1, 2, 3].map(() => deliverDueOutboxMessages({ transports: smtp.transports, limit: 8 })));
    const again = await deliverDueOutboxMessages({ transports: smtp.transports, limit: 50 });
    expect(sweeps.reduce((total, sweep) => total + sweep.sent, 0) + again.sent).toBe(20);
    expect(smtp.sent.sort()).toEqual([...recipients].sort());
    expect(await db().outboxMessage.count({ where: { status: "SENT", attempts: 1 } })).toBe(20);
  });

  it("the delivery right after the commit and the sweep never both send", async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, (_, index) => queueNotice(`race${index}@example.com`)));
    const smtp = workingSmtp(5);
    await Promise.all([...ids.map((id) => deliverOutboxMessage(id, smtp.transports)), deliverDueOutboxMessages({ transports: smtp.transports }), deliverDueOutboxMessages({ transports: smtp.transports })]);
    expect(smtp.sent).toHaveLength(10);
    expect(new Set(smtp.sent).size).toBe(10);
  });

  it("an attempt that crashed mid-send is retried once its lease has passed", async () => {
    const id = await queueNotice();
    // A claim whose process died before recording anything: counted, leased, still STORED.
    await db().outboxMessage.update({ where: { id }, data: { attempts: 1, nextAttemptAt: new Date(Date.now() + OUTBOX_RETRY.leaseMs) } });
    const smtp = workingSmtp();
    expect(await deliverDueOutboxMessages({ transports: smtp.transports })).toMatchObject({ attempted: 0 });
    expect(await deliverDueOutboxMessages({ transports: smtp.transports, now: minutesLater(6) })).toMatchObject({ attempted: 1, sent: 1 });
    expect(await db().outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("leaves messages alone where the outbox is the delivery, and does not send day-old ones late", async () => {
    const kept = await queueNotice();
    expect(await deliverDueOutboxMessages({ transports: {} })).toEqual({ attempted: 0, sent: 0, failed: 0 });
    expect(await db().outboxMessage.findUniqueOrThrow({ where: { id: kept } })).toMatchObject({ status: "STORED", attempts: 0, nextAttemptAt: null });
    const smtp = workingSmtp();
    expect(await deliverDueOutboxMessages({ transports: smtp.transports, now: minutesLater(25 * 60) })).toMatchObject({ attempted: 0 });
    expect(smtp.sent).toEqual([]);
  });

  it("the scheduled job delivers what is due through the configured SMTP server", async () => {
    const id = await queueNotice();
    const smtp = await startFakeSmtpServer();
    try {
      process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
      resetServerEnvCache();
      const { result } = await new InngestTestEngine({ function: outboxDelivery.inngestFunction }).execute();
      expect(result).toEqual({ attempted: 1, sent: 1, failed: 0 });
      expect(smtp.messages[0]).toContain("Subject: Your password was reset");
      expect(await db().outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT" });
    } finally {
      await smtp.close();
    }
  });
});
