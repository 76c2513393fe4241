import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/lib/db/migrate-database";
import { startTestPostgres } from "@/lib/testing/test-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    testPgAdminUrl: string;
  }
}

/** One migrated database for the whole Vitest run, on the run's own PostgreSQL server. */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  const databaseUrl = await server.createDatabase("vitest");
  await migrateDatabase(databaseUrl, { quiet: true });
  project.provide("databaseUrl", databaseUrl);
  // Tests that need an empty database of their own (the migration test) create it on the same server.
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  project.provide("testPgAdminUrl", admin.toString());
  return () => server.stop();
}
