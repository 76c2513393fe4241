import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { type AddTrustedIssuersResult, insertTrustedIssuers } from "@/lib/wallet/trust/add-trusted-issuers";
import { readVical, type SkippedVicalCertificate, type VerifiedVical, type VicalSigner } from "@/lib/wallet/trust/read-vical";
import { MAX_VICAL_UPLOAD_BYTES } from "@/lib/wallet/trust/trusted-issuer-schemas";

export type VicalImportResult = AddTrustedIssuersResult & { sourceLabel: string; signer: VicalSigner; skipped: SkippedVicalCertificate[] };

/** How the rows a VICAL added say where they came from, e.g. "AAMVA DTS VICAL #42 (2026-11-30)". */
export function vicalSourceLabel(vical: Pick<VerifiedVical, "provider" | "issueId" | "date">): string {
  return `${vical.provider} VICAL${vical.issueId === null ? "" : ` #${vical.issueId}`} (${vical.date})`;
}

/**
 * Imports a VICAL: its signature is verified first (see `readVical`), then every IACA root it lists that is not on
 * the trust list yet is added (source VICAL). One `wallet_trust.vical_imported` event (naming the list's signer)
 * and one `wallet_trust.certificate_added` per added root, all in one transaction. A list that is not signed, is
 * signed badly, or lists no IACA at all changes nothing.
 */
export async function importVical(bytes: Uint8Array, actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<VicalImportResult> {
  if (bytes.byteLength > MAX_VICAL_UPLOAD_BYTES) throw new AppError("invalid_input", "The VICAL is larger than 5 MB.", { file: ["The VICAL is larger than 5 MB."] });
  const vical = readVical(bytes);
  if (vical.certificates.length === 0) {
    const message = `This VICAL from ${vical.provider} lists no IACA root (${vical.skipped.length} entries skipped). Nothing was imported.`;
    throw new AppError("invalid_input", message, { file: [message] });
  }
  const sourceLabel = vicalSourceLabel(vical);
  // Hundreds of roots each with its audit row in one transaction: more time than Prisma's 5 s default.
  const result = await db().$transaction(
    async (tx) => {
      const inserted = await insertTrustedIssuers(tx, vical.certificates, { source: "VICAL", sourceLabel, actor, request });
      await recordAuditEvent(tx, {
        actor: consoleUserActor(actor),
        action: "wallet_trust.vical_imported",
        target: { type: "vical", label: sourceLabel },
        request,
        details: {
          provider: vical.provider,
          issueId: vical.issueId,
          date: vical.date,
          signerSubject: vical.signer.subject,
          signerFingerprint: vical.signer.fingerprint,
          entries: vical.entries,
          added: inserted.added.length,
          alreadyListed: inserted.duplicates.length,
          skipped: vical.skipped.length,
        },
      });
      return inserted;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  return { ...result, sourceLabel, signer: vical.signer, skipped: vical.skipped };
}
