import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { getCurrentPolicy, isSelfServiceOpen } from "@/lib/verification/policy";
import { verificationLinkUrl } from "@/lib/verification/requests/create-verification-request";
import { generateLinkToken } from "@/lib/verification/requests/verification-secrets";

/** A self-service link is for someone in front of the screen right now: it lives half an hour at most. */
export const SELF_SERVICE_LINK_MINUTES = 30;

export const selfServiceAddressSchema = z
  .string({ error: "Enter your work e-mail address or username." })
  .trim()
  .toLowerCase()
  .min(3, "Enter your work e-mail address or username.")
  .max(254, "That is longer than any address we know.")
  .regex(/^[^\s<>"'`]+$/, "Enter your work e-mail address or username, without spaces.");

export type SelfServiceStart = { link: string; token: string; expiresAt: Date };

/**
 * Opens a self-service verification for whoever typed `address`. Whether the address belongs to an employee
 * changes nothing the visitor can observe: both paths run the same queries and the same insert, return the same
 * shape, and lead to the same steps; an address that matched nobody simply gets a verification without an
 * employee, which the decision fails like any mismatch (DECISIONS §25). Older self-service verifications are
 * not cancelled, so typing someone's address cannot interrupt their own recovery.
 */
export async function startSelfServiceVerification(rawAddress: string, request?: { ip?: string; userAgent?: string }): Promise<SelfServiceStart> {
  const address = selfServiceAddressSchema.parse(rawAddress);
  const { token, hash } = generateLinkToken();
  const expiresAt = new Date(Date.now() + SELF_SERVICE_LINK_MINUTES * 60_000);
  await db().$transaction(async (tx) => {
    const policy = await getCurrentPolicy(tx);
    if (!isSelfServiceOpen(policy)) throw new AppError("forbidden", "Self-service is not available for your organisation. Contact your IT service desk.");
    // Exact equality on lower(): Prisma's case-insensitive `equals` is an ILIKE, where a typed % or _ would match
    // someone else. Served by the expression indexes of migration employee_address_lookup.
    const [employee] = await tx.$queryRaw<{ id: string; login: string }[]>`
      SELECT e."id", e."login" FROM "employee" e JOIN "iam_connection" c ON c."id" = e."connectionId"
      WHERE e."membership" = 'ACTIVE' AND c."status" = 'ACTIVE' AND (lower(e."email") = ${address} OR lower(e."login") = ${address})
      ORDER BY e."createdAt" ASC LIMIT 1`;
    const id = randomUUID();
    await tx.verificationRequest.create({
      data: {
        id,
        employeeId: employee?.id ?? null,
        policyId: policy.id,
        purpose: "ACCOUNT_RECOVERY",
        initiatorType: "SELF_SERVE",
        linkTokenHash: hash,
        // Kept sealed while unused so the start page can show it as a QR code for the phone.
        sealedLinkToken: sealSecret(token, `verification-link:${id}`),
        expiresAt: new Date(Math.min(expiresAt.getTime(), Date.now() + policy.linkLifetimeMinutes * 60_000)),
      },
    });
    // The typed address is not recorded: for a stranger's typo it would be personal data about nobody we know.
    await recordAuditEvent(tx, {
      actor: { type: "ANONYMOUS", label: "self-service portal" },
      action: "self_service.started",
      target: { type: "verification_request", id, ...(employee ? { label: employee.login } : {}) },
      request,
      details: { addressMatched: Boolean(employee), policyVersion: policy.version },
    });
  });
  return { link: verificationLinkUrl(token), token, expiresAt };
}
