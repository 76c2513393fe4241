import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containsPartOf, generateTemporaryPassword, MIN_TEMPORARY_PASSWORD_LENGTH } from "@/lib/iam/credentials/generate-temporary-password";

/** Entra's default policy (as the sandbox checks it): 8..256 characters, three of four classes. */
function meetsEntraPolicy(password: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  return password.length >= 8 && password.length <= 256 && classes >= 3;
}

/** Okta's default policy: 8+ characters with lower, upper, digit and symbol, and no part of the username. */
function meetsOktaPolicy(password: string, username: string): boolean {
  const local = username.split("@")[0] ?? username;
  const parts = local.split(/[.,\-_#@+\s]/).filter((part) => part.length >= 3);
  return password.length >= 8 && [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].every((pattern) => pattern.test(password)) && !parts.some((part) => password.toLowerCase().includes(part.toLowerCase()));
}

const usernames = fc.oneof(
  fc.emailAddress(),
  fc.string({ minLength: 0, maxLength: 40 }),
  // Usernames made of the password alphabet, so that collisions are likely and the rejection path runs.
  fc.string({ unit: fc.constantFrom(..."abcdefgh2345ABCD!#$"), minLength: 3, maxLength: 12 }),
);

describe("generateTemporaryPassword", () => {
  it("meets Entra's and Okta's default policies and contains no 3-character run of the username", () => {
    fc.assert(
      fc.property(usernames, fc.integer({ min: MIN_TEMPORARY_PASSWORD_LENGTH, max: 64 }), (username, length) => {
        const password = generateTemporaryPassword(username, { length });
        expect(password).toHaveLength(length);
        expect(meetsEntraPolicy(password)).toBe(true);
        expect(meetsOktaPolicy(password, username)).toBe(true);
        expect(containsPartOf(password, username)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("also avoids the names passed in alsoAvoid, case-insensitively", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abcdefghkmnpqrsABCDEFGH"), minLength: 3, maxLength: 10 }), (name) => {
        expect(containsPartOf(generateTemporaryPassword("someone@example.com", { alsoAvoid: [name] }), name)).toBe(false);
      }),
    );
  });

  it("is 16 characters by default, without look-alikes, and does not repeat", () => {
    const passwords = Array.from({ length: 2000 }, () => generateTemporaryPassword("jane.doe@example.com"));
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const password of passwords) {
      expect(password).toHaveLength(16);
      expect(password).not.toMatch(/[0O1lI]/);
    }
  });

  it("uses every character of the alphabet (no class starves)", () => {
    const seen = new Set(Array.from({ length: 500 }, () => generateTemporaryPassword("x")).join(""));
    expect(seen.size).toBe(24 + 24 + 8 + 11);
  });

  it("refuses lengths below 16", () => {
    expect(() => generateTemporaryPassword("jane", { length: 12 })).toThrow(RangeError);
  });

  it("containsPartOf matches 3-character runs only", () => {
    expect(containsPartOf("xxJANxx", "jane.doe")).toBe(true);
    expect(containsPartOf("xxJAxx", "jane.doe")).toBe(false);
    expect(containsPartOf("whatever", "ab")).toBe(false);
  });
});
