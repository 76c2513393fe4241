import { inject } from "vitest";
import { resetServerEnvCache } from "@/lib/config/server-env";
import { disconnectDb } from "@/lib/db/prisma";
import { createDatabaseOn } from "@/lib/testing/test-postgres";

/** Creates an empty database (no tables at all) on the run's test server; returns its connection string. */
export function createEmptyDatabase(prefix: string): Promise<string> {
  return createDatabaseOn(inject("testPgAdminUrl"), prefix);
}

/**
 * Points this test file's `db()` at a migrated database of its own with no rows, for tests that count rows
 * across a whole table (other files share the run's database in parallel).
 */
export async function useFreshDatabase(prefix: string): Promise<string> {
  const url = await createDatabaseOn(inject("testPgAdminUrl"), prefix, inject("templateDatabase"));
  await disconnectDb();
  process.env.DATABASE_URL = url;
  resetServerEnvCache();
  return url;
}
