import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as searchEmployees } from "@/app/api/v1/employees/route";
import { GET as getVerification } from "@/app/api/v1/verifications/[verificationId]/route";
import { GET as listVerifications, POST as createVerification } from "@/app/api/v1/verifications/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { ApiKeyScope } from "@/lib/api-keys/api-key-schemas";
import { hashApiKey } from "@/lib/api-keys/api-key-secrets";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { db } from "@/lib/db/prisma";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { listVerificationRequests, verificationRequestFilterSchema } from "@/lib/verification/requests/list-verification-requests";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

const REQUEST = { ip: "192.0.2.10", userAgent: "vitest" };
let world: Awaited<ReturnType<typeof createVerificationWorld>>;
let admin: { id: string; email: string };
let employeeId: string;

async function issueKey(scopes: ApiKeyScope[], options: { rateLimitPerMinute?: number; name?: string } = {}) {
  return createApiKey({ name: options.name ?? `key ${scopes.join(" ")}`, scopes, lifetime: 90, rateLimitPerMinute: options.rateLimitPerMinute ?? 120 }, admin, REQUEST);
}

const noParams = { params: Promise.resolve({}) };
const auth = (key: string | null): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});
const search = (key: string | null, q = "Marguerite") => searchEmployees(new Request(`http://localhost/api/v1/employees?q=${encodeURIComponent(q)}`, { headers: auth(key) }), noParams);
const create = (key: string | null, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  createVerification(new Request("http://localhost/api/v1/verifications", { method: "POST", headers: { ...auth(key), ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) }), noParams);
const read = (key: string, verificationId: string) => getVerification(new Request(`http://localhost/api/v1/verifications/${verificationId}`, { headers: auth(key) }), { params: Promise.resolve({ verificationId }) });

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as { type: string; title: string; status: number; detail: string; errors?: Record<string, string[]> };
}

describe("/api/v1 with API keys (issue 18)", () => {
  beforeAll(async () => {
    await useFreshDatabase("api_v1");
    world = await createVerificationWorld("api");
    const user = await db().consoleUser.create({ data: { email: "api-admin@example.com", name: "Api Admin", role: "ADMIN", passwordHash: "x", mustChangePassword: false } });
    admin = { id: user.id, email: user.email };
    employeeId = (await world.createEmployee({ firstName: "Marguerite", lastName: "Okonkwo", mobilePhone: "+14155550142" })).id;
    await world.createEmployee({ firstName: "Marguerite", lastName: "Lindqvist" });
  });
  beforeEach(() => fakeBrowser.reset());

  it("stores only the key's hash, and finds the directory with a key holding directory:search", async () => {
    const issued = await issueKey(["directory:search"], { name: "ServiceNow" });
    expect(issued.key).toMatch(/^vfd_[A-Za-z0-9_-]{43}$/);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: issued.id } });
    expect(stored.secretHash).toBe(hashApiKey(issued.key));
    expect(JSON.stringify(stored)).not.toContain(issued.key.slice(4));
    expect(stored.prefix).toBe(issued.key.slice(0, 10));

    const response = await search(issued.key);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Array<{ name: string; login: string }> };
    expect(body.data.map((hit) => hit.name).sort()).toEqual(["Marguerite Lindqvist", "Marguerite Okonkwo"]);

    const events = await db().auditEvent.findMany({ where: { actorId: issued.id }, orderBy: { chainSeq: "asc" } });
    expect(events.map((event) => [event.actorType, event.actorLabel, event.action])).toEqual([
      ["API_KEY", "ServiceNow", "directory.searched"],
      ["API_KEY", "ServiceNow", "api.called"],
    ]);
    expect(events[1]?.details).toMatchObject({ operation: "searchEmployees", method: "GET", status: 200 });
    expect(JSON.stringify(await db().auditEvent.findMany(), (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))).not.toContain(issued.key.slice(4));
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: issued.id } })).lastUsedAt).not.toBeNull();
  });

  it("answers a route without path parameters when Next passes no params at all (as it does in production)", async () => {
    const issued = await issueKey(["directory:search"]);
    const noParamsAtAll = { params: Promise.resolve(undefined) };
    const response = await searchEmployees(new Request("http://localhost/api/v1/employees?q=Marguerite", { headers: auth(issued.key) }), noParamsAtAll);
    expect(response.status).toBe(200);
  });

  it("refuses a missing, malformed or unknown key with a 401 problem", async () => {
    for (const key of [null, "not-a-key", `vfd_${"A".repeat(43)}`]) {
      const response = await search(key);
      expect(response.status, String(key)).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="verifyd"');
      expect(await problemOf(response)).toMatchObject({ type: "urn:verifyd:problem:unauthenticated", status: 401, detail: expect.stringContaining("Settings → API keys") });
    }
  });

  it("refuses a key without the operation's scope (403), a revoked one and an expired one (401), and audits each under the key's name", async () => {
    const readOnly = await issueKey(["verifications:read"], { name: "Read only" });
    const refused = await create(readOnly.key, { employeeId, purpose: "PASSWORD_RESET" });
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).detail).toContain("verifications:create");
    expect(await db().verificationRequest.count({ where: { employeeId } })).toBe(0);

    const revoked = await issueKey(["directory:search"], { name: "Revoked" });
    await revokeApiKey({ id: revoked.id }, admin, REQUEST);
    await expect(revokeApiKey({ id: revoked.id }, admin, REQUEST)).rejects.toThrow(/already revoked/);
    const afterRevoke = await search(revoked.key);
    expect(afterRevoke.status).toBe(401);
    expect((await problemOf(afterRevoke)).detail).toMatch(/revoked/);

    const expired = await issueKey(["directory:search"], { name: "Expired" });
    await db().apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const afterExpiry = await search(expired.key);
    expect(afterExpiry.status).toBe(401);
    expect((await problemOf(afterExpiry)).detail).toMatch(/valid until/);

    const reasons = await db().auditEvent.findMany({ where: { action: "api.refused", actorType: "API_KEY" }, select: { actorLabel: true, details: true } });
    expect(reasons).toEqual(expect.arrayContaining([
      { actorLabel: "Read only", details: expect.objectContaining({ reason: "missing_scope", scope: "verifications:create" }) },
      { actorLabel: "Revoked", details: expect.objectContaining({ reason: "revoked" }) },
      { actorLabel: "Expired", details: expect.objectContaining({ reason: "expired" }) },
    ]));
  });

  it("holds the key's per-minute limit under a parallel burst, with Retry-After, and audits the limit once", async () => {
    const limited = await issueKey(["verifications:read"], { rateLimitPerMinute: 5, name: "Limited" });
    const missing = "00000000-0000-4000-8000-000000000001";
    const responses = await Promise.all(Array.from({ length: 12 }, () => read(limited.key, missing)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 404)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    const tooMany = responses.find((response) => response.status === 429)!;
    expect(Number(tooMany.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await problemOf(tooMany)).detail).toContain("5 requests a minute");
    expect(await db().auditEvent.count({ where: { action: "api.refused", actorId: limited.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "api.called", actorId: limited.id } })).toBe(5);
  });

  it("creates a verification with a ticket reference, sends the link, and reads it back by id and by ticket", async () => {
    const desk = await issueKey(["verifications:create", "verifications:read"], { name: "Zendesk" });
    const response = await create(desk.key, { employeeId, purpose: "PASSWORD_RESET", channel: "EMAIL", ticket: "INC0012345" });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { data: { id: string; status: string; ticket: string; claims: unknown[] }; link?: string };
    expect(created.data).toMatchObject({ status: "PENDING", ticket: "INC0012345", claims: [], assuranceLevel: null, employeeId });
    expect(created.link).toBeUndefined();
    expect(response.headers.get("location")).toBe(`/api/v1/verifications/${created.data.id}`);

    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(row).toMatchObject({ initiatorType: "API_CLIENT", initiatedByApiKeyId: desk.id, initiatedById: null, externalTicketRef: "INC0012345", linkChannel: "EMAIL" });
    expect(await db().outboxMessage.count({ where: { relatedId: created.data.id, channel: "EMAIL" } })).toBe(1);
    expect(await db().auditEvent.findFirst({ where: { action: "verification.created", targetId: created.data.id } })).toMatchObject({ actorType: "API_KEY", actorLabel: "Zendesk", details: expect.objectContaining({ ticket: "INC0012345" }) });

    const byId = await read(desk.key, created.data.id);
    expect(byId.status).toBe(200);
    expect(((await byId.json()) as { data: unknown }).data).toEqual(created.data);
    const byTicket = await listVerifications(new Request("http://localhost/api/v1/verifications?ticket=INC0012345", { headers: auth(desk.key) }), noParams);
    expect(((await byTicket.json()) as { data: Array<{ id: string }> }).data.map((item) => item.id)).toEqual([created.data.id]);

    // The team lead's queue finds it by ticket too, and names the key that sent it.
    const queue = await listVerificationRequests(verificationRequestFilterSchema.parse({ ticket: "INC0012345" }));
    expect(queue.requests.map((item) => [item.id, item.initiatedByApiKey?.name, item.externalTicketRef])).toEqual([[created.data.id, "Zendesk", "INC0012345"]]);

    // LINK: nothing is sent; the single-use link comes back this once.
    const handOver = await create(desk.key, { employeeId, purpose: "MFA_RESET", channel: "LINK" });
    const handed = (await handOver.json()) as { data: { id: string }; link: string };
    expect(handed.link).toMatch(/\/verify\/[A-Za-z0-9_-]{43}$/);
    expect(await db().outboxMessage.count({ where: { relatedId: handed.data.id } })).toBe(0);
  });

  it("shows a decision's per-claim outcomes and assurance level, never the values compared", async () => {
    const reader = await issueKey(["verifications:create", "verifications:read"]);
    const created = (await (await create(reader.key, { employeeId, purpose: "HELPDESK_CHECK" })).json()) as { data: { id: string } };
    await db().verificationRequest.update({
      where: { id: created.data.id },
      data: {
        status: "VERIFIED",
        decidedAt: new Date(),
        decision: {
          outcome: "VERIFIED",
          reasons: [],
          checks: [],
          document: null,
          claims: [{ claim: "lastName", outcome: "MATCHED", score: 1, reason: "Exact", requirement: "REQUIRED", source: "ID_DOCUMENT", decisive: true, directoryValue: "Okonkwo", evidenceValue: "OKONKWO" }],
          assurance: { level: "SUBSTANTIAL", label: "Substantial", reasons: [], evidence: [], purpose: "HELPDESK_CHECK", required: "LOW", requiredLabel: "Low", meetsPolicy: true },
        },
      },
    });
    const response = await read(reader.key, created.data.id);
    const text = await response.text();
    expect(JSON.parse(text).data).toMatchObject({ status: "VERIFIED", assuranceLevel: "SUBSTANTIAL", meetsPolicy: true, claims: [{ claim: "lastName", outcome: "MATCHED", requirement: "REQUIRED" }] });
    expect(text).not.toMatch(/okonkwo/i);
  });

  it("answers bad input with a 400 problem naming the field, and changes nothing", async () => {
    const desk = await issueKey(["verifications:create"]);
    const before = await db().verificationRequest.count();
    const cases: Array<[unknown, Record<string, string> | undefined, RegExp]> = [
      [{ employeeId: "nope", purpose: "PASSWORD_RESET" }, undefined, /body\.employeeId/],
      [{ employeeId, purpose: "PASSWORD_RESET", channel: "FAX" }, undefined, /body\.channel/],
      [{ employeeId, purpose: "PASSWORD_RESET", ticket: "INC 1; DROP" }, undefined, /body\.ticket/],
      [{ employeeId, purpose: "PASSWORD_RESET", extra: true }, undefined, /body/],
      [{ employeeId, purpose: "PASSWORD_RESET", reasonNote: "a\u0000b" }, undefined, /body\.reasonNote/],
    ];
    for (const [body, headers, field] of cases) {
      const response = await create(desk.key, body, headers);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys((await problemOf(response)).errors ?? {}).join(" ")).toMatch(field);
    }
    const notJson = await create(desk.key, "{", { "content-type": "application/json" });
    expect((await problemOf(notJson)).detail).toMatch(/not valid JSON/);
    const wrongType = await create(desk.key, "employeeId=x", { "content-type": "application/x-www-form-urlencoded" });
    expect((await problemOf(wrongType)).detail).toMatch(/Content-Type: application\/json/);
    const huge = await create(desk.key, { employeeId, purpose: "PASSWORD_RESET", reasonNote: "x".repeat(20_000) });
    expect(huge.status).toBe(413);
    const unknownEmployee = await create(desk.key, { employeeId: "00000000-0000-4000-8000-000000000002", purpose: "PASSWORD_RESET" });
    expect(unknownEmployee.status).toBe(404);
    expect(await db().verificationRequest.count()).toBe(before);
  });
});
