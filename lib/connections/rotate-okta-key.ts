import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { toJson } from "@/lib/db/to-json";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { generateOktaKey } from "@/lib/iam/okta/generate-okta-key";
import { sandboxOrigins } from "@/lib/connections/sandbox-offer";
import { createIdentityProvider } from "@/lib/iam/create-identity-provider";
import { oktaCredentialsSchema, oktaSettingsSchema } from "@/lib/iam/okta/okta-settings";

type Actor = Pick<CurrentConsoleUser, "id" | "email">;

/** The key version the admin's page showed: a rotation applies only to the key set they saw. */
export type KeyChangeInput = { expectedKeyVersion: number };

const STALE_KEYS = "The keys changed since this page was loaded (another administrator or another tab): reload the page and check them again.";

async function loadOkta(expectedKeyVersion: number) {
  const connection = await db().iamConnection.findUnique({ where: { singleton: true } });
  if (!connection || connection.provider !== "OKTA" || !connection.sealedCredentials) throw new AppError("not_found", "No Okta connection is saved.");
  if (connection.keyVersion !== expectedKeyVersion) throw new AppError("conflict", STALE_KEYS);
  const context = `iam-connection:${connection.id}`;
  return {
    connection,
    context,
    settings: oktaSettingsSchema.parse(connection.settings),
    credentials: oktaCredentialsSchema.parse(JSON.parse(openSecret(connection.sealedCredentials, context))),
  };
}

/**
 * Writes a new key set, only over the version it was computed from (one conditional UPDATE, so of two rotations
 * racing from the same page state exactly one applies), with its audit event in the same transaction.
 */
async function writeKeys(
  loaded: { connectionId: string; context: string; expectedKeyVersion: number },
  next: { settings: object; credentials: object },
  audit: { actor: Actor; request: RequestContext; action: "iam.key_added" | "iam.key_promoted"; keyId: string },
): Promise<void> {
  await db().$transaction(async (tx) => {
    const updated = await tx.iamConnection.updateMany({
      where: { id: loaded.connectionId, keyVersion: loaded.expectedKeyVersion },
      data: { settings: toJson(next.settings), sealedCredentials: sealSecret(JSON.stringify(next.credentials), loaded.context), keyVersion: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("conflict", STALE_KEYS);
    await recordAuditEvent(tx, { actor: consoleUserActor(audit.actor), action: audit.action, target: { type: "iam_connection", id: loaded.connectionId }, request: audit.request, details: { keyId: audit.keyId } });
  });
}

/** Step 1 of a rotation: a new key, shown for registration in Okta while the active key keeps working. */
export async function addOktaKey(input: KeyChangeInput, actor: Actor, request: RequestContext): Promise<{ kid: string }> {
  const { connection, context, settings, credentials } = await loadOkta(input.expectedKeyVersion);
  if (settings.keys.some((key) => key.status === "next")) throw new AppError("conflict", "A new key is already waiting to be registered and activated.");
  const key = await generateOktaKey();
  const nextSettings = { ...settings, keys: [...settings.keys, { kid: key.kid, publicJwk: key.publicJwk, status: "next" as const, createdAt: new Date().toISOString() }] };
  const nextCredentials = { privateJwks: { ...credentials.privateJwks, [key.kid]: key.privateJwk } };
  await writeKeys(
    { connectionId: connection.id, context, expectedKeyVersion: input.expectedKeyVersion },
    { settings: nextSettings, credentials: nextCredentials },
    { actor, request, action: "iam.key_added", keyId: key.kid },
  );
  return { kid: key.kid };
}

/**
 * Step 2: proves the new key works against Okta, then makes it the active key and destroys the old private key
 * (its public key stays listed as retired, so the admin knows which one to remove in Okta).
 */
export async function promoteOktaKey(input: KeyChangeInput, actor: Actor, request: RequestContext): Promise<void> {
  const { connection, context, settings, credentials } = await loadOkta(input.expectedKeyVersion);
  const next = settings.keys.find((key) => key.status === "next");
  if (!next) throw new AppError("conflict", "Add a new key first.");
  const promoted = {
    ...settings,
    keys: settings.keys.map((key) => ({ ...key, status: key.kid === next.kid ? ("active" as const) : key.status === "active" ? ("retired" as const) : key.status })),
  };
  const probe = await createIdentityProvider({ provider: "OKTA", groupId: connection.groupId, settings: promoted, credentials }, { sandboxOrigins: sandboxOrigins() }).testConnection();
  if (!probe.ok) throw new AppError("conflict", `The new key does not work yet: ${probe.message}`);
  const keptKids = new Set(promoted.keys.filter((key) => key.status !== "retired").map((key) => key.kid));
  const keptPrivate = Object.fromEntries(Object.entries(credentials.privateJwks).filter(([kid]) => keptKids.has(kid)));
  // The probe took a round trip to Okta: the write still applies only if nobody changed the keys meanwhile.
  await writeKeys(
    { connectionId: connection.id, context, expectedKeyVersion: input.expectedKeyVersion },
    { settings: promoted, credentials: { privateJwks: keptPrivate } },
    { actor, request, action: "iam.key_promoted", keyId: next.kid },
  );
}
