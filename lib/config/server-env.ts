import { z } from "zod";
import { parseKeyring } from "@/lib/config/keyring";

const DEFAULT_MAIL_FROM = "verifyd <no-reply@localhost>";
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

// The default sender: fine for the local outbox, not for a real mail server (zod's e-mail check wants a TLD).
function isLocalhostAddress(mailbox: string): boolean {
  return /^[^@\s]+@localhost$/i.test(mailboxAddress(mailbox));
}

/** An unset optional variable is often written as `NAME=` in a .env file: treat "" as unset. */
function optional<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
}

/** The address part of `Name <address>` or a bare address. */
function mailboxAddress(mailbox: string): string {
  return mailbox.match(/<([^<>]+)>\s*$/)?.[1]?.trim() ?? mailbox.trim();
}

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
  // The schema owner's connection, used only to apply migrations; DATABASE_URL is then the least-privilege
  // app role (lib/db/app-role.ts). Unset: migrations run as DATABASE_URL (refused in production, see
  // lib/cli/check-database-roles.ts).
  MIGRATION_DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/.+/, "must be a postgresql:// connection string")),
  // How recent a second factor must be for step-up actions (connection, policy, console user changes, resets).
  CONSOLE_STEP_UP_MINUTES: z.coerce.number().int().min(1).max(480).default(10),
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
  // Without SMTP_URL / SMS_WEBHOOK_URL messages stay in the console's outbox (lib/notifications).
  SMTP_URL: optional(
    z
      .url({ error: "must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@mail.example.com:465" })
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@mail.example.com:465"),
  ),
  MAIL_FROM: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^[^\r\n]*$/, "must be one line")
      .refine((value) => isLocalhostAddress(value) || z.email().safeParse(mailboxAddress(value)).success, {
        message: 'must be an address or "Name <address>", e.g. verifyd <no-reply@example.com>',
      })
      .default(DEFAULT_MAIL_FROM),
  ),
  SMS_WEBHOOK_URL: optional(
    z.url({ error: "must be the http(s) URL of your SMS gateway's webhook" }).regex(/^https?:\/\//, "must be an http(s) URL"),
  ),
  SMS_WEBHOOK_TOKEN: optional(z.string().min(16, "must be at least 16 characters (it is sent as a bearer token)")),
}).superRefine((env, ctx) => {
  const production = env.NODE_ENV === "production";
  const appUrl = new URL(env.APP_URL);
  if (production && appUrl.protocol !== "https:" && !LOOPBACK_HOSTS.includes(appUrl.hostname)) {
    ctx.addIssue({
      code: "custom",
      path: ["APP_URL"],
      message: "must use https outside localhost: session cookies are only sent over TLS in production",
    });
  }
  // Mail from a made-up localhost sender lands in spam or is refused; refuse it before the first message.
  if (production && env.SMTP_URL && isLocalhostAddress(env.MAIL_FROM)) {
    ctx.addIssue({
      code: "custom",
      path: ["MAIL_FROM"],
      message: "is required with SMTP_URL in production: a real sender, e.g. verifyd <no-reply@example.com>",
    });
  }
  if (production && env.SMS_WEBHOOK_URL) {
    const webhook = new URL(env.SMS_WEBHOOK_URL);
    if (webhook.protocol !== "https:" && !LOOPBACK_HOSTS.includes(webhook.hostname)) {
      ctx.addIssue({
        code: "custom",
        path: ["SMS_WEBHOOK_URL"],
        message: "must use https outside localhost: it carries phone numbers and one-time codes",
      });
    }
  }
  if (env.SMS_WEBHOOK_TOKEN && !env.SMS_WEBHOOK_URL) {
    ctx.addIssue({ code: "custom", path: ["SMS_WEBHOOK_TOKEN"], message: "is set but SMS_WEBHOOK_URL is not" });
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
