import "server-only";
import { randomUUID } from "node:crypto";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { toJson } from "@/lib/db/to-json";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import type { ParsedOktaConnectionInput } from "@/lib/connections/connection-schemas";
import { generateOktaKey } from "@/lib/iam/okta/generate-okta-key";
import { isUniqueViolation } from "@/lib/connections/is-unique-violation";
import { oktaCredentialsSchema, oktaSettingsSchema, type OktaCredentials, type OktaSettings } from "@/lib/iam/okta/okta-settings";

type Existing = { id: string; settings: unknown; sealedCredentials: string | null };

/**
 * The keys of a re-saved connection: the ones already there while the org and the service app stay the same (the
 * admin may have registered them in Okta already), a fresh pair otherwise.
 */
async function keysFor(input: ParsedOktaConnectionInput, existing: Existing | null): Promise<{ keys: OktaSettings["keys"]; credentials: OktaCredentials; keyId: string; generated: boolean }> {
  const previous = existing ? oktaSettingsSchema.safeParse(existing.settings) : null;
  if (existing?.sealedCredentials && previous?.success && previous.data.orgUrl === input.orgUrl && previous.data.clientId === input.clientId) {
    const credentials = oktaCredentialsSchema.safeParse(JSON.parse(openSecret(existing.sealedCredentials, `iam-connection:${existing.id}`)));
    const active = previous.data.keys.find((key) => key.status === "active");
    if (credentials.success && active && credentials.data.privateJwks[active.kid]) {
      return { keys: previous.data.keys, credentials: credentials.data, keyId: active.kid, generated: false };
    }
  }
  const key = await generateOktaKey();
  return {
    keys: [{ kid: key.kid, publicJwk: key.publicJwk, status: "active", createdAt: new Date().toISOString() }],
    credentials: { privateJwks: { [key.kid]: key.privateJwk } },
    keyId: key.kid,
    generated: true,
  };
}

/**
 * Saves the Okta connection as INCOMPLETE. The admin registers the public key in the Okta service app; "Test
 * connection" then proves it works and activates the connection. Saving again over an INCOMPLETE or ERROR
 * connection updates that row in place: its synced employees, verifications and resets stay (a delete would
 * cascade them away; deleting is its own, confirmed action). The update applies only if the row is still the
 * version read here (key version, not ACTIVE), so it cannot undo a rotation or an activation that happened meanwhile.
 */
export async function saveOktaConnection(
  input: ParsedOktaConnectionInput,
  actor: Pick<CurrentConsoleUser, "id" | "email">,
  request: RequestContext,
): Promise<{ connectionId: string }> {
  const existing = await db().iamConnection.findUnique({
    where: { singleton: true },
    select: { id: true, provider: true, status: true, settings: true, sealedCredentials: true, keyVersion: true },
  });
  if (existing && existing.status === "ACTIVE") {
    throw new AppError("conflict", "An identity provider is already connected. Delete it first to connect another one.");
  }
  if (existing && existing.provider !== "OKTA") {
    throw new AppError("conflict", "A Microsoft Entra ID connection is saved. Delete it first to connect Okta instead.");
  }
  const id = existing?.id ?? randomUUID();
  const { keys, credentials, keyId, generated } = await keysFor(input, existing);
  const settings: OktaSettings = { orgUrl: input.orgUrl, customDomainConfirmed: input.customDomainConfirmed, clientId: input.clientId, keys };
  const data = {
    status: "INCOMPLETE" as const,
    statusReason: "Register the public key in your Okta service app, then test the connection.",
    groupId: input.groupId,
    settings: toJson(settings),
    sealedCredentials: sealSecret(JSON.stringify(credentials), `iam-connection:${id}`),
  };

  try {
    await db().$transaction(async (tx) => {
      if (existing) {
        const updated = await tx.iamConnection.updateMany({
          where: { id, provider: "OKTA", status: { not: "ACTIVE" }, keyVersion: existing.keyVersion },
          data: { ...data, keyVersion: { increment: 1 } },
        });
        if (updated.count !== 1) throw new AppError("conflict", "The connection changed while you were saving it: reload the page and try again.");
      } else {
        await tx.iamConnection.create({ data: { id, provider: "OKTA", ...data } });
      }
      await recordAuditEvent(tx, {
        actor: consoleUserActor(actor),
        action: "iam.connection_saved",
        target: { type: "iam_connection", id, label: `Okta ${input.orgUrl}` },
        request,
        details: { provider: "OKTA", orgUrl: input.orgUrl, clientId: input.clientId, groupId: input.groupId, keyId, signingPairReused: !generated, updated: Boolean(existing), customDomainConfirmed: input.customDomainConfirmed },
      });
      if (input.customDomainConfirmed) {
        // Its own event: the admin vouched that a host outside Okta's domains is theirs, and the product will call it.
        await recordAuditEvent(tx, {
          actor: consoleUserActor(actor),
          action: "iam.custom_domain_confirmed",
          target: { type: "iam_connection", id, label: `Okta ${input.orgUrl}` },
          request,
          details: { orgUrl: input.orgUrl },
        });
      }
    });
  } catch (error) {
    // Two first saves at once: the table holds one connection, the second create loses.
    if (isUniqueViolation(error)) throw new AppError("conflict", "Another administrator saved a connection at the same time: reload the page.");
    throw error;
  }
  return { connectionId: id };
}
