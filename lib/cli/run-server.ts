import path from "node:path";
import { ensureBootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import { prepareRuntime, resolveDataDir } from "@/lib/cli/prepare-runtime";
import { ensureSandboxCaTrusted } from "@/lib/cli/trust-sandbox-ca";
import { disconnectDb } from "@/lib/db/prisma";
import { startEmbeddedJobRunner } from "@/lib/jobs/embedded-runner";
import { parseJobsConfig } from "@/lib/jobs/jobs-config";
import { parseSandboxSettings } from "@/lib/sandbox/run/sandbox-settings";
import { SANDBOX_CONNECTIONS_ENV } from "@/lib/sandbox/run/sandbox-connections";
import { connectSandboxIdv } from "@/lib/sandbox/run/connect-sandbox-idv";
import { describeSandboxes, registerConsoleRedirectUri, sandboxConnectionsOf, startSandboxes } from "@/lib/sandbox/run/start-sandboxes";
import { entraConsentRedirectUri } from "@/lib/iam/entra/entra-consent";
import { registerSandboxTrustAnchor } from "@/lib/wallet/trust/register-sandbox-trust-anchor";
import { startServer } from "@/lib/server/start-server";

/**
 * Shared by `npm run dev` and `npm start`: prepare the runtime (database, secrets, migrations), create the
 * bootstrap admin on first run, serve the app, and shut everything down cleanly on SIGINT/SIGTERM.
 */
export async function runServer(mode: "development" | "production"): Promise<void> {
  // The sandbox tenants come with the embedded default; with a real database they are opt-in (SANDBOX=on).
  const embedded = !process.env.DATABASE_URL;
  const sandboxSettings = parseSandboxSettings({ ...process.env, SANDBOX: process.env.SANDBOX ?? (embedded ? "on" : "off") });
  const dataDir = resolveDataDir();
  if (sandboxSettings.SANDBOX === "on") await ensureSandboxCaTrusted(dataDir);

  const runtime = await prepareRuntime({ nodeEnv: mode });
  const { env } = runtime;
  const sandboxes = sandboxSettings.SANDBOX === "on" ? await startSandboxes(sandboxSettings, dataDir, { appUrl: env.APP_URL }) : undefined;
  if (sandboxes) {
    process.env[SANDBOX_CONNECTIONS_ENV] = JSON.stringify(sandboxConnectionsOf(sandboxes));
    await registerConsoleRedirectUri(sandboxes, entraConsentRedirectUri(env.APP_URL));
  }

  const bootstrap = await ensureBootstrapAdmin(env.BOOTSTRAP_ADMIN_EMAIL);
  // After migrations (it writes a client registration): the sandbox Okta org's recovery page then calls us.
  if (sandboxes) await connectSandboxIdv(sandboxes.okta.url, env.APP_URL);
  // Also after migrations: the sandbox issuer's new IACA root replaces the previous start's on the trust list.
  if (sandboxes) await registerSandboxTrustAnchor(sandboxes.wallet.iacaDer);
  await disconnectDb();
  // Durable jobs (directory sync, ...) run in this process unless Inngest is configured.
  const jobs = parseJobsConfig(process.env);
  const jobRunner = jobs.mode === "embedded" ? startEmbeddedJobRunner() : undefined;

  const server = await startServer({
    dev: mode === "development",
    port: env.PORT,
    hostname: env.HOSTNAME,
    trustedProxyCount: env.TRUSTED_PROXY_COUNT,
    appUrl: env.APP_URL,
  });

  const lines = [
    "",
    `  Console:   ${env.APP_URL}/sign-in`,
    `  Jobs:      ${jobRunner ? "in-process runner (state in PostgreSQL)" : "Inngest (/api/inngest)"}`,
    `  Database:  ${runtime.embedded ? `embedded PostgreSQL (data in ${shortPath(runtime.embedded.dataDir)})` : "DATABASE_URL"}`,
  ];
  if (sandboxes) lines.push("", ...describeSandboxes(sandboxes));
  if (bootstrap.created) {
    lines.push(
      "",
      "  First run: a bootstrap admin was created. These credentials are shown once;",
      "  you will be asked to choose a new password when you first sign in.",
      `    e-mail:    ${bootstrap.email}`,
      `    password:  ${bootstrap.oneTimePassword}`,
    );
  }
  lines.push("", `verifyd ready on ${env.APP_URL}`, "");
  process.stdout.write(`${lines.join("\n")}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping...\n`);
    await server.close();
    await jobRunner?.stop();
    await sandboxes?.close();
    await runtime.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

/** Relative to the working folder when inside it, else absolute (the data may live outside, see embedded-postgres). */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}
