import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { generateServiceKey } from "@/lib/sandbox/okta/okta-test-support";
import { nextLink, type RawOktaApi, rawOktaApi } from "@/lib/sandbox/okta/raw-okta-api";
import { startOktaSandbox } from "@/lib/sandbox/okta/start-okta-sandbox";

const USER_COUNT = 450;
let running: Awaited<ReturnType<typeof startOktaSandbox>>;
let api: RawOktaApi;

const errorShape = { errorCode: expect.any(String), errorSummary: expect.any(String), errorLink: expect.any(String), errorId: expect.stringMatching(/^oae/), errorCauses: expect.any(Array) };
const usersSchema = z.array(z.object({ id: z.string(), status: z.string(), profile: z.object({ login: z.string(), firstName: z.string().nullable(), lastName: z.string().nullable() }) }));

beforeAll(async () => {
  running = await startOktaSandbox({ seed: "api-fidelity-tests", userCount: USER_COUNT });
  const key = await generateServiceKey("fidelity-key");
  running.sandbox.registerPublicKeys(running.connection.clientId, key.publicJwk);
  api = await rawOktaApi({ sandbox: running.sandbox, key, scopes: ["okta.users.manage", "okta.groups.read", "okta.logs.read"] });
});
afterAll(() => running.close());

describe("Okta sandbox: unknown routes and methods", () => {
  it("answers an unknown path with 404 E0000007 in Okta's error shape", async () => {
    const response = await api.call("/api/v1/userz/abc");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ ...errorShape, errorCode: "E0000007", errorLink: "E0000007", errorSummary: "Not found: Resource not found: /api/v1/userz/abc (GET)", errorCauses: [] });
  });

  it("answers a known path with a method it does not take with 405 E0000022 and Allow", async () => {
    const userUrl = `/api/v1/users/${running.sandbox.state.userId(1)}`;
    const response = await api.call(userUrl, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.body).toEqual({ ...errorShape, errorCode: "E0000022", errorLink: "E0000022", errorSummary: "The endpoint does not support the provided HTTP method", errorCauses: [] });
    expect(response.headers.get("allow")).toBe("GET");
    expect((await api.call(`${userUrl}/lifecycle/unlock`)).status).toBe(405);
    expect((await api.call("/api/v1/logs", { method: "POST" })).body).toMatchObject({ errorCode: "E0000022" });
  });
});

describe("Okta sandbox: the users collection (GET /api/v1/users)", () => {
  it("pages every user but the DEPROVISIONED ones, 200 at most per page, by after links", async () => {
    const ids: string[] = [];
    let url: string | null = "/api/v1/users?limit=500";
    let pages = 0;
    while (url) {
      const page = await api.call(url);
      expect(page.status).toBe(200);
      const users = usersSchema.parse(page.body);
      expect(users.length).toBeLessThanOrEqual(200);
      ids.push(...users.map((user) => user.id));
      url = nextLink(page.headers);
      pages += 1;
    }
    const expected = [...Array(USER_COUNT).keys()].flatMap((index) => {
      const record = running.sandbox.state.record(index);
      return record && record.status !== "DEPROVISIONED" ? [record.id] : [];
    });
    expect(expected.length).toBeLessThan(USER_COUNT);
    expect(ids).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 200));
  });

  it("finds users with search (any profile attribute, case-insensitive) and filter (eq on a few properties)", async () => {
    const record = running.sandbox.state.record(17);
    if (!record) throw new Error("seeded user 17 missing");
    const search = await api.call(`/api/v1/users?search=${encodeURIComponent(`profile.login eq "${record.profile.login.toUpperCase()}"`)}`);
    expect(usersSchema.parse(search.body).map((user) => user.id)).toEqual([record.id]);
    const byStatus = usersSchema.parse((await api.call(`/api/v1/users?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}&limit=200`)).body);
    expect(byStatus.length).toBeGreaterThan(0);
    expect(byStatus.every((user) => user.status === "DEPROVISIONED")).toBe(true);
    const byId = await api.call(`/api/v1/users?filter=${encodeURIComponent(`id eq "${record.id}" or id eq "${running.sandbox.state.userId(18)}"`)}`);
    expect(usersSchema.parse(byId.body)).toHaveLength(2);
    // Ids in any order come back in the collection's order, DEPROVISIONED ones too, paged by after links.
    const deprovisioned = byStatus[0]?.id ?? "";
    const wanted = [running.sandbox.state.userId(40), deprovisioned, running.sandbox.state.userId(5)];
    const expression = encodeURIComponent(wanted.map((id) => `id eq "${id}"`).join(" or "));
    const first = await api.call(`/api/v1/users?filter=${expression}&limit=2`);
    const firstIds = usersSchema.parse(first.body).map((user) => user.id);
    const next = nextLink(first.headers);
    if (!next) throw new Error("expected a next link");
    const rest = usersSchema.parse((await api.call(next)).body).map((user) => user.id);
    const order = (id: string) => running.sandbox.state.decodeUserIndex(id) ?? -1;
    expect([...firstIds, ...rest]).toEqual([...wanted].sort((a, b) => order(a) - order(b)));
    expect(await api.call(`/api/v1/users?filter=${encodeURIComponent('profile.city eq "Oslo"')}`)).toMatchObject({ status: 400, body: { errorCode: "E0000031" } });
    expect(await api.call(`/api/v1/users?search=${encodeURIComponent("profile.city eq")}`)).toMatchObject({ status: 400, body: { errorCode: "E0000031" } });
  });

  it("matches q against the start of first name, last name or email, 10 by default and without paging", async () => {
    const record = running.sandbox.state.record(5);
    const firstName = record?.profile.firstName;
    if (!firstName) throw new Error("seeded user 5 has no first name");
    const found = await api.call(`/api/v1/users?q=${encodeURIComponent(firstName.slice(0, 2).toLowerCase())}`);
    const users = usersSchema.parse(found.body);
    expect(users.length).toBeGreaterThan(0);
    expect(users.length).toBeLessThanOrEqual(10);
    expect(nextLink(found.headers)).toBeNull();
  });

  it("lists a user's groups: Everyone, plus the employee group while a member", async () => {
    const user = running.sandbox.state.userId(9);
    const groups = z.array(z.object({ id: z.string(), type: z.string() }));
    expect(groups.parse((await api.call(`/api/v1/users/${user}/groups`)).body).map((group) => group.type)).toEqual(["BUILT_IN", "OKTA_GROUP"]);
    await fetch(`${running.url}/_sandbox/users/${user}/membership`, { method: "DELETE" });
    expect(groups.parse((await api.call(`/api/v1/users/${user}/groups`)).body).map((group) => group.type)).toEqual(["BUILT_IN"]);
    await fetch(`${running.url}/_sandbox/users/${user}`, { method: "DELETE" });
    expect(await api.call(`/api/v1/users/${user}/groups`)).toMatchObject({ status: 404, body: { errorCode: "E0000007" } });
    expect((await api.call(`/api/v1/users/${user}`)).status).toBe(404);
    running.sandbox.reset();
  });
});
