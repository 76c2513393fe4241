import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type EntraTestTenant, startEntraTestTenant } from "@/lib/iam/entra/testing/entra-provider-test-setup";
import type { DirectoryEmployee, IdentityProvider, MembersPage } from "@/lib/iam/identity-provider";

const USER_COUNT = 2500;
let tenant: EntraTestTenant;

beforeAll(async () => {
  tenant = await startEntraTestTenant({ userCount: USER_COUNT, seed: "entra-adapter-paging" });
});
afterAll(() => tenant.stop());

async function fullPass(provider: IdentityProvider): Promise<{ employees: Map<string, DirectoryEmployee>; pages: MembersPage[] }> {
  const employees = new Map<string, DirectoryEmployee>();
  const pages: MembersPage[] = [];
  let cursor: string | null = null;
  do {
    const page: MembersPage = await provider.fetchMembersPage({ mode: "full", cursor });
    pages.push(page);
    for (const employee of page.employees) {
      if (employees.has(employee.externalId)) throw new Error(`member ${employee.externalId} seen twice`);
      employees.set(employee.externalId, employee);
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { employees, pages };
}

/** Every member according to the sandbox itself: direct and nested-group members that are not removed. */
function expectedMemberIds(): Set<string> {
  const ids = new Set<string>();
  for (let index = 0; index < tenant.sandbox.tenant.indexLimit; index += 1) {
    if (tenant.sandbox.tenant.membership(index) !== null && !tenant.sandbox.tenant.isDeleted(index)) ids.add(tenant.sandbox.tenant.userId(index));
  }
  return ids;
}

const graphUserSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  givenName: z.string().nullable(),
  surname: z.string().nullable(),
  mail: z.string().nullable(),
  mobilePhone: z.string().nullable(),
  streetAddress: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
  employeeId: z.string().nullable(),
  accountEnabled: z.boolean(),
});

describe("Entra adapter: full pass with a client secret", () => {
  it("sees every transitive member exactly once, normalised like Graph's own user endpoint", async () => {
    const provider = tenant.provider();
    const { employees, pages } = await fullPass(provider);
    expect([...employees.keys()].sort()).toEqual([...expectedMemberIds()].sort());
    expect(pages.filter((page) => page.employees.length > 0).length).toBe(Math.ceil(employees.size / 999));

    const token = await tenant.tokenWithSecret();
    const select = "id,userPrincipalName,givenName,surname,mail,mobilePhone,streetAddress,city,state,postalCode,country,employeeId,accountEnabled";
    for (const id of [...employees.keys()].filter((_, position) => position % 400 === 0)) {
      const response = await tenant.call(`/v1.0/users/${id}?$select=${select}`, { token });
      const user = graphUserSchema.parse(response.body);
      expect(employees.get(id)).toEqual({
        externalId: user.id,
        login: user.userPrincipalName,
        firstName: user.givenName,
        lastName: user.surname,
        email: user.mail,
        mobilePhone: user.mobilePhone,
        streetAddress: user.streetAddress,
        city: user.city,
        state: user.state,
        postalCode: user.postalCode,
        country: user.country,
        birthday: null,
        employeeNumber: user.employeeId,
        accountStatus: user.accountEnabled ? "ACTIVE" : "DISABLED",
        adminRoles: [],
      });
    }
    const all = [...employees.values()];
    expect(all.some((employee) => employee.accountStatus === "DISABLED")).toBe(true);
    expect(all.some((employee) => employee.email === null)).toBe(true);
  });

  it("resumes from a saved cursor in a new provider instance", async () => {
    let first: MembersPage = await tenant.provider().fetchMembersPage({ mode: "full", cursor: null });
    // Skip any pages that carry no members (e.g. bookkeeping pages) to reach the first member page.
    while (first.employees.length === 0 && first.nextCursor) first = await tenant.provider().fetchMembersPage({ mode: "full", cursor: first.nextCursor });
    expect(first.employees).toHaveLength(999);
    const saved: unknown = JSON.parse(JSON.stringify({ cursor: first.nextCursor }));
    const cursor = z.object({ cursor: z.string() }).parse(saved).cursor;
    const second = await tenant.provider().fetchMembersPage({ mode: "full", cursor });
    expect(second.employees.length).toBeGreaterThan(0);
    const firstIds = new Set(first.employees.map((employee) => employee.externalId));
    expect(second.employees.some((employee) => firstIds.has(employee.externalId))).toBe(false);
  });

  it("rejects stored settings that do not parse, naming the field", () => {
    expect(() => tenant.provider({ clientId: "not-a-guid" })).toThrow(/clientId/);
  });
});
