import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { toJson } from "@/lib/db/to-json";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { checkOktaOrgUrl } from "@/lib/iam/okta/okta-org-url";
import { oktaSettingsSchema, type OktaSettings } from "@/lib/iam/okta/okta-settings";

/**
 * Whether a saved Okta connection is held back only by an unconfirmed custom URL domain: a connection saved before
 * the domain check (or any org on a host outside Okta's domains) is refused until an admin confirms the host.
 */
export function needsCustomDomainConfirmation(settings: Pick<OktaSettings, "orgUrl" | "customDomainConfirmed">, sandboxOrigins: readonly string[]): boolean {
  if (settings.customDomainConfirmed) return false;
  const asIs = checkOktaOrgUrl(settings.orgUrl, { customDomainConfirmed: false, sandboxOrigins });
  return !asIs.ok && checkOktaOrgUrl(settings.orgUrl, { customDomainConfirmed: true, sandboxOrigins }).ok;
}

/**
 * The admin confirms that the saved org URL is their Okta org's custom URL domain, without saving the connection
 * again (which an ACTIVE connection cannot be). One conditional update with its audit event; the product still
 * calls that host over https on public addresses only.
 */
export async function confirmOktaCustomDomain(input: { expectedKeyVersion: number }, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<void> {
  const connection = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true, provider: true, settings: true, keyVersion: true } });
  if (!connection || connection.provider !== "OKTA") throw new AppError("not_found", "No Okta connection is saved.");
  const settings = oktaSettingsSchema.parse(connection.settings);
  if (!needsCustomDomainConfirmation(settings, [])) throw new AppError("conflict", "This org URL needs no confirmation.");
  await db().$transaction(async (tx) => {
    const updated = await tx.iamConnection.updateMany({
      where: { id: connection.id, keyVersion: input.expectedKeyVersion },
      data: { settings: toJson({ ...settings, customDomainConfirmed: true }), keyVersion: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("conflict", "The connection changed since this page was loaded: reload the page and try again.");
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "iam.custom_domain_confirmed",
      target: { type: "iam_connection", id: connection.id, label: `Okta ${settings.orgUrl}` },
      request,
      details: { orgUrl: settings.orgUrl },
    });
  });
}
