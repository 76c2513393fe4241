import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withBulkWriteTransaction } from "@/lib/db/bulk-write-pool";
import { db } from "@/lib/db/prisma";
import { createTestConnection } from "@/lib/directory/testing/create-test-connection";
import { testEmployee } from "@/lib/directory/testing/in-memory-directory";
import { upsertEmployees } from "@/lib/directory/upsert-employees";
import type { DirectoryEmployee } from "@/lib/iam/identity-provider";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

let connectionId: string;

/** One page applied in its own transaction, as writeMembersPage does. */
function apply(syncRunId: string, employees: DirectoryEmployee[], now = new Date()) {
  return withBulkWriteTransaction((client) => upsertEmployees(client, { connectionId, syncRunId, employees, now }), { timeoutMs: 60_000 });
}

/** Every row with its system column `xmin`: it changes whenever PostgreSQL writes a new version of the row. */
async function snapshot() {
  return db().$queryRaw<{ externalId: string; xmin: string; updatedAt: Date; lastSyncedAt: Date; lastSeenSyncRunId: string | null }[]>`
    SELECT "externalId", xmin::text AS "xmin", "updatedAt", "lastSyncedAt", "lastSeenSyncRunId"::text AS "lastSeenSyncRunId"
    FROM "employee" WHERE "connectionId" = ${connectionId}::uuid ORDER BY "externalId"`;
}

const page = Array.from({ length: 25 }, (_, index) => testEmployee(index));

describe("upsertEmployees (one statement per page)", () => {
  beforeAll(async () => {
    await useFreshDatabase("upsert_employees");
  });
  beforeEach(async () => {
    connectionId = await createTestConnection();
  });

  it("creates a page, and the same page again in the same run reports 0 / 0 and writes nothing", async () => {
    const run = crypto.randomUUID();
    expect(await apply(run, page)).toEqual({ created: 25, updated: 0 });
    const before = await snapshot();
    expect(await apply(run, page, new Date(Date.now() + 60_000))).toEqual({ created: 0, updated: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("in the next run marks unchanged rows seen without touching updatedAt, and counts only real changes", async () => {
    const first = new Date("2026-01-01T00:00:00Z");
    await apply(crypto.randomUUID(), page, first);
    const next = crypto.randomUUID();
    const later = new Date("2026-01-02T00:00:00Z");
    const changed = page.map((employee, index) => (index === 7 ? { ...employee, city: "Shelbyville" } : employee));
    expect(await apply(next, changed, later)).toEqual({ created: 0, updated: 1 });
    const rows = await snapshot();
    expect(rows.every((row) => row.lastSeenSyncRunId === next && row.lastSyncedAt.getTime() === later.getTime())).toBe(true);
    expect(rows.filter((row) => row.updatedAt.getTime() === later.getTime()).map((row) => row.externalId)).toEqual([page[7]?.externalId]);
  });

  it("re-activates an INACTIVE employee seen again (counted as updated)", async () => {
    await apply(crypto.randomUUID(), page);
    await db().employee.updateMany({ where: { connectionId, externalId: page[3]?.externalId }, data: { membership: "INACTIVE" } });
    expect(await apply(crypto.randomUUID(), page)).toEqual({ created: 0, updated: 1 });
    expect(await db().employee.count({ where: { connectionId, membership: "ACTIVE" } })).toBe(25);
  });

  it("stores every field as given: nulls, admin roles, quotes, backslashes and non-Latin text", async () => {
    const odd = testEmployee(1, { firstName: 'Zoë "Zo" O\'Brien', lastName: "山田\\太郎", mobilePhone: null, adminRoles: ["Global Administrator", "User, Admin {x}"], birthday: "1990-02-28" });
    expect(await apply(crypto.randomUUID(), [odd])).toEqual({ created: 1, updated: 0 });
    const stored = await db().employee.findFirstOrThrow({ where: { connectionId, externalId: odd.externalId } });
    const { externalId, login, firstName, lastName, email, mobilePhone, streetAddress, city, state, postalCode, country, birthday, employeeNumber, accountStatus, adminRoles } = stored;
    expect({ externalId, login, firstName, lastName, email, mobilePhone, streetAddress, city, state, postalCode, country, birthday, employeeNumber, accountStatus, adminRoles }).toEqual(odd);
  });

  it("keeps the last of duplicate ids in a page, and splits pages larger than one statement's batch", async () => {
    const big = Array.from({ length: 1_500 }, (_, index) => testEmployee(index));
    const duplicated = [...big, testEmployee(4, { city: "Capital City" })];
    expect(await apply(crypto.randomUUID(), duplicated)).toEqual({ created: 1_500, updated: 0 });
    expect(await db().employee.findFirstOrThrow({ where: { connectionId, externalId: big[4]?.externalId }, select: { city: true } })).toEqual({ city: "Capital City" });
  });

  it("when another transaction stores a new row meanwhile, waits for it and updates the row (COPY would collide)", async () => {
    const run = crypto.randomUUID();
    const racer = testEmployee(900);
    let released: () => void = () => undefined;
    const hold = new Promise<void>((resolve) => (released = resolve));
    // Transaction A stores the racer and stays open while B writes a page with it: B cannot see A's row yet.
    const first = withBulkWriteTransaction(async (client) => {
      const counts = await upsertEmployees(client, { connectionId, syncRunId: run, employees: [racer], now: new Date() });
      await hold;
      return counts;
    }, { timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = apply(run, [{ ...racer, city: "Ogdenville" }, testEmployee(901)]);
    // B's COPY now waits on A's entry in the unique index; once A commits, B takes the general statement.
    await new Promise((resolve) => setTimeout(resolve, 300));
    released();
    expect(await first).toEqual({ created: 1, updated: 0 });
    expect(await second).toEqual({ created: 1, updated: 1 });
    expect(await db().employee.findFirstOrThrow({ where: { connectionId, externalId: racer.externalId }, select: { city: true } })).toEqual({ city: "Ogdenville" });
    expect(await db().employee.count({ where: { connectionId } })).toBe(2);
  });
});
