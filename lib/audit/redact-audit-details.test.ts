import { describe, expect, it } from "vitest";
import { isSecretKey, REDACTED, redactAuditDetails } from "@/lib/audit/redact-audit-details";

describe("redactAuditDetails", () => {
  it("keeps harmless keys that merely contain a secret-looking word", () => {
    const details = { keyId: "k20261206", credentialType: "certificate", secretShownOnce: "TEMPORARY_PASSWORD", codeChannel: "SMS", passkeyCount: 2, tokenEndpoint: "https://login.example.com/token", countryCode: "DE" };
    expect(redactAuditDetails(details)).toEqual(details);
  });

  it("redacts secrets by name, in any spelling, at any depth", () => {
    expect(
      redactAuditDetails({
        password: "hunter2hunter2",
        client_secret: "s3cr3t",
        clientSecret: "s3cr3t",
        privateKey: "-----BEGIN PRIVATE KEY-----",
        code: "123456",
        tap: "TAP-abc",
        smtpPassword: "p",
        sessionToken: "t",
        changes: [{ field: "role", to: "ADMIN" }, { field: "secret", accessToken: "a" }],
        nested: { otp: "000000", keyId: "k1" },
      }),
    ).toEqual({
      password: REDACTED,
      client_secret: REDACTED,
      clientSecret: REDACTED,
      privateKey: REDACTED,
      code: REDACTED,
      tap: REDACTED,
      smtpPassword: REDACTED,
      sessionToken: REDACTED,
      changes: [{ field: "role", to: "ADMIN" }, { field: "secret", accessToken: REDACTED }],
      nested: { otp: REDACTED, keyId: "k1" },
    });
  });

  it("knows the names the product's own secrets travel under", () => {
    for (const key of ["newPassword", "temporaryPassword", "temporaryAccessPass", "bindingCode", "possessionCode", "refreshToken", "idToken", "apiKey", "Authorization", "credentials", "resetLink"]) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ["keyId", "kid", "credentialType", "secretKind", "codeSentAt", "tokenHash", "passwordChangedAt"]) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });
});
