import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { appRoleUrlFor, createDatabaseOn } from "@/lib/testing/test-postgres";

const root = path.resolve(import.meta.dirname, "../..");

// prepareRuntime exits the process on a configuration error, so it runs in a child as `npm start` runs it.
async function startProduction(urls: { DATABASE_URL: string; MIGRATION_DATABASE_URL?: string }): Promise<{ code: number | null; output: string }> {
  const script = `const { prepareRuntime } = await import("@/lib/cli/prepare-runtime");
    const runtime = await prepareRuntime({ nodeEnv: "production" });
    console.log("ready; owner URL in env:", "MIGRATION_DATABASE_URL" in process.env);
    await runtime.stop();`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      APP_URL: "https://verify.example.com",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      DATA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
      ...urls,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, output };
}

describe("starting in production", () => {
  it("refuses a DATABASE_URL whose role could rewrite the audit log, and starts with the two-role setup", async () => {
    const adminUrl = inject("testPgAdminUrl");
    const ownerUrl = await createDatabaseOn(adminUrl, "prepare_runtime", inject("templateDatabase"));

    const refused = await startProduction({ DATABASE_URL: ownerUrl });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/DATABASE_URL signs in as "[^"]+", which .*owns audit_event/);
    expect(refused.output).not.toMatch(/ready/);

    const started = await startProduction({ DATABASE_URL: appRoleUrlFor(adminUrl, ownerUrl), MIGRATION_DATABASE_URL: ownerUrl });
    expect(started.output).toMatch(/ready; owner URL in env: false/);
    expect(started.code).toBe(0);
  }, 60_000);
});
