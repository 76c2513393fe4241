import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadOrCreateLocalSecrets } from "@/lib/config/local-secrets";

const folders: string[] = [];
async function dataDir(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "verifyd-secrets-"));
  folders.push(folder);
  return folder;
}
afterEach(async () => Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true }))));

describe("local secrets", () => {
  it("generates a password for the app role with the others, and reuses them", async () => {
    const folder = await dataDir();
    const first = await loadOrCreateLocalSecrets(folder);
    expect(first.appPostgresPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(first.appPostgresPassword).not.toBe(first.postgresPassword);
    expect(await loadOrCreateLocalSecrets(folder)).toEqual(first);
    expect((await stat(path.join(folder, "secrets.json"))).mode & 0o777).toBe(0o600);
  });

  it("adds the app role's password to a data folder from before it existed, keeping the rest", async () => {
    const folder = await dataDir();
    const old = { authSecret: "a".repeat(43), dataEncryptionKeys: "k1:" + "A".repeat(43) + "=", postgresPassword: "p".repeat(24) };
    await writeFile(path.join(folder, "secrets.json"), JSON.stringify(old), { mode: 0o600 });
    const upgraded = await loadOrCreateLocalSecrets(folder);
    expect(upgraded).toMatchObject(old);
    expect(upgraded.appPostgresPassword).toHaveLength(24);
    expect(JSON.parse(await readFile(path.join(folder, "secrets.json"), "utf8"))).toEqual(upgraded);
  });
});
