import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DirectoryEmployee, MembersPage } from "@/lib/iam/identity-provider";
import { type OktaTestTenant, startOktaTestTenant } from "@/lib/iam/okta/testing/okta-provider-test-setup";

const USER_COUNT = 2100;
let tenant: OktaTestTenant;

beforeAll(async () => {
  tenant = await startOktaTestTenant({ userCount: USER_COUNT, seed: "okta-adapter-paging" });
});
afterAll(() => tenant.close());

const userSchemaView = async (id: string): Promise<unknown> => (await fetch(`${tenant.url}/_sandbox/users/${id}`)).json();

describe("Okta adapter: full pass", () => {
  it("sees every member exactly once, normalised, across 1000-member pages; the last page carries the delta link", async () => {
    const provider = tenant.provider();
    expect(provider.capabilities.delta).toBe(true);
    const seen = new Map<string, DirectoryEmployee>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: MembersPage = await provider.fetchMembersPage({ mode: "full", cursor });
      pages += 1;
      if (page.nextCursor === null) expect(page.deltaLink).toEqual(expect.any(String));
      else expect(page.deltaLink).toBeNull();
      expect(page.removedExternalIds).toEqual([]);
      for (const employee of page.employees) {
        expect(seen.has(employee.externalId)).toBe(false);
        seen.set(employee.externalId, employee);
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.size).toBe(USER_COUNT);
    expect(pages).toBe(Math.ceil(USER_COUNT / 1000));

    // Spot-check normalisation against the sandbox's own record of several users.
    for (const index of [0, 1, 17, 999, USER_COUNT - 1]) {
      const record = tenant.sandbox.state.record(index);
      if (!record) throw new Error(`seeded user ${index} missing`);
      const employee = seen.get(record.id);
      expect(employee).toEqual({
        externalId: record.id,
        login: record.profile.login,
        firstName: record.profile.firstName,
        lastName: record.profile.lastName,
        email: record.profile.email,
        mobilePhone: record.profile.mobilePhone,
        streetAddress: record.profile.streetAddress,
        city: record.profile.city,
        state: record.profile.state,
        postalCode: record.profile.zipCode,
        country: record.profile.countryCode,
        birthday: null,
        employeeNumber: record.profile.employeeNumber,
        accountStatus: record.status,
        adminRoles: [],
      });
      expect(await userSchemaView(record.id)).toMatchObject({ login: employee?.login, status: employee?.accountStatus });
    }
    // The seed has incomplete profiles and non-active accounts; make sure they came through as such.
    const all = [...seen.values()];
    expect(all.some((employee) => employee.email === null)).toBe(true);
    expect(new Set(all.map((employee) => employee.accountStatus)).size).toBeGreaterThan(2);
    expect(all.every((employee) => Object.values(employee).every((value) => value !== ""))).toBe(true);
  });

  it("resumes from a saved cursor in a new provider instance", async () => {
    const first = await tenant.provider().fetchMembersPage({ mode: "full", cursor: null });
    expect(first.nextCursor).toEqual(expect.any(String));
    const saved = JSON.parse(JSON.stringify(first.nextCursor));
    const second = await tenant.provider().fetchMembersPage({ mode: "full", cursor: saved });
    expect(second.employees).toHaveLength(1000);
    expect(second.employees[0]?.externalId).toBe(tenant.sandbox.state.userId(1000));
    const firstIds = new Set(first.employees.map((employee) => employee.externalId));
    expect(second.employees.some((employee) => firstIds.has(employee.externalId))).toBe(false);
  });

  it("answers an unreadable delta link with delta_expired (the product then does a full pass)", async () => {
    await expect(tenant.provider().fetchMembersPage({ mode: "delta", cursor: null, deltaLink: "x" })).rejects.toMatchObject({ name: "ProviderError", options: { retryable: false, problem: "delta_expired" } });
  });
});
