import { describe, expect, it } from "vitest";
import { createApiKeySchema } from "@/lib/api-keys/api-key-schemas";
import { generateApiKey, hashApiKey, isWellFormedApiKey } from "@/lib/api-keys/api-key-secrets";

describe("API key secrets", () => {
  it("are 256-bit, prefixed, shown by a short prefix only and stored as their SHA-256", () => {
    const first = generateApiKey();
    const second = generateApiKey();
    expect(first.key).toMatch(/^vfd_[A-Za-z0-9_-]{43}$/);
    expect(first.key).not.toBe(second.key);
    expect(first.prefix).toBe(first.key.slice(0, 10));
    expect(first.hash).toBe(hashApiKey(first.key));
    expect(first.hash).not.toContain(first.key.slice(4));
    expect(isWellFormedApiKey(first.key)).toBe(true);
    for (const bad of ["", "vfd_", `vfd_${"a".repeat(42)}`, `vfd_${"a".repeat(44)}`, `VFD_${"a".repeat(43)}`, `vfd_${"a".repeat(42)}=`]) expect(isWellFormedApiKey(bad), bad).toBe(false);
  });
});

describe("createApiKeySchema", () => {
  it("keeps scopes in a stable order without duplicates, and defaults the rate limit", () => {
    const parsed = createApiKeySchema.parse({ name: " ServiceNow ", scopes: ["verifications:read", "directory:search", "verifications:read"], lifetime: "90" });
    expect(parsed).toEqual({ name: "ServiceNow", scopes: ["directory:search", "verifications:read"], lifetime: 90, rateLimitPerMinute: 120 });
    expect(createApiKeySchema.parse({ name: "x", scopes: ["directory:search"], lifetime: "never" }).lifetime).toBe("never");
  });

  it("refuses no scope, unknown scopes, odd lifetimes and limits with a message per field", () => {
    const result = createApiKeySchema.safeParse({ name: "", scopes: [], lifetime: 7, rateLimitPerMinute: 0 });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((issue) => issue.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["name", "scopes", "lifetime", "rateLimitPerMinute"]));
    expect(createApiKeySchema.safeParse({ name: "x", scopes: ["users:delete"], lifetime: 90 }).success).toBe(false);
  });
});
