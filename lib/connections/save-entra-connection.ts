import "server-only";
import { randomUUID, X509Certificate } from "node:crypto";
import selfsigned from "selfsigned";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { getServerEnv } from "@/lib/config/server-env";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { buildEntraConsentUrl, CONSENT_STATE_TTL_MS, createConsentState, entraConsentRedirectUri } from "@/lib/iam/entra/entra-consent";
import type { ParsedEntraConnectionInput } from "@/lib/connections/connection-schemas";
import { isUniqueViolation } from "@/lib/connections/is-unique-violation";
import type { EntraCredentials, EntraSettings } from "@/lib/iam/entra/entra-settings";

/** A 2-year RSA certificate for the app registration; the private key never leaves this installation. */
async function generateAppCertificate(): Promise<{ certificate: NonNullable<EntraSettings["certificate"]>; privateKeyPem: string }> {
  const notAfterDate = new Date(Date.now() + 2 * 365 * 86_400_000);
  const generated = await selfsigned.generate([{ name: "commonName", value: "verifyd directory access" }], {
    keySize: 2048,
    algorithm: "sha256",
    notAfterDate,
  });
  const x509 = new X509Certificate(generated.cert);
  const thumbprint = (hex: string) => Buffer.from(hex.replaceAll(":", ""), "hex").toString("base64url");
  return {
    certificate: {
      pem: generated.cert,
      thumbprintSha256: thumbprint(x509.fingerprint256),
      thumbprintSha1: thumbprint(x509.fingerprint),
      expiresAt: new Date(x509.validTo).toISOString(),
    },
    privateKeyPem: generated.private,
  };
}

/**
 * Saves the Entra connection as INCOMPLETE and returns the admin-consent URL to send the admin to. The
 * connection becomes ACTIVE only when the consent callback comes back with a matching state. Saving again over an
 * INCOMPLETE or ERROR Entra connection updates that row in place (its employees, verifications and resets stay);
 * an Okta connection is never replaced by a save (deleting it, with everything synced, is its own action).
 */
export async function saveEntraConnection(
  input: ParsedEntraConnectionInput,
  actor: Pick<CurrentConsoleUser, "id" | "email" | "sessionId">,
  request: RequestContext,
): Promise<{ consentUrl: string; certificatePem: string | null }> {
  const existing = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true, provider: true, status: true, keyVersion: true } });
  if (existing && existing.status === "ACTIVE") {
    throw new AppError("conflict", "An identity provider is already connected. Delete it first to connect another one.");
  }
  if (existing && existing.provider !== "ENTRA") {
    throw new AppError("conflict", "An Okta connection is saved. Delete it first to connect Microsoft Entra ID instead.");
  }
  const id = existing?.id ?? randomUUID();
  const generated = input.credentialType === "certificate" ? await generateAppCertificate() : null;
  const settings: EntraSettings = {
    tenant: input.tenant,
    tenantId: null,
    clientId: input.clientId,
    credentialType: input.credentialType,
    certificate: generated?.certificate ?? null,
    authorityHost: input.authorityHost ?? "https://login.microsoftonline.com",
    graphBaseUrl: input.graphBaseUrl ?? "https://graph.microsoft.com",
  };
  const credentials: EntraCredentials = generated
    ? { type: "certificate", privateKeyPem: generated.privateKeyPem }
    : { type: "client_secret", clientSecret: input.clientSecret ?? "" };
  const { state, stateHash } = createConsentState(actor.sessionId);
  const data = {
    status: "INCOMPLETE" as const,
    statusReason: "Waiting for an administrator to grant admin consent.",
    groupId: input.groupId,
    settings,
    sealedCredentials: sealSecret(JSON.stringify(credentials), `iam-connection:${id}`),
    consentStateHash: stateHash,
    consentStateExpiresAt: new Date(Date.now() + CONSENT_STATE_TTL_MS),
    consentRequestedById: actor.id,
    deltaLink: null,
  };

  try {
    await db().$transaction(async (tx) => {
      if (existing) {
        // Only the row as read: not activated by a consent callback meanwhile, nor re-saved by another tab.
        const updated = await tx.iamConnection.updateMany({
          where: { id, provider: "ENTRA", status: { not: "ACTIVE" }, keyVersion: existing.keyVersion },
          data: { ...data, keyVersion: { increment: 1 } },
        });
        if (updated.count !== 1) throw new AppError("conflict", "The connection changed while you were saving it: reload the page and try again.");
      } else {
        await tx.iamConnection.create({ data: { id, provider: "ENTRA", ...data } });
      }
      await recordAuditEvent(tx, {
        actor: consoleUserActor(actor),
        action: "iam.consent_requested",
        target: { type: "iam_connection", id, label: `Entra ID ${input.tenant}` },
        request,
        details: { provider: "ENTRA", tenant: input.tenant, clientId: input.clientId, groupId: input.groupId, credentialType: input.credentialType, updated: Boolean(existing) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "Another administrator saved a connection at the same time: reload the page.");
    throw error;
  }
  return {
    consentUrl: buildEntraConsentUrl(settings, entraConsentRedirectUri(getServerEnv().APP_URL), state),
    certificatePem: generated?.certificate.pem ?? null,
  };
}
