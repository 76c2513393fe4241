import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { deliverOutboxMessage } from "@/lib/notifications/deliver-outbox-message";
import { listOutboxMessages } from "@/lib/notifications/list-outbox-messages";
import { queueEmail } from "@/lib/notifications/queue-email";
import { queueSms } from "@/lib/notifications/queue-sms";
import { readOutboxMessage } from "@/lib/notifications/read-outbox-message";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

const email = { to: "ana@example.com", subject: "Hello", text: "Open https://verify.example.com/v/1", html: "<p>Open it</p>" };
const admin = { type: "CONSOLE_USER" as const, id: randomUUID(), label: "admin@example.com" };

beforeAll(async () => {
  // The list tests count every row of the table.
  await useFreshDatabase("outbox");
});

describe("the outbox", () => {
  it("keeps no message when the caller's transaction rolls back", async () => {
    const related = { type: "verification_request", id: randomUUID() };
    await expect(
      db().$transaction(async (tx) => {
        await queueEmail(tx, { ...email, related });
        throw new Error("the caller's own write failed");
      }),
    ).rejects.toThrow("the caller's own write failed");
    expect(await db().outboxMessage.count({ where: { relatedId: related.id } })).toBe(0);
  });

  it("keeps the message STORED with a sealed, readable body when no transport is configured", async () => {
    const id = await db().$transaction((tx) => queueEmail(tx, { ...email, related: { type: "verification_request", id: "r1" } }));
    expect(await deliverOutboxMessage(id, {})).toBe("STORED");

    const row = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ channel: "EMAIL", recipient: "ana@example.com", subject: "Hello", status: "STORED", sentAt: null });
    expect(row.sealedBody).toMatch(/^v1\./);
    expect(row.sealedBody).not.toContain("verify.example.com");

    const read = await readOutboxMessage(admin, id, { ip: "192.0.2.1", userAgent: "vitest" });
    expect(read.body).toEqual({ text: email.text, html: email.html });
    expect(read).not.toHaveProperty("sealedBody");
    const events = await db().auditEvent.findMany({ where: { action: "outbox.message_viewed", targetId: id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.id, targetType: "outbox_message", ip: "192.0.2.1", details: { channel: "EMAIL", bodyShown: true } });
  });

  it("refuses a body moved onto another message (sealed under its own id)", async () => {
    const [first, second] = await db().$transaction(async (tx) => [await queueSms(tx, { to: "+14155550123", text: "one" }), await queueSms(tx, { to: "+14155550123", text: "two" })]);
    const { sealedBody } = await db().outboxMessage.findUniqueOrThrow({ where: { id: first } });
    await db().outboxMessage.update({ where: { id: second }, data: { sealedBody } });
    await expect(readOutboxMessage(admin, second)).rejects.toThrow(/Cannot decrypt/);
    expect(await db().auditEvent.count({ where: { action: "outbox.message_viewed", targetId: second } })).toBe(0);
  });

  it("validates what is queued", async () => {
    await db().$transaction(async (tx) => {
      await expect(queueEmail(tx, { ...email, to: "not an address" })).rejects.toThrow();
      await expect(queueEmail(tx, { ...email, subject: "Hi\r\nBcc: everyone@example.com" })).rejects.toThrow();
      await expect(queueEmail(tx, { ...email, text: "" })).rejects.toThrow();
      await expect(queueSms(tx, { to: "0415 555 0123", text: "hi" })).rejects.toThrow();
      await expect(queueSms(tx, { to: "+14155550123", text: "   " })).rejects.toThrow();
    });
  });

  it("answers not found for an unknown or malformed id, without an audit event", async () => {
    await expect(readOutboxMessage(admin, randomUUID())).rejects.toMatchObject({ code: "not_found" });
    await expect(readOutboxMessage(admin, "../etc")).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists envelopes newest first, by channel, a page at a time", async () => {
    await db().outboxMessage.deleteMany();
    const ids = await db().$transaction(async (tx) => {
      const created: string[] = [];
      for (let index = 0; index < 5; index += 1) created.push(await queueEmail(tx, { ...email, subject: `Mail ${index}` }));
      for (let index = 0; index < 2; index += 1) created.push(await queueSms(tx, { to: "+447700900123", text: `Text ${index}` }));
      return created;
    });
    // Messages queued together can share a creation time: the cursor must still neither skip nor repeat one.
    await db().outboxMessage.updateMany({ where: { id: { in: ids.slice(1, 5) } }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOutboxMessages({ cursor, limit: 3 });
      expect(page.messages.length).toBeLessThanOrEqual(3);
      for (const message of page.messages) expect(message).not.toHaveProperty("sealedBody");
      seen.push(...page.messages.map((message) => message.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());

    const texts = await listOutboxMessages({ channel: "SMS", limit: 50 });
    expect(texts.messages.map((message) => message.channel)).toEqual(["SMS", "SMS"]);
    expect(texts.nextCursor).toBeUndefined();
    expect((await listOutboxMessages({ cursor: "garbage", limit: 50 })).messages).toHaveLength(7);
  });
});
