/**
 * `npm run bench:search`: directory search latency. Loads 1 000 000 synthetic employees (the sandbox's people)
 * into a throwaway PostgreSQL with COPY (indexes maintained, as a sync leaves them), VACUUM ANALYZEs (as
 * autovacuum would), then times 1 000 mixed agent queries through searchEmployees (partial and reversed names,
 * e-mails, logins, phone fragments in several formats, employee numbers, typos) and prints p50/p95/p99 (target
 * p95 < 20 ms), how often the person a query was made from came back, sample queries with their top hit, and
 * whether PostgreSQL answered from the indexes (sequential scans of the table during the run). A measurement,
 * not a test. `--employees=N --queries=N` (or BENCH_EMPLOYEES / BENCH_QUERIES) override the sizes.
 */
import { configureThrowawayInstallation, ensureReactServerCondition } from "@/lib/cli/bench-runtime";
import pg from "pg";
import { z } from "zod";
import { copyFromStdin, copyText } from "@/lib/db/copy-from-stdin";

const optionsSchema = z
  .object({
    employees: z.coerce.number<string>().int().min(100).max(5_000_000).default(1_000_000),
    queries: z.coerce.number<string>().int().min(10).max(100_000).default(1_000),
  })
  .strict();

function parseOptions(): z.infer<typeof optionsSchema> {
  const raw: Record<string, string> = {};
  if (process.env.BENCH_EMPLOYEES) raw.employees = process.env.BENCH_EMPLOYEES;
  if (process.env.BENCH_QUERIES) raw.queries = process.env.BENCH_QUERIES;
  for (const argument of process.argv.slice(2)) {
    const match = /^--([a-z]+)=(.*)$/.exec(argument);
    if (!match?.[1]) throw new Error(`Unknown argument ${JSON.stringify(argument)}: npm run bench:search -- [--employees=1000000] [--queries=1000]`);
    raw[match[1]] = match[2] ?? "";
  }
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid bench:search options: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  return parsed.data;
}

const options = parseOptions();
await ensureReactServerCondition();

const EMPLOYEES = options.employees;
const QUERIES = options.queries;
const WARM_UP_QUERIES = 100;
const COPY_BATCH = 50_000;
const SEED = "bench-search";

configureThrowawayInstallation();

const { resetServerEnvCache } = await import("@/lib/config/server-env");
const { db, disconnectDb } = await import("@/lib/db/prisma");
const { migrateDatabase } = await import("@/lib/db/migrate-database");
const { startTestPostgres } = await import("@/lib/testing/test-postgres");
const { generatePerson } = await import("@/lib/sandbox/shared/generate-person");
const { SeededRandom } = await import("@/lib/sandbox/shared/seeded-random");
const { searchEmployees } = await import("@/lib/directory/search/search-employees");

type Person = ReturnType<typeof generatePerson>;
type BenchQuery = { kind: string; text: string; login: string };

function loginOf(person: Person): string {
  return `${person.loginLocalPart}@contoso.example`;
}

/** COPY in batches of 50 000 rows, one transaction each: the GIN indexes are maintained as a sync maintains them. */
async function insertEmployees(databaseUrl: string, connectionId: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const now = new Date().toISOString();
    for (let start = 0; start < EMPLOYEES; start += COPY_BATCH) {
      const lines: string[] = [];
      for (let index = start; index < Math.min(EMPLOYEES, start + COPY_BATCH); index += 1) {
        const person = generatePerson(SEED, index);
        const values = [crypto.randomUUID(), connectionId, `ext-${index}`, loginOf(person), person.givenName, person.surname, person.hasMail ? loginOf(person) : null,
          person.mobilePhone, person.employeeId, person.lifecycle.toUpperCase(), index % 20 === 0 ? "INACTIVE" : "ACTIVE", now, now];
        lines.push(`${values.map(copyText).join("\t")}\n`);
      }
      await copyFromStdin(client, `COPY "employee" ("id", "connectionId", "externalId", "login", "firstName", "lastName", "email", "mobilePhone",
        "employeeNumber", "accountStatus", "membership", "lastSyncedAt", "updatedAt") FROM STDIN`, lines);
    }
  } finally {
    await client.end();
  }
}

/** Swaps two neighbouring letters: the most common typing slip. */
function withTypo(word: string, random: InstanceType<typeof SeededRandom>): string {
  if (word.length < 4) return word;
  const at = random.int(1, word.length - 2);
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

/** What agents type, made from a random employee; the login identifies whom the query was made from. */
function makeQuery(index: number): BenchQuery | null {
  const random = SeededRandom.forItem(`${SEED}-query`, index);
  const person = generatePerson(SEED, random.int(0, EMPLOYEES - 1));
  const login = loginOf(person);
  const first = person.givenName ?? "";
  const last = person.surname ?? "";
  const digits = (person.mobilePhone ?? "").replace(/\D/g, "");
  const kinds: Array<[string, () => string | null]> = [
    ["partial surname", () => (last.length >= 3 ? last.slice(0, random.int(3, Math.max(3, Math.min(6, last.length)))) : null)],
    ["partial first + last", () => (first && last ? `${first.slice(0, 3)} ${last.slice(0, 4)}` : null)],
    ["full name", () => (first && last ? `${first} ${last}` : null)],
    ["reversed name", () => (first && last ? `${last} ${first}` : null)],
    ["typo in surname", () => (first && last.length >= 5 ? `${first} ${withTypo(last, random)}` : null)],
    ["e-mail", () => (person.hasMail ? login : null)],
    ["login prefix", () => person.loginLocalPart],
    ["phone as stored", () => person.mobilePhone],
    ["phone digits", () => (digits.length >= 7 ? digits : null)],
    ["phone last 7 spaced", () => (digits.length >= 7 ? `${digits.slice(-7, -4)} ${digits.slice(-4)}` : null)],
    ["employee number", () => person.employeeId],
  ];
  const picked = kinds[index % kinds.length];
  if (!picked) return null;
  const [kind, make] = picked;
  const text = make()?.trim();
  return text && text.length >= 2 ? { kind, text: text.slice(0, 100), login } : null;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

const tableScansSchema = z.array(z.object({ seqScans: z.coerce.number(), indexScans: z.coerce.number() }));

/** Sequential and index scans of the employee table so far (backends report theirs when they end). */
async function tableScans(): Promise<{ seqScans: number; indexScans: number }> {
  const rows = await db().$queryRaw<unknown[]>`
    SELECT coalesce(seq_scan, 0) AS "seqScans", coalesce(idx_scan, 0) AS "indexScans" FROM pg_stat_user_tables WHERE relname = 'employee'`;
  const [row] = tableScansSchema.parse(rows);
  return row ?? { seqScans: 0, indexScans: 0 };
}

/** Ends the pool's backends, which makes each report its table scan counts, and waits for them to go. */
async function flushScanCounts(): Promise<void> {
  await disconnectDb();
  await new Promise((resolve) => setTimeout(resolve, 300));
}

// A throwaway embedded cluster (or a database on TEST_PG_ADMIN_URL's server, dropped at the end).
const postgres = await startTestPostgres();
const databaseUrl = await postgres.createDatabase("bench_search");
try {
  await migrateDatabase(databaseUrl, { quiet: true });
  process.env.DATABASE_URL = databaseUrl;
  resetServerEnvCache();

  const connection = await db().iamConnection.create({ data: { provider: "ENTRA", status: "ACTIVE", groupId: "bench", settings: {}, activatedAt: new Date() } });
  let started = performance.now();
  await insertEmployees(databaseUrl, connection.id);
  const loadSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  for (const table of ["employee", "employee_search_word"]) await db().$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
  process.stdout.write(`Loaded ${EMPLOYEES.toLocaleString("en")} employees in ${loadSeconds.toFixed(1)} s (COPY batches of ${COPY_BATCH}, GIN indexes and word streams maintained), then VACUUM ANALYZE (${((performance.now() - started) / 1000).toFixed(1)} s, as autovacuum would).\n`);
  const sizes = z.array(z.object({ table: z.string(), indexes: z.string(), words: z.string(), wordIndexes: z.string(), wordRows: z.coerce.number(), vocabulary: z.coerce.number(), buffers: z.string() })).parse(await db().$queryRaw<unknown[]>`
    SELECT pg_size_pretty(pg_relation_size('employee')) AS "table", pg_size_pretty(pg_indexes_size('employee')) AS "indexes",
      pg_size_pretty(pg_relation_size('employee_search_word')) AS "words", pg_size_pretty(pg_indexes_size('employee_search_word')) AS "wordIndexes",
      (SELECT count(*) FROM "employee_search_word") AS "wordRows", (SELECT count(DISTINCT "word") FROM "employee_search_word") AS "vocabulary",
      current_setting('shared_buffers') AS "buffers"`);
  const size = sizes[0];
  process.stdout.write(`Table ${size?.table}, its indexes ${size?.indexes}; word streams ${size?.words} + ${size?.wordIndexes} (${size?.wordRows.toLocaleString("en")} rows, ${size?.vocabulary.toLocaleString("en")} distinct words); shared_buffers ${size?.buffers}.\n`);

  const queries: BenchQuery[] = [];
  for (let index = 0; queries.length < QUERIES + WARM_UP_QUERIES; index += 1) {
    const query = makeQuery(index);
    if (query) queries.push(query);
  }
  for (const query of queries.slice(0, WARM_UP_QUERIES)) await searchEmployees({ connectionId: connection.id, query: query.text });

  await flushScanCounts();
  const scansBefore = await tableScans();
  const timings: Array<{ kind: string; text: string; ms: number; hits: number }> = [];
  const samples = new Map<string, string>();
  let found = 0;
  let foundFirst = 0;
  for (const query of queries.slice(WARM_UP_QUERIES)) {
    started = performance.now();
    const hits = await searchEmployees({ connectionId: connection.id, query: query.text });
    timings.push({ kind: query.kind, text: query.text, ms: performance.now() - started, hits: hits.length });
    const rank = hits.findIndex((hit) => hit.login === query.login);
    if (rank !== -1) found += 1;
    if (rank === 0) foundFirst += 1;
    const [best] = hits;
    if (!samples.has(query.kind)) {
      samples.set(query.kind, `${JSON.stringify(query.text)} -> ${best ? `${best.firstName ?? ""} ${best.lastName ?? ""} <${best.login}> ${best.mobilePhone ?? ""} ${best.employeeNumber ?? ""} score ${best.score}` : "(none)"} (${hits.length} hits)`);
    }
  }
  await flushScanCounts();
  const scansAfter = await tableScans();

  const all = timings.map((timing) => timing.ms).sort((a, b) => a - b);
  const summary = (values: number[]) => `p50 ${percentile(values, 0.5).toFixed(2)} ms, p95 ${percentile(values, 0.95).toFixed(2)} ms, p99 ${percentile(values, 0.99).toFixed(2)} ms`;
  process.stdout.write(`\n${timings.length} queries (after ${WARM_UP_QUERIES} warm-up), time around searchEmployees: ${summary(all)}, max ${(all.at(-1) ?? 0).toFixed(2)} ms (target p95 < 20 ms)\n`);
  for (const kind of new Set(timings.map((timing) => timing.kind))) {
    const values = timings.filter((timing) => timing.kind === kind).map((timing) => timing.ms).sort((a, b) => a - b);
    process.stdout.write(`  ${kind.padEnd(22)} ${String(values.length).padStart(4)}  ${summary(values)}\n`);
  }
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  process.stdout.write(`Slowest: ${slowest.map((timing) => `${JSON.stringify(timing.text)} (${timing.kind}, ${timing.hits} hits) ${timing.ms.toFixed(1)} ms`).join("; ")}\n`);
  process.stdout.write(`Person the query was made from: in the results ${((found / timings.length) * 100).toFixed(1)}%, first ${((foundFirst / timings.length) * 100).toFixed(1)}% (names are shared, so "first" is a lower bound).\n`);
  process.stdout.write(`Sequential scans of "employee" during the run: ${scansAfter.seqScans - scansBefore.seqScans}; index scans: ${scansAfter.indexScans - scansBefore.indexScans}.\n\nSamples (query -> top hit):\n`);
  for (const [kind, line] of samples) process.stdout.write(`  ${kind.padEnd(22)} ${line}\n`);
} finally {
  await disconnectDb();
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  await postgres.stop();
}
process.exit(0);
