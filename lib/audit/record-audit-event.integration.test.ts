import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { changeConsoleUserRole } from "@/lib/console-users/update-console-user";
import { db } from "@/lib/db/prisma";

const request = { ip: "192.0.2.10", userAgent: "vitest" };

async function createUser(role: "ADMIN" | "HELPDESK") {
  return db().consoleUser.create({
    data: { email: `${randomUUID()}@example.com`, name: "Test", role, passwordHash: await hashPassword("x".repeat(12)), mustChangePassword: false },
  });
}

describe("audit events", () => {
  it("rolls back both the change and its audit event when the transaction fails", async () => {
    const user = await createUser("HELPDESK");
    await expect(
      db().$transaction(async (tx) => {
        await tx.consoleUser.update({ where: { id: user.id }, data: { role: "ADMIN" } });
        await recordAuditEvent(tx, {
          actor: { type: "SYSTEM", label: "test" },
          action: "console_user.role_changed",
          target: { type: "console_user", id: user.id },
        });
        throw new Error("provider call failed after the write");
      }),
    ).rejects.toThrow("provider call failed");
    expect((await db().consoleUser.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("HELPDESK");
    expect(await db().auditEvent.count({ where: { targetId: user.id } })).toBe(0);
  });

  it("rolls back the change when the audit write itself fails", async () => {
    const user = await createUser("HELPDESK");
    await expect(
      db().$transaction(async (tx) => {
        await tx.consoleUser.update({ where: { id: user.id }, data: { role: "ADMIN" } });
        // A malformed action violates the table's CHECK constraint: the event cannot be written.
        await tx.auditEvent.create({ data: { actorType: "SYSTEM", action: "Not A Valid Action", targetId: user.id } });
      }),
    ).rejects.toThrow();
    expect((await db().consoleUser.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("HELPDESK");
  });

  it("records the real change and its event together", async () => {
    const admin = await createUser("ADMIN");
    const target = await createUser("HELPDESK");
    await changeConsoleUserRole({ userId: target.id, role: "ADMIN" }, admin, request);
    const events = await db().auditEvent.findMany({ where: { targetId: target.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "console_user.role_changed",
      actorId: admin.id,
      actorLabel: admin.email,
      ip: "192.0.2.10",
      userAgent: "vitest",
      details: { from: "HELPDESK", to: "ADMIN" },
    });
  });

  it("redacts secret-looking detail keys whatever the caller passes", async () => {
    const id = randomUUID();
    await recordAuditEvent(db(), {
      actor: { type: "SYSTEM", label: "test" },
      action: "console_user.password_reset",
      target: { type: "console_user", id },
      details: { password: "hunter2hunter2", clientSecret: "s3cr3t", role: "ADMIN", keyId: "k1", nested: { token: "t0k3n", kid: "k2" } },
    });
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: id } });
    expect(event.details).toEqual({ password: "[redacted]", clientSecret: "[redacted]", role: "ADMIN", keyId: "k1", nested: { token: "[redacted]", kid: "k2" } });
  });
});
