import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/lib/db/migrate-database";
import { startTestPostgres } from "@/lib/testing/test-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    testPgAdminUrl: string;
    templateDatabase: string;
  }
}

/**
 * One migrated template database per Vitest run, on the run's own PostgreSQL server. Test files share a copy
 * of it; files that need an empty table get their own copy (CREATE DATABASE ... TEMPLATE takes milliseconds,
 * where running the migrations again takes seconds).
 */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  const templateUrl = await server.createDatabase("vitest_template");
  await migrateDatabase(templateUrl, { quiet: true });
  const templateDatabase = new URL(templateUrl).pathname.slice(1);
  const databaseUrl = await server.createDatabase("vitest", templateDatabase);
  project.provide("databaseUrl", databaseUrl);
  project.provide("templateDatabase", templateDatabase);
  // Tests that need an empty database of their own (the migration test) create it on the same server.
  const admin = new URL(templateUrl);
  admin.pathname = "/postgres";
  project.provide("testPgAdminUrl", admin.toString());
  return () => server.stop();
}
