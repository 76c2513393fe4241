import { describe, expect, it } from "vitest";
import { generateOneTimePassword, hashPassword, newPasswordSchema, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("hashes with argon2id and verifies", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapler")).toBe(false);
  });

  it("treats a malformed hash as a mismatch instead of throwing", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("generates distinct one-time passwords from an unambiguous alphabet", () => {
    const passwords = new Set(Array.from({ length: 200 }, () => generateOneTimePassword()));
    expect(passwords.size).toBe(200);
    for (const password of passwords) expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
  });

  it("requires long, non-repetitive new passwords", () => {
    expect(newPasswordSchema.safeParse("short").success).toBe(false);
    expect(newPasswordSchema.safeParse("aaaaaaaaaaaaaaaa").success).toBe(false);
    expect(newPasswordSchema.safeParse("x".repeat(129)).success).toBe(false);
    expect(newPasswordSchema.safeParse("a long enough passphrase").success).toBe(true);
  });
});
