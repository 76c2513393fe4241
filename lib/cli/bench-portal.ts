/**
 * `npm run bench:portal`: whether the self-service portal's timing tells an employee's address from a stranger's.
 * Loads 10 000 synthetic employees into a throwaway PostgreSQL, then times the address form (the throttle, then
 * startSelfServiceVerification) and startVerification (the link it leads to, the visitor's next request) for
 * 500 known addresses (employees' e-mails or logins, in mixed case) and 500 unknown ones, interleaved at random
 * after a warm-up.
 * Prints p50/p95/p99/mean per group, the difference of the medians (with a bootstrap 95% interval) and an
 * informative verdict. A measurement, not a test. BENCH_EMPLOYEES / BENCH_SAMPLES override the sizes.
 */
import pg from "pg";
import { z } from "zod";
import { ensureReactServerCondition, configureThrowawayInstallation } from "@/lib/cli/bench-runtime";

await ensureReactServerCondition();

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 10_000);
/** Per group (known, unknown). */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 500);
/** Per group, untimed, before the measured run. */
const WARM_UP = 25;
const INSERT_BATCH = 5_000;
const BOOTSTRAP_ROUNDS = 2_000;
const SEED = "bench-portal";

configureThrowawayInstallation();

const { resetServerEnvCache } = await import("@/lib/config/server-env");
const { db, disconnectDb } = await import("@/lib/db/prisma");
const { migrateDatabase } = await import("@/lib/db/migrate-database");
const { startTestPostgres } = await import("@/lib/testing/test-postgres");
const { generatePerson } = await import("@/lib/sandbox/shared/generate-person");
const { SeededRandom } = await import("@/lib/sandbox/shared/seeded-random");
const { selfServiceAddressSchema, startSelfServiceVerification } = await import("@/lib/self-service/start-self-service-verification");
const { throttleSelfServiceStart } = await import("@/lib/self-service/throttle-self-service-start");
const { startVerification } = await import("@/lib/verification/requests/start-verification");

type Person = ReturnType<typeof generatePerson>;
type Group = "known" | "unknown";
type Probe = { group: Group; address: string };

/** The login (UPN) and, when the person has a mailbox, an e-mail on another domain: both are typed at the portal. */
function loginOf(person: Person): string {
  return `${person.loginLocalPart}@contoso.example`;
}
function emailOf(person: Person): string | null {
  return person.hasMail ? `${person.loginLocalPart}@contoso.com` : null;
}

async function insertEmployees(connectionId: string): Promise<void> {
  for (let start = 0; start < EMPLOYEES; start += INSERT_BATCH) {
    const rows = [];
    for (let index = start; index < Math.min(EMPLOYEES, start + INSERT_BATCH); index += 1) {
      const person = generatePerson(SEED, index);
      rows.push({
        externalId: `ext-${index}`, login: loginOf(person), firstName: person.givenName, lastName: person.surname, email: emailOf(person),
        mobilePhone: person.mobilePhone, employeeNumber: person.employeeId, accountStatus: person.lifecycle.toUpperCase(),
      });
    }
    await db().$executeRaw`
      INSERT INTO "employee" ("id", "connectionId", "externalId", "login", "firstName", "lastName", "email", "mobilePhone",
        "employeeNumber", "accountStatus", "membership", "lastSyncedAt", "updatedAt")
      SELECT gen_random_uuid(), ${connectionId}::uuid, t."externalId", t."login", t."firstName", t."lastName", t."email",
        t."mobilePhone", t."employeeNumber", t."accountStatus", 'ACTIVE'::"EmployeeMembership", now(), now()
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS t("externalId" text, "login" text, "firstName" text,
        "lastName" text, "email" text, "mobilePhone" text, "employeeNumber" text, "accountStatus" text)`;
  }
}

/** What people type: "Jane.Doe@Contoso.com", "JANE.DOE@CONTOSO.EXAMPLE", or as stored. */
function mixedCase(address: string, random: InstanceType<typeof SeededRandom>): string {
  const style = random.int(0, 2);
  if (style === 0) return address.toUpperCase();
  if (style === 1) return address.replace(/(^|[.@])([a-z])/g, (_match, separator: string, letter: string) => `${separator}${letter.toUpperCase()}`);
  return [...address].map((character) => (random.chance(0.5) ? character.toUpperCase() : character)).join("");
}

function shuffle<T>(items: T[], random: InstanceType<typeof SeededRandom>): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}

/** Known addresses (e-mail or login of distinct employees) and unknown ones made the same way from people who are not employees. */
function makeProbes(count: number, random: InstanceType<typeof SeededRandom>): { known: string[]; unknown: string[] } {
  const taken = new Set<string>();
  for (let index = 0; index < EMPLOYEES; index += 1) {
    const person = generatePerson(SEED, index);
    taken.add(loginOf(person));
    const email = emailOf(person);
    if (email) taken.add(email);
  }
  const employees = shuffle(Array.from({ length: EMPLOYEES }, (_, index) => index), random).slice(0, count);
  const known = employees.map((index) => {
    const person = generatePerson(SEED, index);
    const email = emailOf(person);
    return mixedCase(email && random.chance(0.5) ? email : loginOf(person), random);
  });
  const unknown: string[] = [];
  for (let index = 0; unknown.length < count; index += 1) {
    const person = generatePerson(`${SEED}-strangers`, index);
    const address = random.chance(0.5) ? `${person.loginLocalPart}@contoso.com` : loginOf(person);
    if (!taken.has(address)) unknown.push(mixedCase(address, random));
  }
  return { known, unknown };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}
function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** 95% interval of median(known) - median(unknown), resampling each group with replacement. */
function bootstrapMedianDifference(known: number[], unknown: number[], random: InstanceType<typeof SeededRandom>): [number, number] {
  const resampledMedian = (values: number[]) => {
    const sample = Array.from({ length: values.length }, () => values[random.int(0, values.length - 1)]!).sort((a, b) => a - b);
    return percentile(sample, 0.5);
  };
  const differences = Array.from({ length: BOOTSTRAP_ROUNDS }, () => resampledMedian(known) - resampledMedian(unknown)).sort((a, b) => a - b);
  return [percentile(differences, 0.025), percentile(differences, 0.975)];
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

type Timing = { group: Group; startMs: number; linkMs: number };
/** Every probe comes from one network, as a visitor's would; each address is typed once, so none is throttled. */
const BENCH_REQUEST = { ip: "198.51.100.20", userAgent: "bench-portal" };

async function probe(item: Probe): Promise<Timing> {
  let started = performance.now();
  // What the address form runs: the per address + network throttle, then the start itself.
  if (!(await throttleSelfServiceStart(selfServiceAddressSchema.parse(item.address), BENCH_REQUEST)).allowed) throw new Error("the bench was throttled");
  const { token } = await startSelfServiceVerification(item.address, BENCH_REQUEST);
  const startMs = performance.now() - started;
  started = performance.now();
  await startVerification(token);
  return { group: item.group, startMs, linkMs: performance.now() - started };
}

function report(title: string, timings: Timing[], pick: (timing: Timing) => number, random: InstanceType<typeof SeededRandom>): void {
  const of = (group: Group) => timings.filter((timing) => timing.group === group).map(pick).sort((a, b) => a - b);
  const known = of("known");
  const unknown = of("unknown");
  process.stdout.write(`\n${title}\n  ${"group".padEnd(8)} ${"n".padStart(4)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"mean ms".padStart(8)}\n`);
  for (const [name, values] of [["known", known], ["unknown", unknown]] as const) {
    process.stdout.write(`  ${name.padEnd(8)} ${String(values.length).padStart(4)} ${[0.5, 0.95, 0.99].map((fraction) => percentile(values, fraction).toFixed(3).padStart(8)).join(" ")} ${mean(values).toFixed(3).padStart(8)}\n`);
  }
  const medianKnown = percentile(known, 0.5);
  const difference = medianKnown - percentile(unknown, 0.5);
  const [low, high] = bootstrapMedianDifference(known, unknown, random);
  const bound = Math.max(Math.abs(low), Math.abs(high));
  process.stdout.write(`  median(known) - median(unknown): ${difference >= 0 ? "+" : ""}${difference.toFixed(3)} ms (${((difference / medianKnown) * 100).toFixed(1)}% of the known median); bootstrap 95% interval [${low.toFixed(3)}, ${high.toFixed(3)}] ms\n`);
  const verdict = low <= 0 && high >= 0
    ? `indistinguishable within ${bound.toFixed(3)} ms at the median (the interval contains 0)`
    : `known addresses are ${difference > 0 ? "slower" : "faster"} by about ${Math.abs(difference).toFixed(3)} ms at the median (the interval excludes 0): a timing signal at this sample size`;
  process.stdout.write(`  verdict: ${verdict}\n`);
}

// A throwaway embedded cluster (or a database on TEST_PG_ADMIN_URL's server, dropped at the end).
const postgres = await startTestPostgres();
const databaseUrl = await postgres.createDatabase("bench_portal");
try {
  await migrateDatabase(databaseUrl, { quiet: true });
  process.env.DATABASE_URL = databaseUrl;
  resetServerEnvCache();
  process.stdout.write(`PostgreSQL started and migrated ${(performance.now() / 1000).toFixed(1)} s after the process started.\n`);

  const connection = await db().iamConnection.create({ data: { provider: "ENTRA", status: "ACTIVE", groupId: "bench", settings: {}, activatedAt: new Date() } });
  const loadStarted = performance.now();
  await insertEmployees(connection.id);
  await db().$executeRawUnsafe("VACUUM ANALYZE employee");
  process.stdout.write(`Loaded ${EMPLOYEES.toLocaleString("en")} employees in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s, then VACUUM ANALYZE.\n`);

  const random = SeededRandom.forItem(`${SEED}-run`, 0);
  const { known, unknown } = makeProbes(SAMPLES + WARM_UP, random);
  const warmUp = shuffle<Probe>([...known.slice(0, WARM_UP).map((address) => ({ group: "known" as const, address })), ...unknown.slice(0, WARM_UP).map((address) => ({ group: "unknown" as const, address }))], random);
  const measured = shuffle<Probe>([...known.slice(WARM_UP).map((address) => ({ group: "known" as const, address })), ...unknown.slice(WARM_UP).map((address) => ({ group: "unknown" as const, address }))], random);
  for (const item of warmUp) await probe(item);

  await flushScanCounts();
  const scansBefore = await tableScans();
  const runStarted = performance.now();
  const timings: Timing[] = [];
  for (const item of measured) timings.push(await probe(item));
  const runSeconds = (performance.now() - runStarted) / 1000;
  await flushScanCounts();
  const scansAfter = await tableScans();

  // The groups really were told apart by the product (else the comparison would mean nothing).
  const matchedCount = await db().verificationRequest.count({ where: { employeeId: { not: null } } });
  const unmatched = await db().verificationRequest.count({ where: { employeeId: null } });
  process.stdout.write(`${measured.length} measured probes (${SAMPLES} known: e-mail or login in mixed case; ${SAMPLES} unknown; interleaved at random) after ${warmUp.length} warm-up, ${runSeconds.toFixed(1)} s.\n`);
  process.stdout.write(`Verifications opened with an employee: ${matchedCount} (expected ${SAMPLES + WARM_UP}), without: ${unmatched} (expected ${SAMPLES + WARM_UP}).\n`);
  process.stdout.write(`Scans of "employee" during the measured run: ${scansAfter.seqScans - scansBefore.seqScans} sequential, ${scansAfter.indexScans - scansBefore.indexScans} index, for ${measured.length} address look-ups (${SAMPLES} known).\n`);
  process.stdout.write("  (The look-up is lower(email) / lower(login) equality, served by two expression indexes for a known address as for an unknown\n   one; a matched address adds the foreign-key check of verification_request.employeeId, one more index scan.)\n");

  report("throttleSelfServiceStart + startSelfServiceVerification(address): the address form", timings, (timing) => timing.startMs, random);
  report("startVerification(token): opening the link, the visitor's next request", timings, (timing) => timing.linkMs, random);
  process.stdout.write("\nIn-process timings around the library calls (no HTTP, no network jitter): an upper bound on what a remote visitor could resolve.\n");
  process.stdout.write(`Whole run ${(performance.now() / 1000).toFixed(1)} s.\n`);
} finally {
  await disconnectDb();
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  await postgres.stop();
}
process.exit(0);
