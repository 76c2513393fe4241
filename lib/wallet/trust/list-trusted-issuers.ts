import "server-only";
import { db } from "@/lib/db/prisma";

/**
 * One attribute of a subject as stored (node's lines joined with ", "): a new attribute starts after ", " with
 * `KEY=`, so a value that itself holds a comma ("DMV, State of Utah") stays whole.
 */
export function subjectAttribute(subject: string, key: string): string | null {
  for (const part of subject.split(/, (?=[A-Za-z0-9.]+=)/)) {
    const separator = part.indexOf("=");
    if (part.slice(0, separator) === key) return part.slice(separator + 1);
  }
  return null;
}

/** The trust list for the settings page, newest first; never the certificates' DER. */
export async function listTrustedIssuers(now: Date = new Date()) {
  const rows = await db().trustedIssuerCertificate.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      fingerprint: true,
      subject: true,
      country: true,
      stateOrProvince: true,
      notBefore: true,
      notAfter: true,
      source: true,
      sourceLabel: true,
      createdAt: true,
      createdBy: { select: { email: true } },
    },
  });
  return rows.map((row) => ({
    ...row,
    source: row.source === "VICAL" || row.source === "SANDBOX" ? row.source : ("UPLOAD" as const),
    commonName: subjectAttribute(row.subject, "CN") ?? row.subject,
    expired: row.notAfter.getTime() < now.getTime(),
    notYetValid: row.notBefore.getTime() > now.getTime(),
  }));
}

export type TrustedIssuerListItem = Awaited<ReturnType<typeof listTrustedIssuers>>[number];
