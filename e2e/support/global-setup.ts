import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { findFreePort } from "../../lib/server/find-free-port";
import { appRoleUrlFor, enableAppRoleOn, startTestPostgres } from "../../lib/testing/test-postgres";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Starts `npm start`'s code path (lib/cli/start.ts: migrations, bootstrap admin, production server) on a new
 * database and reads the bootstrap credentials from what it prints, exactly as an operator would.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  rmSync(path.join(root, "test-results/.auth"), { recursive: true, force: true });
  mkdirSync(path.join(root, "test-results/screenshots"), { recursive: true });
  const postgres = await startTestPostgres();
  // As in production: migrations as the database's owner, the app's queries as the least-privilege role.
  const databaseUrl = await postgres.createDatabase("e2e");
  await enableAppRoleOn(postgres.adminUrl);
  const port = await findFreePort();
  // localhost, not 127.0.0.1: WebAuthn refuses IP addresses as relying-party ids (passkeys at sign-in).
  const baseUrl = `http://localhost:${port}`;

  const dataDir = mkdtempSync(path.join(tmpdir(), "verifyd-e2e-data-"));
  const server = spawn(path.join(root, "node_modules/.bin/tsx"), ["lib/cli/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      // The built-in sandbox tenants run inside the server, as on the embedded default.
      SANDBOX: "on",
      SANDBOX_USERS: "300",
      SANDBOX_ENTRA_PORT: "0",
      SANDBOX_OKTA_PORT: "0",
      SANDBOX_WALLET_PORT: "0",
      DATA_DIR: dataDir,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      MIGRATION_DATABASE_URL: databaseUrl,
      DATABASE_URL: appRoleUrlFor(postgres.adminUrl, databaseUrl),
      APP_URL: baseUrl,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      // Specs reuse the bootstrap admin's session for the whole run; e2e/passkeys.spec.ts ages it to see step-up.
      CONSOLE_STEP_UP_MINUTES: "480",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      DATA_ENCRYPTION_KEYS: `e2e:${randomBytes(32).toString("base64")}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output = await waitForReady(server);
  const email = output.match(/e-mail:\s+(\S+)/)?.[1];
  const password = output.match(/password:\s+(\S+)/)?.[1];
  if (!email || !password) throw new Error(`The server did not print bootstrap credentials:\n${output}`);
  const entraSandboxUrl = output.match(/Microsoft Entra ID\s+(https:\/\/\S+)/)?.[1];
  const oktaSandboxUrl = output.match(/Okta\s+(http:\/\/\S+)/)?.[1];
  const walletUrl = output.match(/Sandbox wallet\s+(http:\/\/\S+)/)?.[1];
  if (!entraSandboxUrl || !oktaSandboxUrl || !walletUrl) throw new Error(`The server did not print the sandbox URLs:\n${output}`);

  // Workers inherit the environment of the runner process.
  Object.assign(process.env, {
    E2E_BASE_URL: baseUrl,
    E2E_BOOTSTRAP_EMAIL: email,
    E2E_BOOTSTRAP_PASSWORD: password,
    E2E_ENTRA_SANDBOX_URL: entraSandboxUrl,
    E2E_OKTA_SANDBOX_URL: oktaSandboxUrl,
    E2E_WALLET_URL: walletUrl,
    // Only for simulating the passage of time (e.g. an expired link); tests act through the UI otherwise.
    E2E_DATABASE_URL: databaseUrl,
  });

  return async () => {
    if (server.pid && server.exitCode === null) {
      process.kill(-server.pid, "SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

function waitForReady(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`Server did not start within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("verifyd ready on")) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (process.env.E2E_SERVER_LOGS) process.stderr.write(chunk);
    });
    server.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with code ${code} before it was ready:\n${output}`));
    });
  });
}
