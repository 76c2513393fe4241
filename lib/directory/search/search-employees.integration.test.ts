import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { searchEmployees } from "@/lib/directory/search/search-employees";
import { createTestConnection } from "@/lib/directory/testing/create-test-connection";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

type Person = { login: string; firstName?: string; lastName?: string; email?: string; mobilePhone?: string; employeeNumber?: string; membership?: "ACTIVE" | "INACTIVE" };

const PEOPLE: Person[] = [
  { login: "jose.obrien@contoso.com", firstName: "José", lastName: "O'Brien", email: "jose.obrien@contoso.com", mobilePhone: "+1 (415) 555-0100", employeeNumber: "E100001" },
  { login: "an.nguyen@contoso.com", firstName: "Nguyễn Văn", lastName: "An", mobilePhone: "+84 91 234 5678", employeeNumber: "E100002" },
  { login: "hans.mueller@contoso.com", firstName: "Hans", lastName: "Müller", employeeNumber: "E100003" },
  { login: "petra.mueller@contoso.com", firstName: "Petra", lastName: "Mueller", employeeNumber: "E100004" },
  { login: "karl.muller@contoso.com", firstName: "Karl", lastName: "Muller", employeeNumber: "E100005" },
  { login: "gabriel.garcia@contoso.com", firstName: "Gabriel", lastName: "García Márquez", employeeNumber: "E100006" },
  { login: "alex.smithjones@contoso.com", firstName: "Alex", lastName: "Smith-Jones", email: "alex.sj@contoso.com", employeeNumber: "E100007" },
  { login: "george.washington@contoso.com", firstName: "George", lastName: "Washington", mobilePhone: "(415) 555-0199", employeeNumber: "E100008" },
  { login: "left.company@contoso.com", firstName: "Lena", lastName: "Leaver", employeeNumber: "E100009", membership: "INACTIVE" },
  { login: "taro.yamada@contoso.com", firstName: "太郎", lastName: "山田", employeeNumber: "E100012" },
  { login: "ivan.petrov@contoso.com", firstName: "Иван", lastName: "Петров", employeeNumber: "E100013" },
  // Names chosen to collide with identifiers of others: exact identifiers must still come first.
  { login: "jsmith@contoso.com", firstName: "Jo", lastName: "Smithson", email: "jo.smithson@contoso.com", employeeNumber: "E1000010" },
  { login: "john.smith@contoso.com", firstName: "John", lastName: "Smith", email: "jsmith@contoso.com", employeeNumber: "E1000011" },
  // LIKE wildcards: "a_1" must not find "ab1"; "50%" is Percy's employee number exactly.
  { login: "a_1@contoso.com", firstName: "Ada", lastName: "Underscore", employeeNumber: "A_1" },
  { login: "ab1@contoso.com", firstName: "Abe", lastName: "Lookalike", employeeNumber: "AB1" },
  { login: "perc@contoso.com", firstName: "Percy", lastName: "Fifty", employeeNumber: "50%" },
  { login: "five@contoso.com", firstName: "Fiona", lastName: "Fivethousand", employeeNumber: "5000" },
];

let connectionId: string;
let otherConnectionId: string;

async function insertPeople(connection: string, people: Person[]): Promise<void> {
  await db().employee.createMany({
    data: people.map((person, index) => ({
      connectionId: connection, externalId: `${connection}-${index}`, accountStatus: "ACTIVE", lastSyncedAt: new Date(), ...person,
    })),
  });
}

async function logins(query: string, options: { membership?: "ACTIVE" | "INACTIVE" | "ALL"; limit?: number } = {}): Promise<string[]> {
  return (await searchEmployees({ connectionId, query, ...options })).map((hit) => hit.login);
}

async function top(query: string): Promise<string | undefined> {
  return (await logins(query))[0];
}

describe("searchEmployees (PostgreSQL trigram search)", () => {
  beforeAll(async () => {
    await useFreshDatabase("search_employees");
    connectionId = await createTestConnection();
    // The table admits a second connection row only as the non-singleton; enough to prove the scoping.
    const other = await db().iamConnection.create({ data: { singleton: false, provider: "OKTA", status: "ACTIVE", groupId: "g", settings: {} } });
    otherConnectionId = other.id;
    await insertPeople(connectionId, PEOPLE);
    await insertPeople(otherConnectionId, [{ login: "jose.obrien@fabrikam.com", firstName: "José", lastName: "O'Brien", mobilePhone: "+1 415 555 0100", employeeNumber: "E100001" }]);
  });

  it("finds names without accents or apostrophes, in either order and partly typed", async () => {
    for (const query of ["jose obrien", "obrien jos", "José O'Brien", "o'brien", "OBRIEN JOSE"]) {
      expect(await top(query), query).toBe("jose.obrien@contoso.com");
    }
    expect(await top("nguyen van an")).toBe("an.nguyen@contoso.com");
    expect(await top("an nguyen")).toBe("an.nguyen@contoso.com");
    expect(await top("marquez garcia")).toBe("gabriel.garcia@contoso.com");
    expect(await top("garcia marquez gabriel")).toBe("gabriel.garcia@contoso.com");
    expect(await top("wash")).toBe("george.washington@contoso.com");
    expect(await top("washington george")).toBe("george.washington@contoso.com");
  });

  it("finds names in other scripts (spelt in hex for trigrams, see the migration)", async () => {
    expect(await top("山田 太郎")).toBe("taro.yamada@contoso.com");
    expect(await top("山")).toBe("taro.yamada@contoso.com");
    expect(await top("Петров")).toBe("ivan.petrov@contoso.com");
    expect(await top("Иван Пет")).toBe("ivan.petrov@contoso.com");
  });

  it("treats hyphenated names as their parts", async () => {
    for (const query of ["Smith-Jones", "smith jones", "jones alex", "smithjones", "Smith-Jones Ale", "Smith-Jones Alex"]) {
      expect(await logins(query), query).toContain("alex.smithjones@contoso.com");
    }
  });

  it("matches Müller, Mueller and Muller to each other", async () => {
    const all = ["hans.mueller@contoso.com", "karl.muller@contoso.com", "petra.mueller@contoso.com"];
    for (const query of ["müller", "mueller", "muller"]) {
      expect([...(await logins(query))].sort(), query).toEqual(all);
    }
    expect(await top("hans mueller")).toBe("hans.mueller@contoso.com");
  });

  it("tolerates a typo", async () => {
    expect(await top("washingtno")).toBe("george.washington@contoso.com");
    expect(await top("jose obrein")).toBe("jose.obrien@contoso.com");
  });

  it("matches phone numbers on their digits, whatever the formatting", async () => {
    for (const query of ["+1 (415) 555-0100", "4155550100", "14155550100", "555 0100", "555-0100"]) {
      expect(await top(query), query).toBe("jose.obrien@contoso.com");
    }
    // Stored without the country code, searched with it.
    expect(await top("+1 415 555 0199")).toBe("george.washington@contoso.com");
    expect(await logins("555 01")).toEqual(expect.arrayContaining(["jose.obrien@contoso.com", "george.washington@contoso.com"]));
    const [hit] = await searchEmployees({ connectionId, query: "+1 (415) 555-0100" });
    expect(hit?.score).toBeGreaterThanOrEqual(3);
  });

  it("ranks exact login, e-mail and employee number above fuzzy and prefix matches", async () => {
    // jsmith@contoso.com is Jo Smithson's login and John Smith's e-mail: both are exact, surname breaks the tie.
    expect((await logins("jsmith@contoso.com")).slice(0, 2)).toEqual(["john.smith@contoso.com", "jsmith@contoso.com"]);
    expect(await top("john.smith@contoso.com")).toBe("john.smith@contoso.com");
    expect(await top("JO.SMITHSON@contoso.com")).toBe("jsmith@contoso.com");
    expect(await top("E1000010")).toBe("jsmith@contoso.com");
    expect(await top("e100008")).toBe("george.washington@contoso.com");
    const hits = await searchEmployees({ connectionId, query: "E100001" });
    expect(hits[0]).toMatchObject({ login: "jose.obrien@contoso.com", employeeNumber: "E100001", membership: "ACTIVE", accountStatus: "ACTIVE" });
    expect(hits[0]?.score).toBeGreaterThanOrEqual(3);
    // E1000010 and E1000011 start with E100001: prefix matches, after the exact one.
    expect(hits.slice(1, 3).map((hit) => hit.score)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(hits[1]?.score).toBeLessThan(3);
  });

  it("never returns another connection's employees", async () => {
    const hits = await searchEmployees({ connectionId, query: "jose obrien" });
    expect(hits.map((hit) => hit.login)).toEqual(["jose.obrien@contoso.com"]);
    const theirs = await searchEmployees({ connectionId: otherConnectionId, query: "E100001" });
    expect(theirs.map((hit) => hit.login)).toEqual(["jose.obrien@fabrikam.com"]);
  });

  it("shows both memberships by default and filters on request", async () => {
    const [leaver] = await searchEmployees({ connectionId, query: "lena leaver" });
    expect(leaver).toMatchObject({ login: "left.company@contoso.com", membership: "INACTIVE" });
    expect(await logins("lena leaver", { membership: "ACTIVE" })).toEqual([]);
    expect(await logins("lena leaver", { membership: "INACTIVE" })).toEqual(["left.company@contoso.com"]);
  });

  it("treats LIKE wildcards in the query literally", async () => {
    expect(await logins("a_1")).toEqual(["a_1@contoso.com"]);
    expect(await top("50%")).toBe("perc@contoso.com");
    // As wildcards these would match "john" and "abe".
    expect(await logins("j%n")).not.toContain("john.smith@contoso.com");
    expect(await logins("a_e")).not.toContain("ab1@contoso.com");
    expect(await logins("%%")).toEqual([]);
    expect(await logins("__")).toEqual([]);
    expect(await logins("\\%")).toEqual([]);
  });

  it("returns nothing for one character, and refuses empty or over-long queries", async () => {
    expect(await logins("j")).toEqual([]);
    await expect(searchEmployees({ connectionId, query: "   " })).rejects.toThrow();
    await expect(searchEmployees({ connectionId, query: "x".repeat(101) })).rejects.toThrow();
    await expect(searchEmployees({ connectionId: "not-a-uuid", query: "jose" })).rejects.toThrow();
  });

  it("respects the limit and orders deterministically", async () => {
    const first = await searchEmployees({ connectionId, query: "E1000", limit: 5 });
    expect(first).toHaveLength(5);
    expect(await searchEmployees({ connectionId, query: "E1000", limit: 5 })).toEqual(first);
  });
});
