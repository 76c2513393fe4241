import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const localSecretsSchema = z.object({
  authSecret: z.string().min(32),
  dataEncryptionKeys: z.string().min(1),
  postgresPassword: z.string().min(16),
  /** The least-privilege role the app's queries run as (lib/db/app-role.ts); added to older files on start. */
  appPostgresPassword: z.string().min(16).optional(),
});

export type LocalSecrets = z.infer<typeof localSecretsSchema> & { appPostgresPassword: string };

function newPassword(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * Secrets for the embedded single-machine default, generated once into `<dataDir>/secrets.json` (mode 0600)
 * and reused on every start so sessions and encrypted data survive restarts. Production sets them through
 * the environment instead.
 */
export async function loadOrCreateLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, "secrets.json");
  try {
    const parsed = localSecretsSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (parsed.success) {
      await chmod(file, 0o600);
      if (parsed.data.appPostgresPassword) return { ...parsed.data, appPostgresPassword: parsed.data.appPostgresPassword };
      // A data folder from before the app role existed: add its password, keep everything else.
      const upgraded = { ...parsed.data, appPostgresPassword: newPassword() };
      await writeFile(file, `${JSON.stringify(upgraded, null, 2)}\n`, { mode: 0o600 });
      return upgraded;
    }
    throw new Error(`${file} is malformed; move it away to generate new secrets (encrypted data will be lost).`);
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "ENOENT")) throw error;
  }
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    dataEncryptionKeys: `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}:${randomBytes(32).toString("base64")}`,
    postgresPassword: newPassword(),
    appPostgresPassword: newPassword(),
  };
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  // `wx`: never overwrite a file another process created in the meantime.
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  return secrets;
}
