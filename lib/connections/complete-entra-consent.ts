import "server-only";
import { z } from "zod";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";
import { consentStateMatches } from "@/lib/iam/entra/entra-consent";
import { entraSettingsSchema } from "@/lib/iam/entra/entra-settings";

/** The parameters Entra appends to the redirect URI (success or refusal). */
export const consentCallbackSchema = z.object({
  state: z.string().max(200).optional(),
  admin_consent: z.string().max(10).optional(),
  tenant: z.string().max(100).optional(),
  error: z.string().max(100).optional(),
  error_description: z.string().max(2000).optional(),
});

export type ConsentOutcome = "granted" | "refused" | "invalid_state";

/**
 * Completes the admin-consent round trip. The state must match the one issued to this console session and be
 * unexpired (single use: it is cleared either way). Success records the tenant GUID and activates the
 * connection; a refusal keeps it INCOMPLETE with Entra's reason for the admin to read.
 */
export async function completeEntraConsent(
  params: z.infer<typeof consentCallbackSchema>,
  actor: Pick<CurrentConsoleUser, "id" | "email" | "sessionId">,
  request: RequestContext,
): Promise<{ outcome: ConsentOutcome; connectionId: string | null }> {
  return db().$transaction(async (tx) => {
    const connection = await tx.iamConnection.findUnique({ where: { singleton: true } });
    const stateValid =
      connection?.provider === "ENTRA" &&
      connection.consentStateHash !== null &&
      connection.consentStateExpiresAt !== null &&
      connection.consentStateExpiresAt > new Date() &&
      params.state !== undefined &&
      consentStateMatches(params.state, actor.sessionId, connection.consentStateHash);
    if (!connection || !stateValid) {
      await recordAuditEvent(tx, {
        actor: consoleUserActor(actor),
        action: "iam.consent_refused",
        target: connection ? { type: "iam_connection", id: connection.id } : undefined,
        request,
        details: { reason: "state_mismatch_or_expired" },
      });
      return { outcome: "invalid_state", connectionId: connection?.id ?? null };
    }

    const settings = entraSettingsSchema.parse(connection.settings);
    const tenantId = z.uuid().safeParse(params.tenant);
    if (params.admin_consent?.toLowerCase() === "true" && !params.error && tenantId.success) {
      await tx.iamConnection.update({
        where: { id: connection.id },
        data: {
          status: "ACTIVE",
          statusReason: null,
          settings: { ...settings, tenantId: tenantId.data },
          consentStateHash: null,
          consentStateExpiresAt: null,
          activatedAt: new Date(),
        },
      });
      await recordAuditEvent(tx, {
        actor: consoleUserActor(actor),
        action: "iam.consent_granted",
        target: { type: "iam_connection", id: connection.id, label: `Entra ID ${settings.tenant}` },
        request,
        details: { tenantId: tenantId.data },
      });
      return { outcome: "granted", connectionId: connection.id };
    }

    // Entra's description starts with the AADSTS code and can be long; keep the first sentence for the admin.
    const reason = (params.error_description ?? params.error ?? "Consent was not granted.").split(/\r?\n/)[0]!.slice(0, 400);
    await tx.iamConnection.update({
      where: { id: connection.id },
      data: { status: "INCOMPLETE", statusReason: `Admin consent was not granted: ${reason}`, consentStateHash: null, consentStateExpiresAt: null },
    });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "iam.consent_refused",
      target: { type: "iam_connection", id: connection.id, label: `Entra ID ${settings.tenant}` },
      request,
      details: { error: params.error ?? null, description: reason },
    });
    return { outcome: "refused", connectionId: connection.id };
  });
}
