import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("startEmbeddedPostgres", () => {
  it("leaves the process's exit code alone (vitest run exited 0 with failing tests)", () => {
    // A child that uses a throwaway cluster, stops it, and then ends the normal way with exit code 3.
    const script = `
      import { startTestPostgres } from "@/lib/testing/test-postgres";
      const server = await startTestPostgres();
      await server.stop();
      process.exitCode = 3;
    `;
    const env = { ...process.env, TEST_PG_ADMIN_URL: "" };
    const child = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--input-type=module", "--eval", script], { cwd: root, env, encoding: "utf8", timeout: 60_000 });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(3);
  }, 90_000);
});
