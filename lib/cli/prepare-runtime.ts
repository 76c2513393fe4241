import path from "node:path";
import { loadOrCreateLocalSecrets } from "@/lib/config/local-secrets";
import { ConfigurationError, parseServerEnv, type ServerEnv } from "@/lib/config/server-env";
import { APP_ROLE, auditLogPowersOf, connectionUrlAs, enableAppRoleLogin } from "@/lib/db/app-role";
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
 * name on error), applies pending migrations as the schema owner (MIGRATION_DATABASE_URL, else DATABASE_URL)
 * and checks that DATABASE_URL's role cannot rewrite the audit log (refused in production).
 */
export async function prepareRuntime(options: { nodeEnv: "development" | "production" }): Promise<PreparedRuntime> {
  const source: Record<string, string | undefined> = { ...process.env };
  source.NODE_ENV ??= options.nodeEnv;
  // A credential-reset product does not phone home; set NEXT_TELEMETRY_DISABLED=0 to opt in.
  source.NEXT_TELEMETRY_DISABLED ??= "1";
  let embedded: EmbeddedPostgresHandle | undefined;
  let embeddedAppRole: { ownerUrl: string; password: string } | undefined;

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
    // Migrations as the cluster's administrator, the app's queries as the least-privilege role.
    const ownerUrl = embedded.urlFor("verifyd");
    embeddedAppRole = { ownerUrl, password: secrets.appPostgresPassword };
    source.MIGRATION_DATABASE_URL = ownerUrl;
    source.DATABASE_URL = connectionUrlAs(ownerUrl, APP_ROLE, secrets.appPostgresPassword);
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
  // The server code reads process.env; Auth.js reads AUTH_URL for the URLs it builds. The owner's
  // connection is for migrations only: it stays out of the environment the app (and its children) sees.
  const { MIGRATION_DATABASE_URL: _owner, ...appSource } = source;
  delete process.env.MIGRATION_DATABASE_URL;
  Object.assign(process.env, { ...appSource, NODE_ENV: env.NODE_ENV, AUTH_URL: env.APP_URL });

  try {
    await migrateDatabase(env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL);
    if (embeddedAppRole) await enableAppRoleLogin(embeddedAppRole.ownerUrl, embeddedAppRole.password);
    await checkAppRole(env);
  } catch (error) {
    await embedded?.stop();
    if (error instanceof ConfigurationError) {
      process.stderr.write(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  return { env, embedded, stop: async () => void (await embedded?.stop()) };
}

/**
 * The audit log is only append-only if the app cannot undo that: its role must not own audit_event (the owner
 * may drop the triggers) nor hold UPDATE/DELETE/TRUNCATE there. Production refuses to start otherwise;
 * development (a developer's own DATABASE_URL) is told once.
 */
async function checkAppRole(env: ServerEnv): Promise<void> {
  const { role, powers } = await auditLogPowersOf(env.DATABASE_URL);
  if (powers.length === 0) return;
  const message =
    `DATABASE_URL signs in as "${role}", which ${powers.join(" and ")}: the app could rewrite its own audit log.\n` +
    `Set MIGRATION_DATABASE_URL to the schema owner and DATABASE_URL to the role ${APP_ROLE} (see README, Production).`;
  if (env.NODE_ENV === "production") throw new ConfigurationError([message]);
  process.stderr.write(`\nWarning: ${message}\n\n`);
}
