import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { APP_ROLE, connectionUrlAs, enableAppRoleLogin } from "@/lib/db/app-role";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

export type TestPostgres = {
  /** Connection string of the maintenance database, for creating more databases. */
  adminUrl: string;
  /** Creates a database with a unique name (empty, or a copy of `template`); returns its connection string. */
  createDatabase(prefix: string, template?: string): Promise<string>;
  stop(): Promise<void>;
};

/**
 * A PostgreSQL server for one test run: the server named by TEST_PG_ADMIN_URL when set (`npm test` shares
 * one between suites), otherwise a throwaway embedded cluster in a temporary directory. Every suite gets
 * fresh databases, so runs never see each other's rows.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (adminUrl) {
    return { adminUrl, createDatabase: (prefix, template) => createDatabaseOn(adminUrl, prefix, template), stop: async () => {} };
  }
  const dataRoot = await mkdtemp(path.join(tmpdir(), "verifyd-test-pg-"));
  // mkdtemp makes the folder private; as root, PostgreSQL runs as the `postgres` user and must reach it.
  await chmod(dataRoot, 0o755);
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(dataRoot, "data"),
    password: randomBytes(12).toString("hex"),
    persistent: false,
  });
  return {
    adminUrl: cluster.adminUrl,
    createDatabase: (prefix, template) => createDatabaseOn(cluster.adminUrl, prefix, template),
    async stop() {
      await cluster.stop();
      await rm(dataRoot, { recursive: true, force: true });
    },
  };
}

export async function createDatabaseOn(adminUrl: string, prefix: string, template?: string): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// From the server's admin credentials and address only (not the database path), so every URL of one server
// yields the same password.
function appRolePasswordFor(adminUrl: string): string {
  const { username, password, host } = new URL(adminUrl);
  return createHash("sha256").update(`${APP_ROLE}|${username}:${password}@${host}`).digest("base64url");
}

/**
 * `databaseUrl` signed in as the app role. Its password is derived from the server's admin URL, so suites
 * sharing one server (TEST_PG_ADMIN_URL) agree on it; call `enableAppRoleOn` once per server first.
 */
export function appRoleUrlFor(adminUrl: string, databaseUrl: string): string {
  return connectionUrlAs(databaseUrl, APP_ROLE, appRolePasswordFor(adminUrl));
}

/**
 * Lets the app role sign in on a test server with the derived password. Skips the ALTER ROLE when it already
 * can: concurrent ALTERs of one role fail ("tuple concurrently updated") when suites start together.
 */
export async function enableAppRoleOn(adminUrl: string): Promise<void> {
  const probe = new pg.Client({ connectionString: appRoleUrlFor(adminUrl, adminUrl) });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch {
    await probe.end().catch(() => {});
  }
  await enableAppRoleLogin(adminUrl, appRolePasswordFor(adminUrl));
}
