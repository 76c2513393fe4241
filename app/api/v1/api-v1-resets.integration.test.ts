import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as confirmCaller } from "@/app/api/v1/verifications/[verificationId]/caller-confirmation/route";
import { POST as startReset } from "@/app/api/v1/verifications/[verificationId]/resets/route";
import { GET as getVerification } from "@/app/api/v1/verifications/[verificationId]/route";
import { POST as createVerification } from "@/app/api/v1/verifications/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { createSandboxEmployee } from "@/lib/credential-reset/testing/reset-fixtures";
import { db } from "@/lib/db/prisma";
import { createOktaSandboxConnection } from "@/lib/directory/testing/sandbox-connections";
import { type OktaTestTenant, startOktaTestTenant } from "@/lib/iam/okta/testing/okta-provider-test-setup";
import { runJobsUntilIdle } from "@/lib/jobs/embedded-runner";
import { openOutboxBody } from "@/lib/notifications/outbox-body";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { openBindingCode } from "@/lib/verification/requests/caller-binding";
import { decideVerification } from "@/lib/verification/requests/decide-verification";
import { loadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { tokenFrom } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

const REQUEST = { ip: "192.0.2.20", userAgent: "vitest" };
let tenant: OktaTestTenant;
let connectionId: string;
let admin: { id: string; email: string };

const post = (handler: typeof confirmCaller, key: string, verificationId: string, path: string, body: unknown) =>
  handler(new Request(`http://localhost/api/v1/verifications/${verificationId}/${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve({ verificationId }) });
const read = async (key: string, verificationId: string) =>
  (await (await getVerification(new Request(`http://localhost/api/v1/verifications/${verificationId}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ verificationId }) })).json()) as { data: { status: string; callerConfirmedAt: string | null; resets: Array<{ action: string; status: string; reference: string }> } };

/** What the employee does on their phone, compressed: opens the handed-over link, and the engine decides VERIFIED. */
async function employeeVerifies(link: string): Promise<string> {
  const { sessionToken } = await startVerification(tokenFrom(link));
  const session = (await loadVerificationSession(sessionToken))!;
  await db().verificationRequest.update({ where: { id: session.id }, data: { codeVerifiedAt: new Date(), codeChannel: "EMAIL" } });
  await decideVerification({ ...session, codeVerifiedAt: new Date(), codeChannel: "EMAIL", policy: { ...session.policy, requireIdDocument: false } }, { firstName: "Alex", lastName: "Doe" });
  const decided = await db().verificationRequest.findUniqueOrThrow({ where: { id: session.id } });
  const code = openBindingCode(decided);
  if (!code) throw new Error("the employee's screen shows no read-back code");
  return code;
}

describe("/api/v1 agent-assisted reset: the ticketing tool confirms the caller, then resets (Okta sandbox)", () => {
  beforeAll(async () => {
    await useFreshDatabase("api_v1_resets");
    tenant = await startOktaTestTenant({ userCount: 20, seed: "api-v1-resets" });
    connectionId = await createOktaSandboxConnection(tenant);
    const user = await db().consoleUser.create({ data: { email: "api-reset-admin@example.com", name: "Api Admin", role: "ADMIN", passwordHash: "x", mustChangePassword: false } });
    admin = { id: user.id, email: user.email };
  });
  afterAll(async () => {
    await tenant.close();
  });

  it("binds the caller by read-back code, refuses other keys and a reset before the binding, then resets the password at the provider", async () => {
    const userId = tenant.sandbox.state.userId(3);
    const employee = await createSandboxEmployee(connectionId, { id: userId, login: "user3@example.com", firstName: "Alex", lastName: "Doe" });
    const desk = await createApiKey({ name: "ServiceNow", scopes: ["verifications:create", "verifications:read", "resets:start"], lifetime: 90 }, admin, REQUEST);
    const other = await createApiKey({ name: "Other tool", scopes: ["verifications:create", "verifications:read", "resets:start"], lifetime: 90 }, admin, REQUEST);

    const createdResponse = await createVerification(new Request("http://localhost/api/v1/verifications", { method: "POST", headers: { authorization: `Bearer ${desk.key}`, "content-type": "application/json" }, body: JSON.stringify({ employeeId: employee.id, purpose: "PASSWORD_RESET", channel: "LINK", ticket: "INC0099" }) }), { params: Promise.resolve({}) });
    const created = (await createdResponse.json()) as { data: { id: string }; link: string };
    const id = created.data.id;
    const code = await employeeVerifies(created.link);
    expect((await read(desk.key, id)).data).toMatchObject({ status: "VERIFIED", callerConfirmedAt: null, resets: [] });

    const early = await post(startReset, desk.key, id, "resets", { action: "PASSWORD_RESET" });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { detail: string }).detail).toMatch(/Confirm the caller first/);

    const otherKey = await post(confirmCaller, other.key, id, "caller-confirmation", { code });
    expect(otherKey.status).toBe(403);
    expect(((await otherKey.json()) as { detail: string }).detail).toMatch(/Only the API key that started/);

    const wrong = await post(confirmCaller, desk.key, id, "caller-confirmation", { code: "AAA-AAA" });
    expect(await wrong.json()).toEqual({ confirmed: false, attemptsLeft: 2 });
    const right = await post(confirmCaller, desk.key, id, "caller-confirmation", { code: code.toLowerCase().replace("-", "") });
    expect(await right.json()).toEqual({ confirmed: true });
    expect(await db().auditEvent.findFirst({ where: { action: "verification.caller_bound", targetId: id } })).toMatchObject({ actorType: "API_KEY", actorLabel: "ServiceNow" });

    expect((await post(startReset, other.key, id, "resets", { action: "PASSWORD_RESET" })).status).toBe(403);
    const accepted = await post(startReset, desk.key, id, "resets", { action: "PASSWORD_RESET" });
    expect(accepted.status).toBe(202);
    const started = (await accepted.json()) as { data: { id: string; status: string; reference: string } };
    expect(started.data).toMatchObject({ status: "QUEUED", reference: expect.stringMatching(/^[0-9A-F]{8}$/) });
    // Twice is the same reset, not a second one.
    expect(((await (await post(startReset, desk.key, id, "resets", { action: "PASSWORD_RESET" })).json()) as { data: { id: string } }).data.id).toBe(started.data.id);

    await runJobsUntilIdle({ backoff: { baseMs: 20, maxMs: 100 } });
    expect((await read(desk.key, id)).data.resets).toEqual([expect.objectContaining({ action: "PASSWORD_RESET", status: "SUCCEEDED", reference: started.data.reference })]);
    const providerEvents = tenant.sandbox.state.eventsSince(0).filter((event) => event.userId === userId).map((event) => event.type);
    expect(providerEvents.filter((type) => type === "user.lifecycle.expire_password_with_temp_password")).toHaveLength(1);
    const requested = await db().auditEvent.findFirst({ where: { action: "credential_reset.requested", targetId: started.data.id } });
    expect(requested).toMatchObject({ actorType: "API_KEY", actorLabel: "ServiceNow" });
    // The employee's notice names the desk, not "you, through the self-service portal".
    const notice = await db().outboxMessage.findFirstOrThrow({ where: { relatedId: started.data.id, channel: "EMAIL" } });
    const text = openOutboxBody(notice.id, notice.sealedBody ?? "").text;
    expect(text).toContain("the IT service desk");
    expect(text).not.toMatch(/self-service portal/);
  });
});
