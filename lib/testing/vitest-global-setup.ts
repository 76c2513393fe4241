import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/lib/db/migrate-database";
import { chromiumChildEnv, resolveChromium } from "@/lib/testing/resolve-chromium";
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
  await shareChromium();
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

/**
 * Resolves the test browser once for all workers (they inherit this process's environment): on a machine
 * without Chromium, two workers must not unpack the npm build into the same file at once. A failure is left
 * to the tests that need a browser, which resolve again and report it; the others still run.
 */
async function shareChromium(): Promise<void> {
  try {
    Object.assign(process.env, chromiumChildEnv(await resolveChromium()));
  } catch {
    // Reported by withChromiumPage in the tests that need it.
  }
}
