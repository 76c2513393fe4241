/**
 * `npm run db:migrate`: applies pending migrations (embedded database when DATABASE_URL is unset).
 * `npm run db:migrate -- --create <name>`: developers only; writes a new migration folder with the SQL that
 * takes the committed prisma/schema.prisma (or the one at `--base <git-ref>`) to the working copy, for review.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { prepareRuntime, PROJECT_ROOT } from "@/lib/cli/prepare-runtime";

const createIndex = process.argv.indexOf("--create");
const runtime = await prepareRuntime({ nodeEnv: "development" });
let status = 0;
if (createIndex !== -1) {
  const name = process.argv[createIndex + 1];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    process.stderr.write("Usage: npm run db:migrate -- --create <snake_case_name>\n");
    status = 2;
  } else {
    // `migrate dev` needs a shadow database, which the Wasm engine cannot drive here (it panics), and
    // `--from-schema-datasource` is refused with an adapter; so diff the committed schema (git HEAD) against
    // the working copy. Commit each migration together with its schema change.
    const previous = path.join(tmpdir(), `schema-head-${process.pid}.prisma`);
    const baseIndex = process.argv.indexOf("--base");
    const base = baseIndex === -1 ? "HEAD" : (process.argv[baseIndex + 1] ?? "HEAD");
    const head = spawnSync("git", ["show", `${base}:prisma/schema.prisma`], { cwd: PROJECT_ROOT, encoding: "utf8" });
    writeFileSync(previous, head.status === 0 ? head.stdout : 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n');
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const folder = path.join(PROJECT_ROOT, "prisma/migrations", `${stamp}_${name}`);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, "migration.sql");
    status =
      spawnSync(
        process.execPath,
        ["node_modules/prisma/build/index.js", "migrate", "diff", "--from-schema-datamodel", previous,
          "--to-schema-datamodel", "prisma/schema.prisma", "--script", "--output", file],
        { cwd: PROJECT_ROOT, stdio: "inherit", env: process.env },
      ).status ?? 1;
    if (status === 0) process.stdout.write(`Wrote ${path.relative(PROJECT_ROOT, file)}: review it, then run npm run db:migrate.\n`);
  }
} else {
  process.stdout.write("Database is up to date.\n");
}
await runtime.stop();
process.exit(status);
