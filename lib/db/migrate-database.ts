import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Applies pending migrations from prisma/migrations with the Prisma CLI (`migrate deploy`: never creates or
 * resets anything). Runs the CLI through the migrate shim in prisma.config.ts.
 */
export async function migrateDatabase(databaseUrl: string, options: { quiet?: boolean } = {}): Promise<void> {
  const require = createRequire(import.meta.url);
  const prismaCli = require.resolve("prisma/build/index.js");
  // This file's project (lib/db/ -> root), not the one node_modules resolves into: a git worktree whose
  // node_modules is a symlink to another checkout must migrate with its own prisma/migrations.
  const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const output: Buffer[] = [];
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, "migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("error", reject);
    child.on("close", resolve);
  });
  const text = Buffer.concat(output).toString("utf8");
  if (exitCode !== 0) throw new Error(`prisma migrate deploy failed (exit ${exitCode}):\n${text}`);
  if (!options.quiet) {
    // The CLI lists what it applied as tree lines ("└─ 20261122012500_foundation/").
    const applied = [...text.matchAll(/[└├]─ (\d{14}_\w+)\/?$/gm)].map((match) => match[1]);
    if (applied.length > 0) process.stdout.write(`Applied ${applied.length} migration(s): ${applied.join(", ")}\n`);
  }
}
