import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db, type Tx } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";
import type { IacaCertificate } from "@/lib/wallet/trust/parse-iaca-certificates";

export type TrustedIssuerSource = "UPLOAD" | "VICAL";

/** One certificate in an add's outcome: what the page tells the admin. */
export type TrustedIssuerOutcome = { commonName: string; fingerprint: string; expired: boolean };
export type AddedTrustedIssuer = TrustedIssuerOutcome & { id: string };
export type AddTrustedIssuersResult = { added: AddedTrustedIssuer[]; duplicates: TrustedIssuerOutcome[] };

type ConsoleActor = Pick<CurrentConsoleUser, "id" | "email">;

const outcome = (certificate: IacaCertificate): TrustedIssuerOutcome => ({
  commonName: certificate.commonName,
  fingerprint: certificate.fingerprint,
  expired: certificate.expired,
});

/**
 * Inserts the certificates not on the list yet, each with its `wallet_trust.certificate_added` event, inside the
 * caller's transaction. A certificate already listed (same fingerprint, whoever added it and however) is left as it
 * is and reported as a duplicate; two admins adding the same root at once get one row (ON CONFLICT DO NOTHING).
 */
export async function insertTrustedIssuers(
  tx: Tx,
  certificates: readonly IacaCertificate[],
  options: { source: TrustedIssuerSource; sourceLabel: string | null; actor: ConsoleActor; request: RequestContext },
): Promise<AddTrustedIssuersResult> {
  const inserted = await tx.trustedIssuerCertificate.createManyAndReturn({
    data: certificates.map((certificate) => ({
      fingerprint: certificate.fingerprint,
      der: Buffer.from(certificate.der),
      subject: certificate.subject,
      country: certificate.country,
      stateOrProvince: certificate.stateOrProvince,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      source: options.source,
      sourceLabel: options.sourceLabel,
      createdById: options.actor.id,
    })),
    skipDuplicates: true,
    select: { id: true, fingerprint: true },
  });
  const idByFingerprint = new Map(inserted.map((row) => [row.fingerprint, row.id]));
  const added: AddedTrustedIssuer[] = [];
  const duplicates: TrustedIssuerOutcome[] = [];
  for (const certificate of certificates) {
    const id = idByFingerprint.get(certificate.fingerprint);
    if (id) added.push({ id, ...outcome(certificate) });
    else duplicates.push(outcome(certificate));
  }
  for (const certificate of added) {
    await recordAuditEvent(tx, {
      actor: consoleUserActor(options.actor),
      action: "wallet_trust.certificate_added",
      target: { type: "trusted_issuer", id: certificate.id, label: certificate.commonName },
      request: options.request,
      details: { fingerprint: certificate.fingerprint, source: options.source },
    });
  }
  return { added, duplicates };
}

/**
 * Puts uploaded IACA roots (already parsed and checked by `parseIacaCertificates`) on the trust list, each with
 * its audit event, in one transaction. Wallet IDs whose signer chains to one of them are accepted from then on.
 */
export async function addTrustedIssuers(
  certificates: readonly IacaCertificate[],
  upload: { fileName: string },
  actor: ConsoleActor,
  request: RequestContext,
): Promise<AddTrustedIssuersResult> {
  const sourceLabel = `Uploaded as ${upload.fileName}`.slice(0, 300);
  return db().$transaction((tx) => insertTrustedIssuers(tx, certificates, { source: "UPLOAD", sourceLabel, actor, request }));
}
