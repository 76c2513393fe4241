import { describe, expect, it } from "vitest";
import { createIdvClientSchema, redirectUriProblem } from "@/lib/idv/clients/idv-client-schemas";

const base = { name: " Acme ", allowedClaims: ["dateOfBirth", "lastName", "firstName", "lastName"] };

describe("IdV client input", () => {
  it("accepts https anywhere and http only on loopback (the built-in sandbox)", () => {
    for (const uri of ["https://acme.okta.com/idp/identity-verification/callback", "http://localhost:4100/cb", "http://127.0.0.1/cb", "http://[::1]:8080/cb", "https://acme.example/cb?tenant=1"]) {
      expect(redirectUriProblem(uri), uri).toBeNull();
    }
    for (const uri of ["http://acme.okta.com/cb", "http://127.0.0.2/cb", "http://localhost.evil.example/cb", "ftp://acme.example/cb", "javascript://alert(1)"]) {
      expect(redirectUriProblem(uri), uri).toMatch(/must start with https:\/\//);
    }
  });

  it("refuses relative URLs, fragments, credentials, whitespace inside and overlong URIs", () => {
    expect(redirectUriProblem("/idp/callback")).toMatch(/not a full URL/);
    expect(redirectUriProblem("https:acme.example/cb")).toMatch(/not a full URL/);
    expect(redirectUriProblem("https://acme.example/c b")).toMatch(/not a full URL/);
    expect(redirectUriProblem("https://acme.example/cb#")).toMatch(/fragment/);
    expect(redirectUriProblem("https://user@acme.example/cb")).toMatch(/user name or password/);
    expect(redirectUriProblem(`https://acme.example/${"a".repeat(2000)}`)).toMatch(/longer than 2000 characters/);
  });

  it("takes a textarea (one per line) or a list, trims, and keeps the claims in their usual order without repeats", () => {
    const fromText = createIdvClientSchema.parse({ ...base, redirectUris: "  https://a.example/cb \r\n\n https://b.example/cb\n" });
    const fromList = createIdvClientSchema.parse({ ...base, redirectUris: ["https://a.example/cb", " https://b.example/cb", ""] });
    expect(fromText).toEqual({ name: "Acme", redirectUris: ["https://a.example/cb", "https://b.example/cb"], allowedClaims: ["firstName", "lastName", "dateOfBirth"] });
    expect(fromList).toEqual(fromText);
  });

  it("limits the list to ten distinct URIs and requires first and last name", () => {
    const eleven = Array.from({ length: 11 }, (_, index) => `https://acme.example/cb${index}`);
    expect(createIdvClientSchema.safeParse({ ...base, redirectUris: eleven }).error?.issues[0]?.message).toBe("Enter at most 10 redirect URIs.");
    expect(createIdvClientSchema.safeParse({ ...base, redirectUris: ["https://a.example/cb", "https://a.example/cb"] }).error?.issues[0]?.message).toMatch(/listed twice/);
    const noNames = createIdvClientSchema.safeParse({ ...base, redirectUris: "https://a.example/cb", allowedClaims: ["email"] });
    expect(noNames.error?.issues.map((issue) => issue.message)).toEqual(["Include first name and last name: Okta compares them with the user's profile."]);
    expect(createIdvClientSchema.safeParse({ ...base, redirectUris: "https://a.example/cb", allowedClaims: ["firstName", "lastName", "shoeSize"] }).success).toBe(false);
  });

  it("names the client in 1 to 80 characters", () => {
    expect(createIdvClientSchema.safeParse({ ...base, name: "x".repeat(81), redirectUris: "https://a.example/cb" }).error?.issues[0]?.message).toBe("Use at most 80 characters.");
  });
});
