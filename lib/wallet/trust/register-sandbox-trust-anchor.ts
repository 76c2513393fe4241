import { createHash, X509Certificate } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { nameField } from "@/lib/wallet/mdoc/mdoc-context";

/**
 * Puts the sandbox issuer's IACA root on the trust list (source SANDBOX), replacing the previous start's: the only
 * certificate ever trusted without an admin adding it, and only while the sandbox runs. Audited like an admin's change.
 */
export async function registerSandboxTrustAnchor(iacaDer: Uint8Array): Promise<void> {
  const certificate = new X509Certificate(Buffer.from(iacaDer));
  const fingerprint = createHash("sha256").update(iacaDer).digest("hex");
  await db().$transaction(async (tx) => {
    const stale = await tx.trustedIssuerCertificate.deleteMany({ where: { source: "SANDBOX", fingerprint: { not: fingerprint } } });
    const existing = await tx.trustedIssuerCertificate.findUnique({ where: { fingerprint }, select: { id: true } });
    if (existing) return;
    const row = await tx.trustedIssuerCertificate.create({
      data: {
        fingerprint,
        der: Buffer.from(iacaDer),
        subject: certificate.subject.replaceAll("\n", ", "),
        country: nameField(certificate.subject, "C")[0] ?? null,
        stateOrProvince: nameField(certificate.subject, "ST")[0] ?? null,
        notBefore: new Date(certificate.validFrom),
        notAfter: new Date(certificate.validTo),
        source: "SANDBOX",
        sourceLabel: "Sandbox issuer (replaced at every start)",
      },
    });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM", label: "sandbox setup" },
      action: "wallet_trust.certificate_added",
      target: { type: "trusted_issuer", id: row.id, label: nameField(certificate.subject, "CN")[0] ?? row.subject },
      details: { fingerprint, source: "SANDBOX", replaced: stale.count },
    });
  });
}
