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
    expect(problemsOf({ ...valid, DATA_ENCRYPTION_KEYS: "k1:abc" })[0]).toMatch(/^DATA_ENCRYPTION_KEYS .*32 bytes/);
    expect(problemsOf({ ...valid, TRUSTED_PROXY_COUNT: "many" })[0]).toMatch(/^TRUSTED_PROXY_COUNT/);
  });

  it("refuses plain http outside localhost in production, so cookies are always Secure there", () => {
    expect(problemsOf({ ...valid, APP_URL: "http://verify.example.com" })[0]).toMatch(/^APP_URL must use https/);
    const local = parseServerEnv({ ...valid, APP_URL: "http://localhost:3000" });
    expect(usesSecureCookies(local)).toBe(false);
  });
});
