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
import { buildEntraConsentUrl, CONSENT_STATE_TTL_MS, createConsentState, entraConsentRedirectUri } from "@/lib/iam/connections/entra-consent";
import type { ParsedEntraConnectionInput } from "@/lib/iam/connections/connection-schemas";
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
 * Saves (or replaces) the Entra connection as INCOMPLETE and returns the admin-consent URL to send the admin to.
 * The connection becomes ACTIVE only when the consent callback comes back with a matching state.
 */
export async function saveEntraConnection(
  input: ParsedEntraConnectionInput,
  actor: Pick<CurrentConsoleUser, "id" | "email" | "sessionId">,
  request: RequestContext,
): Promise<{ consentUrl: string; certificatePem: string | null }> {
  const existing = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true, provider: true, status: true } });
  if (existing && existing.status === "ACTIVE") {
    throw new AppError("conflict", "An identity provider is already connected. Delete it first to connect another one.");
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
    provider: "ENTRA" as const,
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

  await db().$transaction(async (tx) => {
    if (existing && existing.provider !== "ENTRA") await tx.iamConnection.delete({ where: { id } });
    await tx.iamConnection.upsert({ where: { id }, create: { id, ...data }, update: data });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "iam.consent_requested",
      target: { type: "iam_connection", id, label: `Entra ID ${input.tenant}` },
      request,
      details: { provider: "ENTRA", tenant: input.tenant, clientId: input.clientId, groupId: input.groupId, credentialType: input.credentialType },
    });
  });
  return {
    consentUrl: buildEntraConsentUrl(settings, entraConsentRedirectUri(getServerEnv().APP_URL), state),
    certificatePem: generated?.certificate.pem ?? null,
  };
}
