import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { toJson } from "@/lib/db/to-json";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { generateOktaKey } from "@/lib/iam/connections/generate-okta-key";
import { createIdentityProvider } from "@/lib/iam/create-identity-provider";
import { oktaCredentialsSchema, oktaSettingsSchema } from "@/lib/iam/okta/okta-settings";

type Actor = Pick<CurrentConsoleUser, "id" | "email">;

async function loadOkta() {
  const connection = await db().iamConnection.findUnique({ where: { singleton: true } });
  if (!connection || connection.provider !== "OKTA" || !connection.sealedCredentials) throw new AppError("not_found", "No Okta connection is saved.");
  const context = `iam-connection:${connection.id}`;
  return {
    connection,
    context,
    settings: oktaSettingsSchema.parse(connection.settings),
    credentials: oktaCredentialsSchema.parse(JSON.parse(openSecret(connection.sealedCredentials, context))),
  };
}

/** Step 1 of a rotation: a new key, shown for registration in Okta while the active key keeps working. */
export async function addOktaKey(actor: Actor, request: RequestContext): Promise<{ kid: string }> {
  const { connection, context, settings, credentials } = await loadOkta();
  if (settings.keys.some((key) => key.status === "next")) throw new AppError("conflict", "A new key is already waiting to be registered and activated.");
  const key = await generateOktaKey();
  const nextSettings = { ...settings, keys: [...settings.keys, { kid: key.kid, publicJwk: key.publicJwk, status: "next" as const, createdAt: new Date().toISOString() }] };
  const nextCredentials = { privateJwks: { ...credentials.privateJwks, [key.kid]: key.privateJwk } };
  await db().$transaction(async (tx) => {
    await tx.iamConnection.update({ where: { id: connection.id }, data: { settings: toJson(nextSettings), sealedCredentials: sealSecret(JSON.stringify(nextCredentials), context) } });
    await recordAuditEvent(tx, { actor: consoleUserActor(actor), action: "iam.key_added", target: { type: "iam_connection", id: connection.id }, request, details: { keyId: key.kid } });
  });
  return { kid: key.kid };
}

/**
 * Step 2: proves the new key works against Okta, then makes it the active key and destroys the old private key
 * (its public key stays listed as retired, so the admin knows which one to remove in Okta).
 */
export async function promoteOktaKey(actor: Actor, request: RequestContext): Promise<void> {
  const { connection, context, settings, credentials } = await loadOkta();
  const next = settings.keys.find((key) => key.status === "next");
  if (!next) throw new AppError("conflict", "Add a new key first.");
  const promoted = {
    ...settings,
    keys: settings.keys.map((key) => ({ ...key, status: key.kid === next.kid ? ("active" as const) : key.status === "active" ? ("retired" as const) : key.status })),
  };
  const probe = await createIdentityProvider({ provider: "OKTA", groupId: connection.groupId, settings: promoted, credentials }).testConnection();
  if (!probe.ok) throw new AppError("conflict", `The new key does not work yet: ${probe.message}`);
  const keptKids = new Set(promoted.keys.filter((key) => key.status !== "retired").map((key) => key.kid));
  const keptPrivate = Object.fromEntries(Object.entries(credentials.privateJwks).filter(([kid]) => keptKids.has(kid)));
  await db().$transaction(async (tx) => {
    await tx.iamConnection.update({ where: { id: connection.id }, data: { settings: toJson(promoted), sealedCredentials: sealSecret(JSON.stringify({ privateJwks: keptPrivate }), context) } });
    await recordAuditEvent(tx, { actor: consoleUserActor(actor), action: "iam.key_promoted", target: { type: "iam_connection", id: connection.id }, request, details: { keyId: next.kid } });
  });
}
