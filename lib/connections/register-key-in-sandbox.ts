import "server-only";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { oktaSettingsSchema } from "@/lib/iam/okta/okta-settings";
import { readSandboxConnections } from "@/lib/connections/sandbox-offer";

/**
 * Sandbox only: does for the built-in Okta sandbox what the admin does in a real Okta admin console, i.e.
 * registers this connection's public keys on the service app. Refused for any org that is not the sandbox.
 */
export async function registerKeysInSandbox(): Promise<void> {
  const sandbox = readSandboxConnections()?.okta;
  const connection = await db().iamConnection.findUnique({ where: { singleton: true }, select: { provider: true, settings: true } });
  if (!connection || connection.provider !== "OKTA") throw new AppError("not_found", "No Okta connection is saved.");
  const settings = oktaSettingsSchema.parse(connection.settings);
  if (!sandbox || sandbox.orgUrl !== settings.orgUrl) throw new AppError("forbidden", "Keys can only be registered automatically in the built-in sandbox org.");
  const keys = settings.keys.filter((key) => key.status !== "retired").map((key) => key.publicJwk);
  const response = await fetch(`${sandbox.url}/_sandbox/apps/${encodeURIComponent(settings.clientId)}/keys`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ keys }),
    // The sandbox runs in this process; a hung one must not hold the admin's request.
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new AppError("conflict", `The sandbox refused the keys (${response.status}).`);
}
