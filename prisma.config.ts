import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

/*
 * Migrate shims (CLI only, never loaded by the app).
 *
 * 1.
 * Prisma 6.19 migrates through its Wasm schema engine over the `pg` driver adapter, and that adapter cannot
 * map the catalog column types `name` (OID 19) and `"char"` (OID 18) that the engine reads while introspecting
 * (prisma/orm#27403: "Column type 'name' could not be deserialized"). Reporting them as `text` (OID 25) is
 * exact for both: they are strings.
 * 2. The adapter's `executeScript` splits a migration on every ";" and runs the pieces one by one outside a
 * transaction: PL/pgSQL bodies break, and a failing migration is left half-applied. We send the script as one
 * simple-protocol query instead, which PostgreSQL runs as a single implicit transaction: all or nothing.
 * Both are covered by lib/db/migrate-database.integration.test.ts, which migrates an empty database.
 */
const require = createRequire(import.meta.url);
const Result = require("pg/lib/result.js") as {
  prototype: { addFields(fields: Array<{ dataTypeID: number }>): void };
};
const PG_NAME = 19;
const PG_CHAR = 18;
const PG_TEXT = 25;
const originalAddFields = Result.prototype.addFields;
Result.prototype.addFields = function addFields(fields) {
  for (const field of fields) {
    if (field.dataTypeID === PG_NAME || field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
  }
  return originalAddFields.call(this, fields);
};

type ScriptRunner = {
  executeScript(script: string): Promise<void>;
  underlyingDriver(): { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
};

function runScriptsAtomically<Adapter>(adapter: Adapter): Adapter {
  const runner = adapter as unknown as ScriptRunner;
  runner.executeScript = async (script) => {
    try {
      await runner.underlyingDriver().query(script);
    } catch (error) {
      runner.onError(error);
    }
  };
  return adapter;
}

// `prisma generate` never connects, but reading the schema's `env("DATABASE_URL")` fails when it is unset and
// the CLI then tries to download an engine; a placeholder lets `npm install` generate the client offline.
if (process.argv.includes("generate")) process.env.DATABASE_URL ??= "postgresql://placeholder.invalid/generate-only";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: run migrations through `npm run db:migrate`.");
    const factory = new PrismaPg({ connectionString });
    const connect = factory.connect.bind(factory);
    const connectToShadowDb = factory.connectToShadowDb.bind(factory);
    factory.connect = async () => runScriptsAtomically(await connect());
    factory.connectToShadowDb = async () => runScriptsAtomically(await connectToShadowDb());
    return factory;
  },
});
