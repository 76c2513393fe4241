import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type IdentityProvider, type MembersPage, ProviderError } from "@/lib/iam/identity-provider";
import { MAX_CHANGED_USERS } from "@/lib/iam/okta/fetch-okta-delta-page";
import { decodeOktaDeltaLink, encodeOktaCursor } from "@/lib/iam/okta/okta-sync-cursor";
import { type OktaTestTenant, startOktaTestTenant } from "@/lib/iam/okta/testing/okta-provider-test-setup";
import { logActor, userLogEvent } from "@/lib/sandbox/okta/system-log-events";

const USER_COUNT = 1200;
let tenant: OktaTestTenant;

beforeAll(async () => {
  tenant = await startOktaTestTenant({ userCount: USER_COUNT, seed: "okta-adapter-delta" });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.sandbox.reset());

const userId = (index: number) => tenant.sandbox.state.userId(index);

async function admin(path: string, method: string, json?: unknown): Promise<unknown> {
  const response = await fetch(`${tenant.url}/_sandbox${path}`, { method, headers: { "content-type": "application/json" }, body: json === undefined ? undefined : JSON.stringify(json) });
  if (response.status >= 300) throw new Error(`sandbox ${path} answered ${response.status}`);
  return response.status === 204 ? null : response.json();
}

async function fullPass(provider: IdentityProvider): Promise<{ ids: string[]; deltaLink: string | null }> {
  const ids: string[] = [];
  let page: MembersPage = await provider.fetchMembersPage({ mode: "full", cursor: null });
  ids.push(...page.employees.map((employee) => employee.externalId));
  while (page.nextCursor !== null) {
    page = await provider.fetchMembersPage({ mode: "full", cursor: page.nextCursor });
    ids.push(...page.employees.map((employee) => employee.externalId));
  }
  return { ids, deltaLink: page.deltaLink };
}

async function deltaPass(provider: IdentityProvider, deltaLink: string): Promise<{ pages: MembersPage[]; changed: string[]; removed: string[]; deltaLink: string }> {
  const pages: MembersPage[] = [];
  let cursor: string | null = null;
  do {
    const page: MembersPage = await provider.fetchMembersPage({ mode: "delta", cursor, deltaLink });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null);
  const last = pages.at(-1)?.deltaLink;
  if (!last) throw new Error("the delta pass returned no delta link");
  return { pages, changed: pages.flatMap((page) => page.employees.map((employee) => employee.externalId)).sort(), removed: pages.flatMap((page) => page.removedExternalIds).sort(), deltaLink: last };
}

async function initialLink(provider: IdentityProvider): Promise<string> {
  const { deltaLink } = await fullPass(provider);
  if (!deltaLink) throw new Error("the full pass returned no delta link");
  return deltaLink;
}

const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
};

describe("Okta adapter: incremental passes from the System Log", () => {
  it("applies additions, profile and status changes, departures and deletions; keeps non-members out; never twice", async () => {
    const provider = tenant.provider();
    const link = await initialLink(provider);
    const quiet = await deltaPass(provider, link);
    expect(quiet).toMatchObject({ changed: [], removed: [] });
    expect(quiet.pages).toHaveLength(1);

    const active = [...Array(USER_COUNT).keys()].filter((index) => tenant.sandbox.state.record(index)?.status === "ACTIVE");
    const [changed, leaver, deleted, rejoined, suspended] = [active[0], active[1], active[2], active[3], active[4]].map((index) => userId(index ?? 0));
    await admin(`/users/${changed}`, "PATCH", { profile: { city: "Tromsø" } });
    await admin(`/users/${leaver}/membership`, "DELETE");
    await admin(`/users/${deleted}`, "DELETE");
    await admin(`/users/${rejoined}/membership`, "DELETE");
    await admin(`/users/${rejoined}/membership`, "PUT");
    await admin(`/users/${suspended}`, "PATCH", { status: "SUSPENDED" });
    const added = z.object({ id: z.string() }).parse(await admin("/users", "POST", { profile: { firstName: "Zoë", lastName: "Nakamura", login: "zoe.nakamura@example.com" } }));
    const outsider = z.object({ id: z.string() }).parse(await admin("/users", "POST", { inGroup: false, profile: { firstName: "Out", lastName: "Sider", login: "out.sider@example.com" } }));
    await admin(`/users/${outsider.id}`, "PATCH", { profile: { city: "Elsewhere" } });

    const delta = await deltaPass(provider, quiet.deltaLink);
    expect(delta.changed).toEqual([changed, rejoined, suspended, added.id].sort());
    expect(delta.removed).toEqual([leaver, deleted, outsider.id].sort());
    const employees = delta.pages.flatMap((page) => page.employees);
    expect(employees.find((employee) => employee.externalId === changed)).toMatchObject({ city: "Tromsø" });
    expect(employees.find((employee) => employee.externalId === suspended)).toMatchObject({ accountStatus: "SUSPENDED" });
    expect(employees.find((employee) => employee.externalId === added.id)).toMatchObject({ firstName: "Zoë", login: "zoe.nakamura@example.com" });

    // The same events are inside the next run's look-back window: skipped by uuid, nobody re-read.
    const after = await deltaPass(provider, delta.deltaLink);
    expect(after).toMatchObject({ changed: [], removed: [] });
  });

  it("applies a late event (published before the position, logged after it) exactly once", async () => {
    const provider = tenant.provider();
    const first = await deltaPass(provider, await initialLink(provider));
    const position = Date.parse(decodeOktaDeltaLink(first.deltaLink).at);
    await admin("/system-log", "PUT", { lateBySeconds: 120 });
    const late = userId(7);
    await admin(`/users/${late}`, "PATCH", { profile: { city: "Late City" } });
    const logged = z.object({ events: z.array(z.object({ eventType: z.string(), published: z.string() })) }).parse(await admin("/system-log", "GET"));
    const event = logged.events.find((entry) => entry.eventType === "user.account.update_profile");
    expect(Date.parse(event?.published ?? "")).toBeLessThan(position);

    const second = await deltaPass(provider, first.deltaLink);
    expect(second.changed).toEqual([late]);
    expect(second.pages.flatMap((page) => page.employees)[0]).toMatchObject({ city: "Late City" });
    expect((await deltaPass(provider, second.deltaLink)).changed).toEqual([]);
  });

  it("answers delta_expired for a position beyond the log's retention, or when Okta refuses the since", async () => {
    const provider = tenant.provider();
    const old = encodeOktaCursor({ v: 1, at: new Date(Date.now() - 100 * 86_400_000).toISOString(), seen: [] });
    expect((await failure(provider.fetchMembersPage({ mode: "delta", cursor: null, deltaLink: old }))).options).toMatchObject({ retryable: false, problem: "delta_expired" });

    // Okta's own refusal (since over 180 days: 400 E0000053), reached through a log-phase cursor.
    const link = await initialLink(provider);
    const since = new Date(Date.now() - 200 * 86_400_000).toISOString();
    const cursor = encodeOktaCursor({ v: 1, kind: "delta", phase: "log", query: `since=${encodeURIComponent(since)}&sortOrder=ASCENDING&limit=1000`, at: new Date().toISOString(), seen: [], candidates: [], done: 0 });
    const refused = await failure(provider.fetchMembersPage({ mode: "delta", cursor, deltaLink: link }));
    expect(refused.options).toMatchObject({ retryable: false, status: 400, problem: "delta_expired" });
    expect(refused.message).toContain("180 days");
  });

  it("rides out a 429 on the log: the SDK waits for the reset, then the run retries with the reset's wait", { timeout: 30_000 }, async () => {
    const provider = tenant.provider();
    const link = await initialLink(provider);
    await admin(`/users/${userId(3)}`, "PATCH", { profile: { city: "Throttled" } });
    await admin("/system-log", "PUT", { throttleNext: 1 });
    expect((await deltaPass(provider, link)).changed).toEqual([userId(3)]);

    await admin("/system-log", "PUT", { throttleNext: 3 });
    const throttled = await failure(provider.fetchMembersPage({ mode: "delta", cursor: null, deltaLink: link }));
    expect(throttled.options).toMatchObject({ retryable: true, status: 429, retryAfterMs: expect.any(Number) });
    expect((await deltaPass(provider, link)).changed).toEqual([userId(3)]);
  });

  it("without okta.logs.read: full passes store no delta link, and a stored one gives delta_expired", async () => {
    const link = await initialLink(tenant.provider());
    tenant.sandbox.configureApp(tenant.connection.clientId, { scopes: ["okta.groups.read", "okta.users.manage"] });
    const provider = tenant.provider();
    const { ids, deltaLink } = await fullPass(provider);
    expect(ids).toHaveLength(USER_COUNT);
    expect(deltaLink).toBeNull();
    const refused = await failure(provider.fetchMembersPage({ mode: "delta", cursor: null, deltaLink: link }));
    expect(refused.options.problem).toBe("delta_expired");
    expect(refused.message).toContain("okta.logs.read");
  });

  it(`answers delta_expired when more than ${MAX_CHANGED_USERS} users changed: a full pass is cheaper`, async () => {
    const provider = tenant.provider();
    const link = await initialLink(provider);
    const log = tenant.sandbox.state.systemLog;
    for (let index = 0; index <= MAX_CHANGED_USERS; index += 1) {
      const record = tenant.sandbox.state.record(index);
      if (record) log.append(userLogEvent("user.account.update_profile", record, logActor("sandbox", record, "example.com")));
    }
    expect((await failure(deltaPass(provider, link))).options.problem).toBe("delta_expired");
  });

  it("re-reads 45 changed users (several filter calls) with their current data", async () => {
    const provider = tenant.provider();
    const link = await initialLink(provider);
    const active = [...Array(USER_COUNT).keys()].filter((index) => tenant.sandbox.state.record(index)?.status === "ACTIVE" && tenant.sandbox.state.record(index)?.inGroup).slice(0, 45);
    for (const index of active) await admin(`/users/${userId(index)}`, "PATCH", { profile: { city: "Narvik" } });
    const delta = await deltaPass(provider, link);
    expect(delta.changed).toEqual(active.map(userId).sort());
    expect(delta.pages.flatMap((page) => page.employees).every((employee) => employee.city === "Narvik")).toBe(true);
    expect(delta.removed).toEqual([]);
  });
});
