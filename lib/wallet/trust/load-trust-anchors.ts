import { db } from "@/lib/db/prisma";

/** The IACA roots a wallet ID's signer certificate must chain to (DER), as on the trust list now. */
export async function loadTrustAnchors(): Promise<Uint8Array[]> {
  const rows = await db().trustedIssuerCertificate.findMany({ select: { der: true }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => new Uint8Array(row.der));
}
