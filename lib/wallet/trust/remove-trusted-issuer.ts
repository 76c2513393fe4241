import "server-only";
import { X509Certificate } from "node:crypto";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { certificateLabel } from "@/lib/wallet/trust/parse-iaca-certificates";
import type { RemoveTrustedIssuerInput } from "@/lib/wallet/trust/trusted-issuer-schemas";

export const SANDBOX_ROOT_MESSAGE = "The sandbox's own root is managed by the sandbox (it is replaced at every start), so it cannot be removed here.";

/**
 * Takes a root off the trust list, with its audit event, in one transaction: wallet IDs issued under it are refused
 * from the next presentation on. The sandbox's root is refused: the sandbox puts it back at every start, and
 * removing it by hand would only make the sandbox's own wallet fail until then.
 */
export async function removeTrustedIssuer(input: RemoveTrustedIssuerInput, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<{ commonName: string }> {
  return db().$transaction(async (tx) => {
    const row = await tx.trustedIssuerCertificate.findUnique({ where: { id: input.id }, select: { der: true, fingerprint: true, source: true, sourceLabel: true } });
    if (!row) throw new AppError("not_found", "That certificate is no longer on the trust list.");
    if (row.source === "SANDBOX") throw new AppError("conflict", SANDBOX_ROOT_MESSAGE);
    // Conditional on what was read, so a removal racing another one (or a sandbox restart) removes nothing twice.
    const removed = await tx.trustedIssuerCertificate.deleteMany({ where: { id: input.id, source: row.source } });
    if (removed.count === 0) throw new AppError("not_found", "That certificate is no longer on the trust list.");
    const commonName = certificateLabel(new X509Certificate(row.der));
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: "wallet_trust.certificate_removed",
      target: { type: "trusted_issuer", id: input.id, label: commonName },
      request,
      details: { fingerprint: row.fingerprint, source: row.source, sourceLabel: row.sourceLabel },
    });
    return { commonName };
  });
}
