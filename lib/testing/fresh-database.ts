import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate-database";
import { disconnectDb } from "@/lib/db/prisma";

/** Creates an empty database on the run's test server; returns its connection string. */
export async function createEmptyDatabase(prefix: string): Promise<string> {
  const adminUrl = inject("testPgAdminUrl");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Points this test file's `db()` at a database of its own, migrated and empty, for tests that count rows
 * across a whole table (other files share the run's database in parallel).
 */
export async function useFreshDatabase(prefix: string): Promise<string> {
  const url = await createEmptyDatabase(prefix);
  await migrateDatabase(url, { quiet: true });
  await disconnectDb();
  process.env.DATABASE_URL = url;
  return url;
}
