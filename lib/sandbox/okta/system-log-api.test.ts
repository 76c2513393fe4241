import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { generateServiceKey, type ServiceKey } from "@/lib/sandbox/okta/okta-test-support";
import { nextLink, type RawOktaApi, rawOktaApi } from "@/lib/sandbox/okta/raw-okta-api";
import { startOktaSandbox } from "@/lib/sandbox/okta/start-okta-sandbox";

let running: Awaited<ReturnType<typeof startOktaSandbox>>;
let key: ServiceKey;
let api: RawOktaApi;

const eventSchema = z.object({
  uuid: z.string().uuid(),
  published: z.string(),
  eventType: z.string(),
  actor: z.object({ id: z.string(), type: z.string() }),
  outcome: z.object({ result: z.string() }),
  target: z.array(z.object({ id: z.string(), type: z.string() })),
});
const eventsSchema = z.array(eventSchema);

async function admin(path: string, method: string, json?: unknown): Promise<void> {
  const response = await fetch(`${running.url}/_sandbox${path}`, { method, headers: { "content-type": "application/json" }, body: json === undefined ? undefined : JSON.stringify(json) });
  if (response.status >= 300) throw new Error(`sandbox ${path} answered ${response.status}`);
}

const since = (msAgo: number) => encodeURIComponent(new Date(Date.now() - msAgo).toISOString());
const userFilter = encodeURIComponent('eventType sw "user." or eventType sw "group."');

beforeAll(async () => {
  running = await startOktaSandbox({ seed: "system-log-tests", userCount: 30 });
  key = await generateServiceKey("log-key");
  running.sandbox.registerPublicKeys(running.connection.clientId, key.publicJwk);
});
afterAll(() => running.close());
beforeEach(async () => {
  running.sandbox.reset();
  api = await rawOktaApi({ sandbox: running.sandbox, key, scopes: ["okta.logs.read"] });
});

describe("Okta sandbox System Log (GET /api/v1/logs over HTTP)", () => {
  it("records administrator changes as Okta LogEvents, with the logs bucket's rate-limit headers and self/next links", async () => {
    const active = [...Array(30).keys()].find((index) => running.sandbox.state.record(index)?.status === "ACTIVE") ?? 0;
    const user = running.sandbox.state.userId(active);
    await admin(`/users/${user}`, "PATCH", { profile: { city: "Tromsø" }, status: "SUSPENDED" });
    await admin(`/users/${user}/membership`, "DELETE");
    const response = await api.call(`/api/v1/logs?since=${since(60_000)}&filter=${userFilter}`);
    expect(response.status).toBe(200);
    const events = eventsSchema.parse(response.body);
    expect(events.map((event) => event.eventType)).toEqual(["user.account.update_profile", "user.lifecycle.suspend", "group.user_membership.remove"]);
    expect(events[2]?.target).toEqual([expect.objectContaining({ id: user, type: "User" }), expect.objectContaining({ id: running.sandbox.connection.groupId, type: "UserGroup" })]);
    expect(events.every((event) => event.outcome.result === "SUCCESS" && event.actor.type === "User")).toBe(true);
    expect(response.headers.get("x-rate-limit-limit")).toBe("120");
    expect(response.headers.get("date")).toBeTruthy();
    expect(response.headers.get("link")).toContain('rel="self"');
    // A polling request (no until) always has a next link, even when nothing new is there.
    const next = nextLink(response.headers);
    expect(next).toContain("after=");
    const empty = await api.call(next ?? "");
    expect(empty.body).toEqual([]);
    expect(nextLink(empty.headers)).toEqual(expect.any(String));
  });

  it("pages by Link with limit; a bounded query (until) ends, a polling one does not", async () => {
    for (let index = 0; index < 5; index += 1) await admin(`/users/${running.sandbox.state.userId(index)}`, "PATCH", { profile: { title: `T${index}` } });
    const until = encodeURIComponent(new Date(Date.now() + 1000).toISOString());
    const seen: string[] = [];
    let url: string | null = `/api/v1/logs?since=${since(60_000)}&until=${until}&limit=2&filter=${userFilter}`;
    let pages = 0;
    while (url) {
      const page = await api.call(url);
      seen.push(...eventsSchema.parse(page.body).map((event) => event.uuid));
      url = nextLink(page.headers);
      pages += 1;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(pages).toBe(3);

    const descending = await api.call(`/api/v1/logs?since=${since(60_000)}&sortOrder=DESCENDING&limit=10&filter=${userFilter}`);
    expect(eventsSchema.parse(descending.body).map((event) => event.uuid)).toEqual([...seen].reverse());
    expect(nextLink(descending.headers)).toBeNull();
  });

  it("answers Okta's validation errors: since beyond 180 days, bad dates, limit over 1000, bad filters", async () => {
    const old = await api.call(`/api/v1/logs?since=${since(181 * 86_400_000)}`);
    expect(old).toMatchObject({ status: 400, body: { errorCode: "E0000053", errorSummary: "Invalid parameter: The since parameter is over 180 days prior to the current day.", errorId: expect.any(String) } });
    // Within 180 days but beyond the 90-day retention: accepted, only retained events come back.
    expect((await api.call(`/api/v1/logs?since=${since(120 * 86_400_000)}`)).status).toBe(200);
    const badDate = await api.call("/api/v1/logs?since=yesterday");
    expect(badDate).toMatchObject({ status: 400, body: { errorCode: "E0000001", errorCauses: [{ errorSummary: expect.stringContaining("since: The date format") }] } });
    expect(await api.call("/api/v1/logs?limit=1001")).toMatchObject({ status: 400, body: { errorCode: "E0000001" } });
    const badFilter = await api.call(`/api/v1/logs?filter=${encodeURIComponent('eventType eqq "x"')}`);
    expect(badFilter).toMatchObject({ status: 400, body: { errorCode: "E0000053", errorSummary: expect.stringContaining("Unrecognized attribute operator 'eqq'") } });
    expect(await api.call(`/api/v1/logs?filter=${encodeURIComponent('published gt "2020-01-01T00:00:00Z"')}`)).toMatchObject({ status: 400, body: { errorSummary: "field is not valid: published" } });
  });

  it("filters by target id, and a late event lands before what a reader already passed", async () => {
    const [early, late] = [running.sandbox.state.userId(1), running.sandbox.state.userId(2)];
    await admin(`/users/${early}`, "PATCH", { profile: { city: "Oslo" } });
    const first = await api.call(`/api/v1/logs?since=${since(60_000)}&filter=${userFilter}`);
    expect(eventsSchema.parse(first.body)).toHaveLength(1);
    await admin("/system-log", "PUT", { lateBySeconds: 30 });
    await admin(`/users/${late}`, "PATCH", { profile: { city: "Bergen" } });
    // Following the next link (after the early event) misses the late one: it was published before it.
    expect((await api.call(nextLink(first.headers) ?? "")).body).toEqual([]);
    const again = await api.call(`/api/v1/logs?since=${since(60_000)}&filter=${encodeURIComponent(`target.id eq "${late}"`)}`);
    expect(eventsSchema.parse(again.body).map((event) => event.eventType)).toEqual(["user.account.update_profile"]);
  });

  it("throttles on demand with 429 E0000047 and the headers the SDK needs to wait", async () => {
    await admin("/system-log", "PUT", { throttleNext: 1 });
    const throttled = await api.call("/api/v1/logs");
    expect(throttled).toMatchObject({ status: 429, body: { errorCode: "E0000047" } });
    expect(throttled.headers.get("x-rate-limit-remaining")).toBe("0");
    expect(Number(throttled.headers.get("x-rate-limit-reset"))).toBeGreaterThan(0);
    expect(throttled.headers.get("date")).toBeTruthy();
    expect((await api.call("/api/v1/logs")).status).toBe(200);
  });

  it("needs okta.logs.read (403 E0000006 otherwise)", async () => {
    const usersOnly = await rawOktaApi({ sandbox: running.sandbox, key, scopes: ["okta.users.read"] });
    expect(await usersOnly.call("/api/v1/logs")).toMatchObject({ status: 403, body: { errorCode: "E0000006" } });
  });
});
