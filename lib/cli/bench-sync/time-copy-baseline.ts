import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import pg from "pg";
import { copyFromStdin, copyText } from "@/lib/db/copy-from-stdin";

/** Every column the sync writes (the GENERATED search columns are computed by PostgreSQL, as for the sync). */
const COLUMNS = [
  "id", "connectionId", "externalId", "login", "firstName", "lastName", "email", "mobilePhone", "streetAddress", "city", "state",
  "postalCode", "country", "birthday", "employeeNumber", "accountStatus", "adminRoles", "membership", "lastSeenSyncRunId",
  "lastSyncedAt", "createdAt", "updatedAt",
] as const;
const COLUMN_LIST = COLUMNS.map((column) => `"${column}"`).join(", ");
const EXPORT_BATCH = 20_000;
const TARGET = "bench_copy_target";

/** Writes the employee rows the sync stored to a file in COPY's text format (untimed preparation). */
async function exportRows(client: pg.Client, file: string): Promise<number> {
  const out = createWriteStream(file);
  let rows = 0;
  await client.query("BEGIN");
  // New ids: the copies' word rows (below) must not be mistaken for the synced employees' own.
  const selected = COLUMNS.map((column) => (column === "id" ? "gen_random_uuid()::text" : `"${column}"::text`)).join(", ");
  await client.query(`DECLARE bench_rows NO SCROLL CURSOR FOR SELECT ${selected} FROM "employee"`);
  for (;;) {
    const batch = await client.query<string[]>({ text: `FETCH ${EXPORT_BATCH} FROM bench_rows`, rowMode: "array" });
    if (batch.rows.length === 0) break;
    const text = batch.rows.map((row) => `${row.map((value: string | null) => copyText(value)).join("\t")}\n`).join("");
    if (!out.write(text)) await once(out, "drain");
    rows += batch.rows.length;
  }
  await client.query("COMMIT");
  out.end();
  await once(out, "finish");
  return rows;
}

/**
 * The write limit of this machine for these rows: one bare `COPY ... FROM STDIN` (one transaction, commit without
 * waiting for the WAL flush, as the sync's page transactions) of the rows the sync just wrote, into a table built
 * `LIKE "employee" INCLUDING ALL` (same columns, GENERATED search columns, defaults, every index with its operator
 * class and storage parameters) plus the same foreign key, and the same trigger that keeps the search's word
 * streams (employee_search_word, a side table that is an index in all but name: decision 86). The rows are
 * exported to a file first (untimed); the timing covers sending them and PostgreSQL storing and indexing them.
 * The copies' word rows are removed afterwards (untimed).
 */
export async function timeCopyBaseline(databaseUrl: string): Promise<{ seconds: number; rows: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const folder = await mkdtemp(path.join(tmpdir(), "verifyd-bench-copy-"));
  const file = path.join(folder, "employees.copy");
  try {
    const exported = await exportRows(client, file);
    await client.query(`DROP TABLE IF EXISTS ${TARGET}`);
    await client.query(`CREATE TABLE ${TARGET} (LIKE "employee" INCLUDING ALL)`);
    await client.query(`ALTER TABLE ${TARGET} ADD FOREIGN KEY ("connectionId") REFERENCES "iam_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    await client.query(`CREATE TRIGGER bench_copy_words AFTER INSERT ON ${TARGET} REFERENCING NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION employee_search_words_added()`);
    await client.query("CHECKPOINT");
    const started = performance.now();
    await client.query("BEGIN");
    await client.query("SET LOCAL synchronous_commit = off");
    const rows = await copyFromStdin(client, `COPY ${TARGET} (${COLUMN_LIST}) FROM STDIN`, createReadStream(file, { highWaterMark: 256 * 1024 }));
    await client.query("COMMIT");
    const seconds = (performance.now() - started) / 1000;
    if (rows !== exported) throw new Error(`COPY stored ${rows} of ${exported} rows`);
    await client.query(`DELETE FROM "employee_search_word" w WHERE EXISTS (SELECT FROM ${TARGET} t WHERE t."id" = w."employeeId")`);
    await client.query(`DROP TABLE ${TARGET}`);
    return { seconds, rows };
  } finally {
    await client.end();
    await rm(folder, { recursive: true, force: true });
  }
}
