import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/lib/db/migrate-database";
import { chromiumChildEnv, resolveChromium } from "@/lib/testing/resolve-chromium";
import { appRoleUrlFor, enableAppRoleOn, startTestPostgres } from "@/lib/testing/test-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared test database, signed in as the least-privilege app role (as the app runs). */
    databaseUrl: string;
    /** The same database as its owner (the cluster's administrator): for tests that must act as the DBA. */
    ownerDatabaseUrl: string;
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
  const ownerDatabaseUrl = await server.createDatabase("vitest", templateDatabase);
  project.provide("ownerDatabaseUrl", ownerDatabaseUrl);
  await enableAppRoleOn(server.adminUrl);
  project.provide("databaseUrl", appRoleUrlFor(server.adminUrl, ownerDatabaseUrl));
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
