import { z } from "zod";
import { parseKeyring } from "@/lib/crypto/keyring";

/**
 * Every environment variable the server reads, parsed once at start-up. `lib/cli/*` fills in the embedded
 * defaults (database, secrets) before this runs, so in every mode a missing or malformed value stops the
 * process with a message naming the variable.
 */
export const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required (a PostgreSQL connection string, postgresql://user:pass@host:5432/db)" })
    .regex(/^postgres(ql)?:\/\/.+/, "must be a postgresql:// connection string"),
  APP_URL: z.url({ error: "must be the absolute URL users reach the console at, e.g. https://verify.example.com" }),
  AUTH_SECRET: z
    .string({ error: "is required (32+ random characters; e.g. `openssl rand -base64 32`)" })
    .min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)"),
  DATA_ENCRYPTION_KEYS: z
    .string({ error: "is required: comma-separated `keyId:base64(32 bytes)` entries, the first one encrypts" })
    .superRefine((value, ctx) => {
      try {
        parseKeyring(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : "is malformed" });
      }
    }),
  TRUSTED_PROXY_COUNT: z.coerce
    .number({ error: "must be a whole number" })
    .int()
    .min(0)
    .max(10, "must be between 0 and 10")
    .default(0),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  BOOTSTRAP_ADMIN_EMAIL: z
    .email({ error: "must be an e-mail address with a domain, e.g. admin@example.com" })
    .default("admin@verifyd.local"),
}).superRefine((env, ctx) => {
  const appUrl = new URL(env.APP_URL);
  const isLoopback = ["localhost", "127.0.0.1", "[::1]"].includes(appUrl.hostname);
  if (env.NODE_ENV === "production" && appUrl.protocol !== "https:" && !isLoopback) {
    ctx.addIssue({
      code: "custom",
      path: ["APP_URL"],
      message: "must use https outside localhost: session cookies are only sent over TLS in production",
    });
  }
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigurationError";
  }
}

/** Parses an environment; throws a ConfigurationError whose lines each start with the variable name. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = serverEnvSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigurationError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
    );
  }
  return result.data;
}

let cached: ServerEnv | undefined;

/** The parsed environment of this process (memoised). */
export function getServerEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

/** Forgets the memoised environment (tests that switch databases). */
export function resetServerEnvCache(): void {
  cached = undefined;
}

/** True when cookies must carry `Secure`: every deployment except plain-http loopback development. */
export function usesSecureCookies(env: ServerEnv = getServerEnv()): boolean {
  return new URL(env.APP_URL).protocol === "https:";
}
