import { beforeAll, describe, expect, it } from "vitest";
import { authenticateConsoleUser } from "@/lib/auth/authenticate-console-user";
import { ensureBootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import { db } from "@/lib/db/prisma";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

describe("bootstrap admin", () => {
  beforeAll(async () => {
    await useFreshDatabase("bootstrap");
  });

  it("is created exactly once, even when several instances start together", async () => {
    const results = await Promise.allSettled([ensureBootstrapAdmin(), ensureBootstrapAdmin(), ensureBootstrapAdmin()]);
    const created = results.filter((result) => result.status === "fulfilled" && result.value.created);
    expect(created).toHaveLength(1);
    expect(await db().consoleUser.count()).toBe(1);
    expect(await ensureBootstrapAdmin()).toEqual({ created: false });
  });

  it("signs in with the printed one-time password, which must then be changed", async () => {
    const admin = await db().consoleUser.findFirstOrThrow();
    expect(admin).toMatchObject({ email: "admin@verifyd.local", role: "ADMIN", mustChangePassword: true });
    expect(await db().auditEvent.count({ where: { action: "console_user.bootstrapped" } })).toBe(1);
  });

  it("accepts its credentials at sign-in", async () => {
    // A second database shows the whole path: create, then authenticate with the returned password.
    await useFreshDatabase("bootstrap_signin");
    const result = await ensureBootstrapAdmin("owner@example.com");
    if (!result.created) throw new Error("expected a bootstrap admin");
    const signIn = await authenticateConsoleUser({ email: result.email, password: result.oneTimePassword }, { ip: "192.0.2.1", userAgent: "" });
    expect(signIn).toMatchObject({ ok: true, user: { role: "ADMIN" } });
  });
});
