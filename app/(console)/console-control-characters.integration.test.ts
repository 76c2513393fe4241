import { isValidElement, type ReactNode } from "react";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import AuditPage from "@/app/(console)/audit/page";
import DirectoryPage from "@/app/(console)/directory/page";
import { sendVerificationLinkAction } from "@/app/(console)/helpdesk/actions";
import VerificationRequestsPage from "@/app/(console)/helpdesk/requests/page";
import { createConsoleUserAction } from "@/app/(console)/settings/console-users/actions";
import { GET as exportAudit } from "@/app/api/audit/export/route";
import { GET as searchDirectory } from "@/app/api/directory/search/route";
import { protectedAction, protectedRoute } from "@/lib/auth/guards";
import { hashPassword } from "@/lib/auth/password";
import type { ConsoleRole } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { CONTROL_CHARACTER_MESSAGE } from "@/lib/validation/control-characters";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: ConsoleRole; mustChangePassword: boolean; sessionVersion: number; sessionId: string; secondFactor: "verified"; secondFactorAt: Date; hasSecondFactor: boolean } }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentConsoleUser: async () => signedIn.user }));

let world: Awaited<ReturnType<typeof createVerificationWorld>>;

async function signInAs(email: string, role: ConsoleRole) {
  const user = await db().consoleUser.create({ data: { email, name: email, role, passwordHash: await hashPassword("a password 123"), mustChangePassword: false } });
  signedIn.user = { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: false, sessionVersion: 1, sessionId: "00000000-0000-4000-8000-000000000000", secondFactor: "verified", secondFactorAt: new Date(), hasSecondFactor: true };
  return user;
}

/** Every string rendered in an element tree (server pages return their tree without rendering client parts). */
function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(" ");
  if (isValidElement<Record<string, unknown>>(node)) return Object.values(node.props).map((value) => textOf(value as ReactNode)).join(" ");
  return "";
}

const params = (values: Record<string, string>) => ({ searchParams: Promise.resolve(values) });
const routeContext = { params: Promise.resolve({}) };
const NUL = "\u0000";

describe("console boundaries refuse NUL and control characters (issue 12, finding 14)", () => {
  beforeAll(async () => {
    await useFreshDatabase("console_control_characters");
    world = await createVerificationWorld("ctl");
    await world.createEmployee({ firstName: "Henrietta" });
  });
  beforeEach(async () => {
    fakeBrowser.reset();
    await signInAs(`admin-${fakeBrowser.ip}@example.com`, "ADMIN");
  });

  it("directory search API: 400 with the message, nothing searched, counted or audited", async () => {
    for (const q of [`Henri${NUL}`, "Hen\u001bri"]) {
      const response = await searchDirectory(new Request(`http://localhost/api/directory/search?q=${encodeURIComponent(q)}`), routeContext);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: CONTROL_CHARACTER_MESSAGE, code: "invalid_input", field: "q" });
    }
    expect(await db().auditEvent.count({ where: { action: "directory.searched" } })).toBe(0);
    expect(await db().rateLimitBucket.count({ where: { key: { startsWith: "directory:search:" } } })).toBe(0);
  });

  it("audit export: 400 for a NUL in the actor filter, and no export recorded", async () => {
    const response = await exportAudit(new Request(`http://localhost/api/audit/export?actor=${encodeURIComponent(`admin${NUL}`)}`), routeContext);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "invalid_input", field: "actor" });
    expect(await db().auditEvent.count({ where: { action: "audit.exported" } })).toBe(0);
  });

  it("console pages show the message instead of failing, and search with nothing of the refused value", async () => {
    const audit = textOf(await AuditPage(params({ actor: `admin${NUL}` })));
    expect(audit).toContain(CONTROL_CHARACTER_MESSAGE);
    const directory = textOf(await DirectoryPage(params({ q: `Henri${NUL}etta` })));
    expect(directory).toContain(CONTROL_CHARACTER_MESSAGE);
    expect(await db().auditEvent.count({ where: { action: "directory.searched" } })).toBe(0);
    const requests = textOf(await VerificationRequestsPage(params({ employee: `Henri${NUL}` })));
    expect(requests).toContain(CONTROL_CHARACTER_MESSAGE);
  });

  it("a search on the directory page is audited like the helpdesk search", async () => {
    const user = signedIn.user!;
    const directory = textOf(await DirectoryPage(params({ q: "Henrietta" })));
    expect(directory).not.toContain(CONTROL_CHARACTER_MESSAGE);
    expect(await db().auditEvent.findMany({ where: { action: "directory.searched", actorId: user.id } })).toMatchObject([{ details: { source: "directory", resultCount: 1 } }]);
  });

  it("console forms: a NUL in any field is a field error, and nothing is written", async () => {
    const users = await db().consoleUser.count();
    expect(await createConsoleUserAction({ email: "new.agent@example.com", name: `New${NUL}Agent`, role: "HELPDESK" })).toEqual({
      ok: false,
      code: "invalid_input",
      error: CONTROL_CHARACTER_MESSAGE,
      fieldErrors: { name: [CONTROL_CHARACTER_MESSAGE] },
    });
    expect(await db().consoleUser.count()).toBe(users);

    const employee = await world.createEmployee();
    expect(await sendVerificationLinkAction({ employeeId: employee.id, purpose: "HELPDESK_CHECK", channel: "EMAIL", reasonNote: `You called${NUL}` })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { reasonNote: [CONTROL_CHARACTER_MESSAGE] },
    });
    expect(await db().verificationRequest.count({ where: { employeeId: employee.id } })).toBe(0);
    expect(await db().outboxMessage.count()).toBe(0);
  });

  it("maps a database error caused by input to a 4xx in both wrappers, and leaves real faults alone", async () => {
    // Stands in for any handler that passes a value PostgreSQL refuses (here a NUL that reached a raw query).
    const nulQuery = () => db().$queryRaw`SELECT ${`a${NUL}b`}::text AS value`;
    const action = protectedAction("dashboard:view", z.object({}), async () => nulQuery());
    expect(await action({})).toMatchObject({ ok: false, code: "invalid_input", error: "A value contains characters that are not allowed." });
    const route = protectedRoute("dashboard:view", async () => {
      await nulQuery();
      return new Response("unreachable");
    });
    expect((await route(new Request("http://localhost/api/x"), routeContext)).status).toBe(400);
    const fault = protectedAction("dashboard:view", z.object({}), async () => {
      throw new Error("a bug");
    });
    await expect(fault({})).rejects.toThrow("a bug");
  });

  it("a route's JSON body is checked too, and the handler can still read it", async () => {
    const route = protectedRoute("dashboard:view", async (request) => Response.json(await request.json()));
    const post = (body: unknown) => route(new Request("http://localhost/api/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), routeContext);
    const refused = await post({ note: { text: `x${NUL}` } });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ field: "note.text" });
    const fine = await post({ note: "line one\nline two\ttabbed" });
    expect(await fine.json()).toEqual({ note: "line one\nline two\ttabbed" });
  });
});
