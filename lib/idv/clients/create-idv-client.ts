import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";
import { type CreateIdvClientInput, redirectUriHosts } from "@/lib/idv/clients/idv-client-schemas";
import { generateIdvClientId, generateIdvClientSecret } from "@/lib/idv/clients/idv-client-secrets";

export type IssuedIdvClientCredentials = { id: string; clientId: string; clientSecret: string };

/**
 * Registers a client (an Okta org's Custom ID verification provider) with its audit event in one transaction.
 * Returns the secret this once: only its hash is stored, and the audit event names neither.
 */
export async function createIdvClient(
  input: CreateIdvClientInput,
  actor: Pick<CurrentConsoleUser, "id" | "email">,
  request: RequestContext,
): Promise<IssuedIdvClientCredentials> {
  const clientId = generateIdvClientId();
  const { secret, hash } = generateIdvClientSecret();
  const created = await db().$transaction(async (tx) => {
    const client = await tx.idvClient.create({
      data: { clientId, name: input.name, secretHash: hash, redirectUris: input.redirectUris, allowedClaims: input.allowedClaims, createdById: actor.id },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "idv_client.created",
      target: { type: "idv_client", id: client.id, label: input.name },
      request,
      details: { clientId, redirectUriHosts: redirectUriHosts(input.redirectUris), allowedClaims: input.allowedClaims },
    });
    return client;
  });
  return { id: created.id, clientId, clientSecret: secret };
}
