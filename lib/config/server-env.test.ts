import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigurationError, parseServerEnv, usesSecureCookies } from "@/lib/config/server-env";

const valid = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://app:secret@db.internal:5432/verifyd",
  APP_URL: "https://verify.example.com",
  AUTH_SECRET: randomBytes(32).toString("base64"),
  DATA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseServerEnv(source);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe("server environment", () => {
  it("accepts a complete production configuration and applies defaults", () => {
    const env = parseServerEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.TRUSTED_PROXY_COUNT).toBe(0);
    expect(usesSecureCookies(env)).toBe(true);
  });

  it.each(["DATABASE_URL", "APP_URL", "AUTH_SECRET", "DATA_ENCRYPTION_KEYS"])("names %s when it is missing", (name) => {
    const problems = problemsOf({ ...valid, [name]: undefined });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} `));
  });

  it("explains malformed values", () => {
    expect(problemsOf({ ...valid, AUTH_SECRET: "short" })[0]).toMatch(/^AUTH_SECRET must be at least 32 characters/);
    expect(problemsOf({ ...valid, DATABASE_URL: "mysql://x" })[0]).toMatch(/^DATABASE_URL must be a postgresql/);
    expect(problemsOf({ ...valid, MIGRATION_DATABASE_URL: "mysql://x" })[0]).toMatch(/^MIGRATION_DATABASE_URL must be a postgresql/);
    expect(problemsOf({ ...valid, MIGRATION_DATABASE_URL: "" })).toEqual([]);
    expect(problemsOf({ ...valid, DATA_ENCRYPTION_KEYS: "k1:abc" })[0]).toMatch(/^DATA_ENCRYPTION_KEYS .*32 bytes/);
    expect(problemsOf({ ...valid, TRUSTED_PROXY_COUNT: "many" })[0]).toMatch(/^TRUSTED_PROXY_COUNT/);
  });

  it("refuses plain http outside localhost in production, so cookies are always Secure there", () => {
    expect(problemsOf({ ...valid, APP_URL: "http://verify.example.com" })[0]).toMatch(/^APP_URL must use https/);
    const local = parseServerEnv({ ...valid, APP_URL: "http://localhost:3000" });
    expect(usesSecureCookies(local)).toBe(false);
  });

  describe("mail and SMS transports", () => {
    it("are optional: without them messages stay in the outbox, from a default sender", () => {
      const env = parseServerEnv({ ...valid, SMTP_URL: "", SMS_WEBHOOK_URL: "" });
      expect(env.SMTP_URL).toBeUndefined();
      expect(env.SMS_WEBHOOK_URL).toBeUndefined();
      expect(env.MAIL_FROM).toBe("verifyd <no-reply@localhost>");
    });

    it("accept a complete production configuration", () => {
      const env = parseServerEnv({
        ...valid,
        SMTP_URL: "smtps://mailer:secret@mail.example.com:465",
        MAIL_FROM: "IT service desk <it@example.com>",
        SMS_WEBHOOK_URL: "https://sms.example.com/hooks/verifyd",
        SMS_WEBHOOK_TOKEN: "0123456789abcdef0123",
      });
      expect(env.SMTP_URL).toBe("smtps://mailer:secret@mail.example.com:465");
      expect(env.MAIL_FROM).toBe("IT service desk <it@example.com>");
    });

    it("explain malformed values", () => {
      expect(problemsOf({ ...valid, SMTP_URL: "https://mail.example.com" })[0]).toMatch(/^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
      expect(problemsOf({ ...valid, SMTP_URL: "not a url" })[0]).toMatch(/^SMTP_URL /);
      expect(problemsOf({ ...valid, MAIL_FROM: "verifyd <nobody>" })[0]).toMatch(/^MAIL_FROM must be an address/);
      expect(problemsOf({ ...valid, SMS_WEBHOOK_URL: "ftp://sms.example.com" })[0]).toMatch(/^SMS_WEBHOOK_URL /);
      expect(problemsOf({ ...valid, SMS_WEBHOOK_URL: "https://sms.example.com", SMS_WEBHOOK_TOKEN: "short" })[0]).toMatch(
        /^SMS_WEBHOOK_TOKEN must be at least 16/,
      );
      expect(problemsOf({ ...valid, SMS_WEBHOOK_TOKEN: "0123456789abcdef0123" })[0]).toMatch(/^SMS_WEBHOOK_TOKEN is set but SMS_WEBHOOK_URL is not/);
    });

    it("require a real sender with SMTP in production", () => {
      const smtp = { ...valid, SMTP_URL: "smtp://mail.example.com:587" };
      expect(problemsOf(smtp)[0]).toMatch(/^MAIL_FROM is required with SMTP_URL in production/);
      expect(problemsOf({ ...smtp, MAIL_FROM: "no-reply@LOCALHOST" })[0]).toMatch(/^MAIL_FROM is required/);
      expect(problemsOf({ ...smtp, MAIL_FROM: "no-reply@example.com" })).toEqual([]);
      expect(problemsOf({ ...smtp, NODE_ENV: "development" })).toEqual([]);
    });

    it("require https for the SMS webhook in production, except on loopback", () => {
      expect(problemsOf({ ...valid, SMS_WEBHOOK_URL: "http://sms.example.com/send" })[0]).toMatch(/^SMS_WEBHOOK_URL must use https/);
      expect(problemsOf({ ...valid, SMS_WEBHOOK_URL: "http://127.0.0.1:9000/send" })).toEqual([]);
      expect(problemsOf({ ...valid, NODE_ENV: "development", SMS_WEBHOOK_URL: "http://sms.example.com/send" })).toEqual([]);
    });
  });
});
