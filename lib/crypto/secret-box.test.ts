import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseKeyring } from "@/lib/config/keyring";
import { decryptSecret, encryptSecret, needsReEncryption, SecretDecryptionError } from "@/lib/crypto/secret-box";

const key = () => randomBytes(32).toString("base64");

describe("secret box", () => {
  const keyring = parseKeyring(`k1:${key()}`);

  it("round-trips a secret and never stores it in clear", () => {
    const sealed = encryptSecret("client-secret-value", keyring, "iam-connection:1");
    expect(sealed).not.toContain("client-secret-value");
    expect(sealed.split(".").slice(0, 2)).toEqual(["v1", "k1"]);
    expect(decryptSecret(sealed, keyring, "iam-connection:1")).toBe("client-secret-value");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", keyring, "c")).not.toBe(encryptSecret("same", keyring, "c"));
  });

  it.each([
    ["ciphertext", 3],
    ["authentication tag", 4],
    ["IV", 2],
  ])("refuses a tampered %s", (_label, index) => {
    const parts = encryptSecret("a private key", keyring, "c").split(".");
    const bytes = Buffer.from(parts[index]!, "base64url");
    bytes[0] = bytes[0]! ^ 0x01;
    parts[index] = bytes.toString("base64url");
    expect(() => decryptSecret(parts.join("."), keyring, "c")).toThrow(SecretDecryptionError);
  });

  it("refuses a ciphertext moved to another record (context is authenticated)", () => {
    const sealed = encryptSecret("secret", keyring, "iam-connection:1");
    expect(() => decryptSecret(sealed, keyring, "iam-connection:2")).toThrow(SecretDecryptionError);
  });

  it("refuses a relabelled key id and unknown formats", () => {
    const other = parseKeyring(`k1:${key()},k2:${key()}`);
    const sealed = encryptSecret("secret", other, "c");
    const relabelled = sealed.replace(".k1.", ".k2.");
    expect(() => decryptSecret(relabelled, other, "c")).toThrow(SecretDecryptionError);
    expect(() => decryptSecret("v0.k1.a.b.c", other, "c")).toThrow(/unknown format/);
    expect(() => decryptSecret("not a secret", other, "c")).toThrow(SecretDecryptionError);
  });

  it("rotates keys: old ciphertexts stay readable, new ones use the new key", () => {
    const oldKey = key();
    const before = parseKeyring(`old:${oldKey}`);
    const sealedWithOld = encryptSecret("secret", before, "c");
    const after = parseKeyring(`new:${key()},old:${oldKey}`);
    expect(decryptSecret(sealedWithOld, after, "c")).toBe("secret");
    expect(needsReEncryption(sealedWithOld, after)).toBe(true);
    const sealedWithNew = encryptSecret("secret", after, "c");
    expect(sealedWithNew.split(".")[1]).toBe("new");
    expect(needsReEncryption(sealedWithNew, after)).toBe(false);
    // Once the old key is removed its ciphertexts are refused, not silently mis-decrypted.
    expect(() => decryptSecret(sealedWithOld, parseKeyring(`new:${key()}`), "c")).toThrow(/not in DATA_ENCRYPTION_KEYS/);
  });
});

describe("keyring parsing", () => {
  it.each([
    ["", /at least one/],
    ["nokey", /keyId:base64key/],
    [`k1:${randomBytes(16).toString("base64")}`, /exactly 32 bytes/],
    [`k1:${key()},k1:${key()}`, /listed twice/],
    [`bad id:${key()}`, /key id/],
  ])("rejects %j", (value, message) => {
    expect(() => parseKeyring(value)).toThrow(message);
  });

  it("takes the first entry as the active key", () => {
    expect(parseKeyring(`b:${key()}, a:${key()}`).activeKeyId).toBe("b");
  });
});
