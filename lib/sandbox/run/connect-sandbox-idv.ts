import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { generateIdvClientId, generateIdvClientSecret } from "@/lib/idv/clients/idv-client-secrets";
import { idvEndpoints } from "@/lib/idv/protocol/idv-endpoints";
import { idvRedirectUri } from "@/lib/sandbox/okta/idv-provider-config";

/** The registration the sandbox gets, recognisable in Settings → Identity verification. */
export const SANDBOX_IDV_CLIENT_NAME = "Okta sandbox";

/**
 * Does at start what an admin does by hand for a real org: registers a client for the Okta sandbox in verifyd
 * (its secret replaced at every start, since a secret is shown once and the sandbox forgets it) and enters
 * verifyd's URLs and that client into the sandbox's "Custom ID verification" identity provider. Then the
 * sandbox's recovery page runs the whole loop on `npm run dev`.
 */
export async function connectSandboxIdv(oktaSandboxUrl: string, appUrl: string): Promise<{ clientId: string }> {
  const redirectUri = idvRedirectUri(oktaSandboxUrl.replace(/\/+$/, ""));
  const { secret, hash } = generateIdvClientSecret();
  const clientId = await db().$transaction(async (tx) => {
    const existing = await tx.idvClient.findFirst({ where: { name: SANDBOX_IDV_CLIENT_NAME, revokedAt: null }, select: { id: true, clientId: true } });
    const client = existing
      ? await tx.idvClient.update({ where: { id: existing.id }, data: { secretHash: hash, secretRotatedAt: new Date(), redirectUris: [redirectUri] }, select: { id: true, clientId: true } })
      : await tx.idvClient.create({ data: { clientId: generateIdvClientId(), name: SANDBOX_IDV_CLIENT_NAME, secretHash: hash, redirectUris: [redirectUri], allowedClaims: ["firstName", "lastName", "dateOfBirth"] }, select: { id: true, clientId: true } });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM", label: "sandbox setup" },
      action: existing ? "idv_client.secret_rotated" : "idv_client.created",
      target: { type: "idv_client", id: client.id, label: SANDBOX_IDV_CLIENT_NAME },
      details: { clientId: client.clientId, redirectUriHosts: [new URL(redirectUri).host] },
    });
    return client.clientId;
  });
  const endpoints = idvEndpoints(appUrl);
  const response = await fetch(`${oktaSandboxUrl}/_sandbox/idv-provider`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ vendorName: "verifyd", issuer: endpoints.issuer, parUrl: endpoints.par, authorizeUrl: endpoints.authorize, tokenUrl: endpoints.token, jwksUrl: endpoints.jwks, clientId, clientSecret: secret }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`The Okta sandbox refused the identity verification provider settings (HTTP ${response.status}).`);
  return { clientId };
}
