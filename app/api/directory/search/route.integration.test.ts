import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import EmployeePage from "@/app/(console)/directory/[employeeId]/page";
import { GET } from "@/app/api/directory/search/route";
import { hashPassword } from "@/lib/auth/password";
import type { ConsoleRole } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { DIRECTORY_SEARCH_LIMIT, hashSearchQuery } from "@/lib/directory/search/audit-directory-search";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: ConsoleRole; mustChangePassword: boolean; sessionVersion: number; sessionId: string; secondFactor: "verified"; secondFactorAt: Date; hasSecondFactor: boolean } }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentConsoleUser: async () => signedIn.user }));

let world: Awaited<ReturnType<typeof createVerificationWorld>>;

async function signInAs(email: string, role: ConsoleRole = "HELPDESK") {
  const user = await db().consoleUser.create({ data: { email, name: email, role, passwordHash: await hashPassword("a password 123"), mustChangePassword: false } });
  signedIn.user = { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: false, sessionVersion: 1, sessionId: "00000000-0000-4000-8000-000000000000", secondFactor: "verified", secondFactorAt: new Date(), hasSecondFactor: true };
  return user;
}

const search = (q: string) => GET(new Request(`http://localhost/api/directory/search?q=${encodeURIComponent(q)}`), { params: Promise.resolve({}) });

describe("directory search: audited with the query hashed, limited per console user (issue 12, finding 15)", () => {
  beforeAll(async () => {
    await useFreshDatabase("directory_search_audit");
    world = await createVerificationWorld("dsa");
    await world.createEmployee({ firstName: "Marguerite", lastName: "Okonkwo" });
    await world.createEmployee({ firstName: "Marguerite", lastName: "Lindqvist" });
  });
  beforeEach(() => fakeBrowser.reset());

  it("records each search with an HMAC of the query and the result count, never the query", async () => {
    const agent = await signInAs("searcher@example.com");
    const response = await search("Marguerite");
    expect(response.status).toBe(200);
    expect((await response.json()).results).toHaveLength(2);
    const [event, ...more] = await db().auditEvent.findMany({ where: { action: "directory.searched", actorId: agent.id } });
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({ actorLabel: agent.email, ip: fakeBrowser.ip, details: { source: "helpdesk", queryHash: hashSearchQuery("Marguerite"), resultCount: 2 } });
    expect(hashSearchQuery("  marguerite ")).toBe(hashSearchQuery("Marguerite"));
    expect(hashSearchQuery("Marguerite")).not.toMatch(/marguerite/i);
    expect(JSON.stringify(event, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))).not.toMatch(/marguerite/i);
  });

  it("lets a parallel burst through only up to the per-user limit, with a clear 429, and audits the refusal once", async () => {
    const agent = await signInAs("burst@example.com");
    const burst = DIRECTORY_SEARCH_LIMIT.limit + 15;
    const responses = await Promise.all(Array.from({ length: burst }, (_, index) => search(`Okonkwo ${index}`)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(DIRECTORY_SEARCH_LIMIT.limit);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    const refused = responses.find((response) => response.status === 429)!;
    expect(await refused.json()).toEqual({ code: "rate_limited", error: expect.stringMatching(/more than 120 times in the last minute/) });
    expect(await db().auditEvent.count({ where: { action: "directory.searched", actorId: agent.id } })).toBe(DIRECTORY_SEARCH_LIMIT.limit);
    expect(await db().auditEvent.count({ where: { action: "directory.search_rate_limited", actorId: agent.id } })).toBe(1);

    // The ceiling is the user's own: a colleague searches on.
    await signInAs("colleague@example.com");
    expect((await search("Lindqvist")).status).toBe(200);
  });

  it("records each employee page shown, with the employee's id", async () => {
    const viewer = await signInAs("viewer@example.com");
    const employee = await world.createEmployee({ firstName: "Ines" });
    await EmployeePage({ params: Promise.resolve({ employeeId: employee.id }) });
    await EmployeePage({ params: Promise.resolve({ employeeId: employee.id }) });
    const views = await db().auditEvent.findMany({ where: { action: "directory.employee_viewed", actorId: viewer.id } });
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({ targetType: "employee", targetId: employee.id, details: { employeeId: employee.id } });
  });
});
