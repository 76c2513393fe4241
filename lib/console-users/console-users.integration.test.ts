import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { authenticateConsoleUser } from "@/lib/auth/authenticate-console-user";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createConsoleUser } from "@/lib/console-users/create-console-user";
import { changeConsoleUserRole, resetConsoleUserPassword, setConsoleUserStatus } from "@/lib/console-users/update-console-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

const request = { ip: "192.0.2.20", userAgent: "vitest" };

describe("console user management", () => {
  let admin: { id: string; email: string };

  beforeAll(async () => {
    // Own database: the last-admin rule counts every admin in the table.
    await useFreshDatabase("console_users");
    admin = await db().consoleUser.create({
      data: { email: "admin@example.com", name: "Admin", role: "ADMIN", passwordHash: await hashPassword("admin password 1"), mustChangePassword: false },
    });
  });

  it("creates a user with a one-time password that must be changed, and audits it", async () => {
    const created = await createConsoleUser({ email: "agent@example.com", name: "Agent", role: "HELPDESK" }, admin, request);
    const stored = await db().consoleUser.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ role: "HELPDESK", mustChangePassword: true, createdById: admin.id });
    expect(stored.passwordHash).not.toContain(created.oneTimePassword);
    expect(await verifyPassword(stored.passwordHash, created.oneTimePassword)).toBe(true);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: created.id } });
    expect(event).toMatchObject({ action: "console_user.created", actorId: admin.id });
    expect(JSON.stringify(event.details)).not.toContain(created.oneTimePassword);
  });

  it("refuses a duplicate e-mail with a field error and writes nothing", async () => {
    const before = await db().auditEvent.count();
    const attempt = createConsoleUser({ email: "agent@example.com", name: "Again", role: "ADMIN" }, admin, request);
    await expect(attempt).rejects.toMatchObject({ code: "conflict", fieldErrors: { email: ["Already in use."] } });
    expect(await db().auditEvent.count()).toBe(before);
    expect(await db().consoleUser.count({ where: { email: "agent@example.com" } })).toBe(1);
  });

  it("ends the sessions of a user whose role changes or who is disabled", async () => {
    const user = await createConsoleUser({ email: `${randomUUID()}@example.com`, name: "X", role: "HELPDESK" }, admin, request);
    await changeConsoleUserRole({ userId: user.id, role: "ADMIN" }, admin, request);
    expect((await db().consoleUser.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(2);
    await setConsoleUserStatus({ userId: user.id, status: "DISABLED" }, admin, request);
    const disabled = await db().consoleUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(disabled).toMatchObject({ status: "DISABLED", sessionVersion: 3 });
    expect(await authenticateConsoleUser({ email: user.email, password: user.oneTimePassword }, request)).toMatchObject({ ok: false });
    await setConsoleUserStatus({ userId: user.id, status: "ACTIVE" }, admin, request);
    const actions = await db().auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(actions.map((event) => event.action)).toEqual([
      "console_user.created",
      "console_user.role_changed",
      "console_user.disabled",
      "console_user.enabled",
    ]);
  });

  it("never leaves the installation without an active admin", async () => {
    const others = await db().consoleUser.findMany({ where: { role: "ADMIN", NOT: { id: admin.id } } });
    for (const other of others) await setConsoleUserStatus({ userId: other.id, status: "DISABLED" }, admin, request);
    const second = await createConsoleUser({ email: `${randomUUID()}@example.com`, name: "Second", role: "ADMIN" }, admin, request);
    await setConsoleUserStatus({ userId: second.id, status: "DISABLED" }, admin, request);
    await expect(changeConsoleUserRole({ userId: admin.id, role: "HELPDESK" }, second, request)).rejects.toThrow(AppError);
    await expect(changeConsoleUserRole({ userId: admin.id, role: "HELPDESK" }, second, request)).rejects.toThrow(/active admin/);
    expect((await db().consoleUser.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  it("refuses to let admins disable themselves", async () => {
    await expect(setConsoleUserStatus({ userId: admin.id, status: "DISABLED" }, admin, request)).rejects.toThrow(/your own account/);
  });

  it("resets another user's password to a new one-time password and ends their sessions", async () => {
    const user = await createConsoleUser({ email: `${randomUUID()}@example.com`, name: "Y", role: "HELPDESK" }, admin, request);
    await db().consoleUser.update({ where: { id: user.id }, data: { mustChangePassword: false } });
    const reset = await resetConsoleUserPassword({ userId: user.id }, admin, request);
    const stored = await db().consoleUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored).toMatchObject({ mustChangePassword: true, sessionVersion: 2 });
    expect(await verifyPassword(stored.passwordHash, reset.oneTimePassword)).toBe(true);
    expect(await verifyPassword(stored.passwordHash, user.oneTimePassword)).toBe(false);
  });
});
