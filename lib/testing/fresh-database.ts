import { inject } from "vitest";
import { resetServerEnvCache } from "@/lib/config/server-env";
import { disconnectDb } from "@/lib/db/prisma";
import { appRoleUrlFor, createDatabaseOn } from "@/lib/testing/test-postgres";

/** Creates an empty database (no tables at all) on the run's test server; returns its connection string. */
export function createEmptyDatabase(prefix: string): Promise<string> {
  return createDatabaseOn(inject("testPgAdminUrl"), prefix);
}

/**
 * Points this test file's `db()` at a migrated database of its own with no rows, for tests that count rows
 * across a whole table (other files share the run's database in parallel). `db()` signs in as the app role,
 * as the app does; the returned URL is the owner's (for the DBA's view, e.g. tampering with the audit log).
 */
export async function useFreshDatabase(prefix: string): Promise<string> {
  const adminUrl = inject("testPgAdminUrl");
  const ownerUrl = await createDatabaseOn(adminUrl, prefix, inject("templateDatabase"));
  await disconnectDb();
  process.env.DATABASE_URL = appRoleUrlFor(adminUrl, ownerUrl);
  resetServerEnvCache();
  return ownerUrl;
}
