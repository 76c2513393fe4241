import { beforeAll, describe, expect, it } from "vitest";
import { withBulkWriteTransaction } from "@/lib/db/bulk-write-pool";
import { db } from "@/lib/db/prisma";
import { forgetWordFrequencies } from "@/lib/directory/search/estimate-word-streams";
import { foldAscii } from "@/lib/directory/search/fold-name-words";
import { type EmployeeSearchHit, searchByTrigrams, searchEmployees } from "@/lib/directory/search/search-employees";
import { createTestConnection } from "@/lib/directory/testing/create-test-connection";
import { testEmployee } from "@/lib/directory/testing/in-memory-directory";
import { upsertEmployees } from "@/lib/directory/upsert-employees";
import { generatePerson } from "@/lib/sandbox/shared/generate-person";
import { SeededRandom } from "@/lib/sandbox/shared/seeded-random";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

const PEOPLE = 3000;
let connectionId: string;
const people = Array.from({ length: PEOPLE }, (_, index) => generatePerson("name-streams", index)).filter((person) => person.givenName && person.surname);

const input = (query: string, limit = 20) => ({ connectionId, query, limit, membership: "ALL" as const });
const brief = (hits: EmployeeSearchHit[]) => hits.map((hit) => `${hit.id} ${hit.score}`);

/** Queries agents type, made from the directory's own names (which repeat, as real names do). */
function nameQueries(count: number): string[] {
  const queries: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const random = SeededRandom.forItem("name-stream-queries", index);
    const person = people[random.int(0, people.length - 1)];
    const first = person?.givenName ?? "";
    const last = person?.surname ?? "";
    const shapes = [
      last.slice(0, random.int(2, 6)),
      first.slice(0, random.int(2, 5)),
      `${first} ${last}`,
      `${last} ${first}`,
      `${first.slice(0, 3)} ${last.slice(0, 4)}`,
    ];
    queries.push(shapes[index % shapes.length] ?? last);
  }
  return queries;
}

/** Employees written by the sync's own bulk path (COPY for new rows, one UPDATE for stored ones). */
async function writePage(employees: ReturnType<typeof testEmployee>[], syncRunId = crypto.randomUUID()) {
  await withBulkWriteTransaction((client) => upsertEmployees(client, { connectionId, syncRunId, employees, now: new Date() }), { timeoutMs: 60_000 });
}

async function wordRowsOf(externalId: string) {
  return db().$queryRaw<Array<{ word: string; xmin: string; membership: string }>>`
    SELECT w."word", w.xmin::text AS "xmin", w."membership"::text AS "membership" FROM "employee_search_word" w
    JOIN "employee" e ON e."id" = w."employeeId" WHERE e."connectionId" = ${connectionId}::uuid AND e."externalId" = ${externalId} ORDER BY w."word"`;
}

describe("name search over word streams", () => {
  beforeAll(async () => {
    await useFreshDatabase("search_name_streams");
    connectionId = await createTestConnection();
    const employees = people.map((person, index) =>
      testEmployee(index, { firstName: person.givenName, lastName: person.surname, login: `${person.loginLocalPart}@contoso.example`, email: null }));
    for (let start = 0; start < employees.length; start += 1000) await writePage(employees.slice(start, start + 1000));
  }, 120_000);

  it("keeps one row per employee and name word", async () => {
    const [counts] = await db().$queryRaw<Array<{ rows: number; employees: number; words: number }>>`
      SELECT count(*)::int AS "rows", count(DISTINCT "employeeId")::int AS "employees", count(DISTINCT "word")::int AS "words"
      FROM "employee_search_word" WHERE "connectionId" = ${connectionId}::uuid`;
    expect(counts?.employees).toBe(people.length);
    expect(counts?.rows).toBeGreaterThan(people.length * 2);
    expect(counts?.words).toBeGreaterThan(50);
    // Digits stay with the trigram path: no employee number or numbered login word is a stream.
    const numbered = await db().$queryRaw<unknown[]>`SELECT 1 FROM "employee_search_word" WHERE "word" ~ '^[a-z]*[0-9]' AND "word" !~ '^(x[0-9a-f]{5}|[a-z])+$' LIMIT 1`;
    expect(numbered).toEqual([]);
  });

  it("answers one-word queries exactly as the trigram path does, with and without word statistics", async () => {
    const single = nameQueries(200).filter((query) => !query.includes(" "));
    for (const analysed of [false, true]) {
      if (analysed) await db().$executeRawUnsafe(`ANALYZE "employee_search_word"`);
      forgetWordFrequencies();
      for (const query of single) {
        expect(brief(await searchEmployees(input(query))), `${query} (statistics: ${analysed})`).toEqual(brief(await searchByTrigrams(input(query))));
      }
    }
  }, 120_000);

  it("answers several-word queries with the trigram path's top results and only real matches", async () => {
    forgetWordFrequencies();
    const multi = nameQueries(200).filter((query) => query.includes(" "));
    let identical = 0;
    for (const query of multi) {
      const [streams, all] = [await searchEmployees(input(query)), await searchByTrigrams(input(query, 100))];
      const oracle = all.slice(0, 20);
      expect(streams.length, query).toBe(oracle.length);
      expect(streams[0]?.score, query).toBe(oracle[0]?.score);
      const scores = streams.map((hit) => hit.score);
      expect(scores, query).toEqual([...scores].sort((a, b) => b - a));
      if (all.length < 100) {
        const candidates = new Map(all.map((hit) => [hit.id, hit.score]));
        for (const hit of streams) expect(candidates.get(hit.id), `${query}: ${hit.login}`).toBe(hit.score);
      }
      // Everyone at the top level (every word whole) is found, in name order.
      const topScore = oracle[0]?.score;
      const top = (hits: EmployeeSearchHit[]) => hits.filter((hit) => hit.score === topScore).map((hit) => hit.id);
      expect(top(streams), query).toEqual(top(oracle));
      if (JSON.stringify(brief(streams)) === JSON.stringify(brief(oracle))) identical += 1;
    }
    expect(identical / multi.length).toBeGreaterThan(0.9);
  }, 120_000);

  it("writes a page while another page's transaction is open (nothing shared between rows: no waits)", async () => {
    // Two sync pages in flight: the first stays open while the second, with the same new words, commits.
    let releaseFirst: () => void = () => undefined;
    const firstOpen = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = withBulkWriteTransaction(async (client) => {
      await upsertEmployees(client, { connectionId, syncRunId: crypto.randomUUID(), employees: [testEmployee(91_001, { firstName: "Quentavious", lastName: "Brightwater", email: null })], now: new Date() });
      await firstOpen;
    }, { timeoutMs: 60_000 });
    await writePage([testEmployee(91_002, { firstName: "Quentavious", lastName: "Brightwater", email: null })]);
    expect((await searchEmployees(input("quentavious"))).length).toBe(1);
    releaseFirst();
    await first;
    expect((await searchEmployees(input("quentavious brightwater"))).length).toBe(2);
  });

  it("finds a mistyped surname, and nothing for a word like no name", async () => {
    const person = people.find((candidate) => (candidate.surname ?? "").length >= 6 && /^[A-Za-z]+$/.test(candidate.surname ?? ""));
    const surname = person?.surname ?? "";
    const typo = surname.slice(0, 2) + surname[3] + surname[2] + surname.slice(4);
    const hits = await searchEmployees(input(`${person?.givenName} ${typo}`));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.score < 1)).toBe(true);
    expect(hits.some((hit) => hit.lastName === surname)).toBe(true);
    expect(await searchEmployees(input("qqqqzzzz"))).toEqual([]);
  });

  it("follows the sync's writes: renamed, left the group, re-synced unchanged, deleted", async () => {
    await writePage([testEmployee(90_001, { firstName: "Ottoline", lastName: "Quarrington", email: null })]);
    expect((await searchEmployees(input("quarr"))).map((hit) => hit.firstName)).toEqual(["Ottoline"]);

    await writePage([testEmployee(90_001, { firstName: "Ottoline", lastName: "Vexbridge", email: null })]);
    expect(await searchEmployees(input("quarr"))).toEqual([]);
    expect((await searchEmployees(input("ottoline vex"))).map((hit) => hit.lastName)).toEqual(["Vexbridge"]);

    // A re-sync of the same data writes the employee row (lastSeenSyncRunId) but leaves its words alone.
    const before = await wordRowsOf("user-090001");
    await writePage([testEmployee(90_001, { firstName: "Ottoline", lastName: "Vexbridge", email: null })]);
    expect(await wordRowsOf("user-090001")).toEqual(before);

    await db().employee.updateMany({ where: { connectionId, externalId: "user-090001" }, data: { membership: "INACTIVE" } });
    expect((await wordRowsOf("user-090001")).every((row) => row.membership === "INACTIVE")).toBe(true);
    expect(await searchEmployees({ ...input("vexbridge"), membership: "ACTIVE" })).toEqual([]);
    expect((await searchEmployees({ ...input("vexbridge"), membership: "INACTIVE" })).map((hit) => hit.firstName)).toEqual(["Ottoline"]);

    await db().employee.deleteMany({ where: { connectionId, externalId: "user-090001" } });
    expect(await wordRowsOf("user-090001")).toEqual([]);
    expect(await searchEmployees(input("vexbridge"))).toEqual([]);
  });

  it("stores any name an identity provider may send: a page with a 3 000-character name and 40 given names is written", async () => {
    const givenNames = Array.from({ length: 40 }, (_, index) => `Name${String.fromCharCode(97 + (index % 26))}${String.fromCharCode(97 + Math.floor(index / 26))}`).join(" ");
    const long = testEmployee(90_002, { firstName: `${"y".repeat(3000)} ${givenNames}`, lastName: `Xylophonist ${"名".repeat(500)}`, email: null });
    await writePage([long, testEmployee(90_003, { firstName: "Plain", lastName: "Xylophonist", email: null })]);
    expect((await searchEmployees(input("xylophonist"))).map((hit) => hit.firstName?.slice(0, 5))).toEqual(expect.arrayContaining(["yyyyy", "Plain"]));
    const rows = await wordRowsOf("user-090002");
    expect(rows.length).toBeLessThanOrEqual(64);
    expect(rows.map((row) => row.word)).toContain("xylophonist");
  });

  it("drops a connection's words with it", async () => {
    const other = await db().iamConnection.create({ data: { singleton: false, provider: "OKTA", status: "ACTIVE", groupId: "g", settings: {} } });
    await db().employee.create({ data: { connectionId: other.id, externalId: "x", login: "z@x.test", firstName: "Zebedee", lastName: "Throckmorton", accountStatus: "ACTIVE", lastSyncedAt: new Date() } });
    expect((await searchEmployees({ ...input("throck"), connectionId: other.id })).length).toBe(1);
    expect(await searchEmployees(input("throck"))).toEqual([]);
    await db().iamConnection.delete({ where: { id: other.id } });
    const [left] = await db().$queryRaw<Array<{ words: number }>>`
      SELECT count(*)::int AS "words" FROM "employee_search_word" WHERE "connectionId" = ${other.id}::uuid`;
    expect(left).toEqual({ words: 0 });
  });

  it("folds ASCII in JavaScript exactly as directory_search_fold does", async () => {
    const random = SeededRandom.forItem("fold-ascii", 1);
    const alphabet = "abcXYZ019 '.-_@%\\\"\t!~`()[]{}";
    const texts = Array.from({ length: 300 }, () => Array.from({ length: random.int(0, 16) }, () => alphabet[random.int(0, alphabet.length - 1)]).join(""));
    texts.push("O'Brien", "  jose.obrien@x.com ", "Smith-Jones", "''", "A  B");
    const rows = await db().$queryRaw<Array<{ folded: string | null }>>`
      SELECT directory_search_fold(t.text) AS "folded" FROM unnest(${texts}::text[]) WITH ORDINALITY AS t(text, position) ORDER BY t.position`;
    expect(texts.map(foldAscii)).toEqual(rows.map((row) => row.folded));
    expect(foldAscii("José")).toBeNull();
  });
});
