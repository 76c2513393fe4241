/**
 * Data-encryption keys, e.g. `DATA_ENCRYPTION_KEYS="k2:base64...,k1:base64..."`. The first key encrypts new
 * values; every listed key can still decrypt, so a key is rotated by prepending a new one and removed only
 * once nothing references its id.
 */
export type Keyring = {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
};

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function parseKeyring(value: string): Keyring {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error("must list at least one `keyId:base64key` entry");
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const separator = entry.indexOf(":");
    const keyId = entry.slice(0, separator);
    const material = entry.slice(separator + 1);
    if (separator < 1 || !KEY_ID.test(keyId)) {
      throw new Error("entries must look like `keyId:base64key` with a key id of letters, digits, - or _");
    }
    const key = Buffer.from(material, "base64");
    if (key.length !== 32 || key.toString("base64").replace(/=+$/, "") !== material.replace(/=+$/, "")) {
      throw new Error(`key "${keyId}" must be exactly 32 bytes, base64-encoded (e.g. \`openssl rand -base64 32\`)`);
    }
    if (keys.has(keyId)) throw new Error(`key id "${keyId}" is listed twice`);
    keys.set(keyId, key);
  }
  return { activeKeyId: entries[0]!.slice(0, entries[0]!.indexOf(":")), keys };
}
