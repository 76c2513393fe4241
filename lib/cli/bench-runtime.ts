import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";

const CONDITION = "--conditions=react-server";

/**
 * Server code imports `server-only`, which only resolves under the react-server condition (as inside Next): a
 * benchmark re-runs itself with it, and the parent only relays signals and the exit code.
 */
export async function ensureReactServerCondition(): Promise<void> {
  if (process.execArgv.includes(CONDITION) || (process.env.NODE_OPTIONS ?? "").includes(CONDITION)) return;
  const child = spawn(process.execPath, [CONDITION, ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  process.exit(await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1))));
}

/** Configuration the server code reads, for a throwaway installation (the database URL is set once one runs). */
export function configureThrowawayInstallation(extra: Record<string, string> = {}): void {
  Object.assign(process.env, {
    APP_URL: "http://localhost:3000",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    DATA_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
    DATABASE_URL: "postgresql://placeholder/placeholder",
    ...extra,
  });
}
