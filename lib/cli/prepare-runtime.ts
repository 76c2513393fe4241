import path from "node:path";
import { loadOrCreateLocalSecrets } from "@/lib/config/local-secrets";
import { ConfigurationError, parseServerEnv, type ServerEnv } from "@/lib/config/server-env";
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrateDatabase } from "@/lib/db/migrate-database";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

/** Where the embedded default keeps its database, generated secrets and sandbox certificates. */
export function resolveDataDir(source: Record<string, string | undefined> = process.env): string {
  return path.resolve(PROJECT_ROOT, source.DATA_DIR ?? ".data");
}

export type PreparedRuntime = {
  env: ServerEnv;
  embedded: EmbeddedPostgresHandle | undefined;
  stop(): Promise<void>;
};

/**
 * Everything that must hold before the server starts. With DATABASE_URL unset (the embedded default) it
 * starts PostgreSQL under DATA_DIR (default `.data/`) and fills in locally generated secrets; with it set,
 * every setting comes from the environment. Then it validates the configuration (exiting with the variable's
 * name on error) and applies pending migrations.
 */
export async function prepareRuntime(options: { nodeEnv: "development" | "production" }): Promise<PreparedRuntime> {
  const source: Record<string, string | undefined> = { ...process.env };
  source.NODE_ENV ??= options.nodeEnv;
  // A credential-reset product does not phone home; set NEXT_TELEMETRY_DISABLED=0 to opt in.
  source.NEXT_TELEMETRY_DISABLED ??= "1";
  let embedded: EmbeddedPostgresHandle | undefined;

  if (!source.DATABASE_URL) {
    const dataDir = resolveDataDir(source);
    const secrets = await loadOrCreateLocalSecrets(dataDir);
    source.AUTH_SECRET ??= secrets.authSecret;
    source.DATA_ENCRYPTION_KEYS ??= secrets.dataEncryptionKeys;
    source.APP_URL ??= `http://localhost:${source.PORT ?? "3000"}`;
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      password: secrets.postgresPassword,
      persistent: true,
      port: source.EMBEDDED_POSTGRES_PORT ? Number(source.EMBEDDED_POSTGRES_PORT) : undefined,
    });
    await embedded.createDatabase("verifyd");
    source.DATABASE_URL = embedded.urlFor("verifyd");
  }

  let env: ServerEnv;
  try {
    env = parseServerEnv(source);
  } catch (error) {
    await embedded?.stop();
    if (error instanceof ConfigurationError) {
      process.stderr.write(`\n${error.message}\n\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }
  // The server code reads process.env; Auth.js reads AUTH_URL for the URLs it builds.
  Object.assign(process.env, { ...source, NODE_ENV: env.NODE_ENV, AUTH_URL: env.APP_URL });

  try {
    await migrateDatabase(env.DATABASE_URL);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { env, embedded, stop: async () => void (await embedded?.stop()) };
}
