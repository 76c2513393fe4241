import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { getServerEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { buildEntraConsentUrl, CONSENT_STATE_TTL_MS, createConsentState, entraConsentRedirectUri } from "@/lib/iam/entra/entra-consent";
import { entraSettingsSchema } from "@/lib/iam/entra/entra-settings";

/** Issues a new consent state for an INCOMPLETE Entra connection and returns the consent URL again. */
export async function restartEntraConsent(
  actor: Pick<CurrentConsoleUser, "id" | "email" | "sessionId">,
  request: RequestContext,
): Promise<{ consentUrl: string }> {
  const connection = await db().iamConnection.findUnique({ where: { singleton: true } });
  if (!connection || connection.provider !== "ENTRA") throw new AppError("not_found", "No Microsoft Entra ID connection is saved.");
  if (connection.status === "ACTIVE") throw new AppError("conflict", "Admin consent was already granted.");
  const settings = entraSettingsSchema.parse(connection.settings);
  const { state, stateHash } = createConsentState(actor.sessionId);
  await db().$transaction(async (tx) => {
    await tx.iamConnection.update({
      where: { id: connection.id },
      data: { consentStateHash: stateHash, consentStateExpiresAt: new Date(Date.now() + CONSENT_STATE_TTL_MS), consentRequestedById: actor.id },
    });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "iam.consent_requested",
      target: { type: "iam_connection", id: connection.id, label: `Entra ID ${settings.tenant}` },
      request,
      details: { retry: true },
    });
  });
  return { consentUrl: buildEntraConsentUrl(settings, entraConsentRedirectUri(getServerEnv().APP_URL), state) };
}
