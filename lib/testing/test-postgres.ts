import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
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
