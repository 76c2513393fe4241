import "server-only";
import { randomUUID } from "node:crypto";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { toJson } from "@/lib/db/to-json";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import type { ParsedOktaConnectionInput } from "@/lib/iam/connections/connection-schemas";
import { generateOktaKey } from "@/lib/iam/connections/generate-okta-key";
import type { OktaCredentials, OktaSettings } from "@/lib/iam/okta/okta-settings";

/**
 * Saves the Okta connection as INCOMPLETE with a freshly generated key pair. The admin registers the public key
 * in the Okta service app; "Test connection" then proves it works and activates the connection.
 */
export async function saveOktaConnection(
  input: ParsedOktaConnectionInput,
  actor: Pick<CurrentConsoleUser, "id" | "email">,
  request: RequestContext,
): Promise<{ connectionId: string }> {
  const existing = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true, status: true } });
  if (existing && existing.status === "ACTIVE") {
    throw new AppError("conflict", "An identity provider is already connected. Delete it first to connect another one.");
  }
  const id = randomUUID();
  const key = await generateOktaKey();
  const settings: OktaSettings = {
    orgUrl: input.orgUrl,
    customDomainConfirmed: input.customDomainConfirmed,
    clientId: input.clientId,
    keys: [{ kid: key.kid, publicJwk: key.publicJwk, status: "active", createdAt: new Date().toISOString() }],
  };
  const credentials: OktaCredentials = { privateJwks: { [key.kid]: key.privateJwk } };
  await db().$transaction(async (tx) => {
    if (existing) await tx.iamConnection.delete({ where: { id: existing.id } });
    await tx.iamConnection.create({
      data: {
        id,
        provider: "OKTA",
        status: "INCOMPLETE",
        statusReason: "Register the public key in your Okta service app, then test the connection.",
        groupId: input.groupId,
        settings: toJson(settings),
        sealedCredentials: sealSecret(JSON.stringify(credentials), `iam-connection:${id}`),
      },
    });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "iam.connection_saved",
      target: { type: "iam_connection", id, label: `Okta ${input.orgUrl}` },
      request,
      details: { provider: "OKTA", orgUrl: input.orgUrl, clientId: input.clientId, groupId: input.groupId, keyId: key.kid, customDomainConfirmed: input.customDomainConfirmed },
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
  return { connectionId: id };
}
