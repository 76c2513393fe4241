import { createServer, type IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { resetServerEnvCache } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { deliverOutboxMessage } from "@/lib/notifications/deliver-outbox-message";
import { queueEmail } from "@/lib/notifications/queue-email";
import { queueSms } from "@/lib/notifications/queue-sms";
import { startFakeSmtpServer } from "@/lib/notifications/testing/fake-smtp-server";

const TRANSPORT_VARIABLES = ["SMTP_URL", "MAIL_FROM", "SMS_WEBHOOK_URL", "SMS_WEBHOOK_TOKEN"] as const;

function configure(values: Partial<Record<(typeof TRANSPORT_VARIABLES)[number], string>>): void {
  for (const name of TRANSPORT_VARIABLES) delete process.env[name];
  Object.assign(process.env, values);
  resetServerEnvCache();
}

afterEach(() => configure({}));

function queueTestEmail(subject: string): Promise<string> {
  return db().$transaction((tx) =>
    queueEmail(tx, { to: "ana@example.com", subject, text: "Your link: https://verify.example.com/v/abc", html: "<p>Your link</p>" }),
  );
}

async function startWebhook(status: number) {
  const received: Array<{ authorization?: string; contentType?: string; body: unknown }> = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let body = "";
    for await (const chunk of request) body += String(chunk);
    received.push({ authorization: request.headers.authorization, contentType: request.headers["content-type"], body: JSON.parse(body) });
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ echo: "+14155550123" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("The webhook has no TCP port");
  const { port } = address;
  return { url: `http://127.0.0.1:${port}/sms`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("delivering outbox messages", () => {
  it("sends e-mail over SMTP, then marks it SENT and drops the body", async () => {
    const smtp = await startFakeSmtpServer();
    try {
      configure({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "verifyd <no-reply@verify.example.com>" });
      const subject = `Confirm your identity ${Date.now()}`;
      const id = await queueTestEmail(subject);
      expect(await deliverOutboxMessage(id)).toBe("SENT");

      expect(smtp.messages).toHaveLength(1);
      const data = smtp.messages[0] ?? "";
      expect(data).toContain(`Subject: ${subject}`);
      expect(data).toContain("From: verifyd <no-reply@verify.example.com>");
      expect(data).toContain("To: ana@example.com");
      expect(data).toContain("https://verify.example.com/v/abc");
      const row = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "SENT", sealedBody: null, error: null });
      expect(row.sentAt).toBeInstanceOf(Date);
      // Delivering again is a no-op, not a second e-mail.
      expect(await deliverOutboxMessage(id)).toBe("SENT");
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it("marks a refused e-mail FAILED with a short reason, keeps the body, and the retry, once due, sends it", async () => {
    const refusing = await startFakeSmtpServer({ refuseRecipients: true });
    const id = await queueTestEmail("Refused");
    try {
      configure({ SMTP_URL: `smtp://127.0.0.1:${refusing.port}` });
      expect(await deliverOutboxMessage(id)).toBe("FAILED");
    } finally {
      await refusing.close();
    }
    const failed = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toBe("SMTP server refused the sender or recipient (550)");
    expect(failed.sealedBody).toMatch(/^v1\./);
    expect(failed.attempts).toBe(1);
    expect(failed.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now());

    const smtp = await startFakeSmtpServer();
    try {
      configure({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
      // Not due yet: the retry waits for its backoff (outbox-retry.integration.test.ts covers the schedule).
      expect(await deliverOutboxMessage(id)).toBe("FAILED");
      expect(smtp.messages).toHaveLength(0);
      await db().outboxMessage.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
      expect(await deliverOutboxMessage(id)).toBe("SENT");
      expect(smtp.messages[0]).toContain("Subject: Refused");
    } finally {
      await smtp.close();
    }
  });

  it("reports an unreachable SMTP server without quoting its URL or credentials", async () => {
    const closed = await startFakeSmtpServer();
    await closed.close();
    configure({ SMTP_URL: `smtp://mailer:hunter2-secret@127.0.0.1:${closed.port}` });
    const id = await queueTestEmail("Unreachable");
    expect(await deliverOutboxMessage(id)).toBe("FAILED");
    const row = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.error).toMatch(/^SMTP connection failed/);
    expect(row.error).not.toContain("hunter2");
  });

  it("sends text messages to the webhook as JSON with the bearer token", async () => {
    const webhook = await startWebhook(202);
    try {
      configure({ SMS_WEBHOOK_URL: webhook.url, SMS_WEBHOOK_TOKEN: "webhook-token-0123456789" });
      const id = await db().$transaction((tx) => queueSms(tx, { to: "+14155550123", text: "123456 is your verifyd code." }));
      expect(await deliverOutboxMessage(id)).toBe("SENT");
      expect(webhook.received).toEqual([
        {
          authorization: "Bearer webhook-token-0123456789",
          contentType: "application/json",
          body: { to: "+14155550123", text: "123456 is your verifyd code." },
        },
      ]);
      expect(await db().outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT", sealedBody: null });
    } finally {
      await webhook.close();
    }
  });

  it("marks a text message FAILED when the webhook answers an error, without storing its answer", async () => {
    const webhook = await startWebhook(500);
    try {
      configure({ SMS_WEBHOOK_URL: webhook.url });
      const id = await db().$transaction((tx) => queueSms(tx, { to: "+14155550123", text: "code" }));
      expect(await deliverOutboxMessage(id)).toBe("FAILED");
      expect(webhook.received[0]?.authorization).toBeUndefined();
      const row = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "FAILED", error: "SMS webhook answered HTTP 500" });
      expect(row.sealedBody).not.toBeNull();
    } finally {
      await webhook.close();
    }
  });

  it("leaves a text message STORED when only e-mail has a transport", async () => {
    const smtp = await startFakeSmtpServer();
    try {
      configure({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
      const id = await db().$transaction((tx) => queueSms(tx, { to: "+14155550123", text: "code" }));
      expect(await deliverOutboxMessage(id)).toBe("STORED");
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });
});
