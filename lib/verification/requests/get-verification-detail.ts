import { z } from "zod";
import { faceEvidenceSchema } from "@/lib/face/face-evidence-schema";
import { db } from "@/lib/db/prisma";
import type { Decision } from "@/lib/verification/decision/compute-decision";
import { ASSURANCE_LEVELS } from "@/lib/verification/assurance/assurance-levels";
import { bindingCodeLive } from "@/lib/verification/requests/caller-binding";

const assuranceSchema = z.object({
  level: z.enum(ASSURANCE_LEVELS),
  label: z.string(),
  reasons: z.array(z.string()),
  evidence: z.array(
    z.object({
      evidence: z.enum(["POSSESSION_CODE", "ID_DOCUMENT", "LIVE_FACE", "SIGNED_CREDENTIAL", "AGENT_CHECK"]),
      strength: z.enum(["NONE", "WEAK", "FAIR", "STRONG", "SUPERIOR"]),
      validation: z.enum(["NONE", "DATA_CHECKS", "SIGNATURE"]),
      binding: z.enum(["NONE", "POSSESSION", "LIVE_FACE", "AGENT", "HOLDER_KEY"]),
      reaches: z.enum(ASSURANCE_LEVELS),
      reason: z.string(),
    }),
  ),
  purpose: z.enum(["HELPDESK_CHECK", "PASSWORD_RESET", "MFA_RESET", "ACCOUNT_RECOVERY", "IDP_VERIFICATION"]),
  required: z.enum(ASSURANCE_LEVELS),
  requiredLabel: z.string(),
  meetsPolicy: z.boolean(),
});


const decisionSchema = z.object({
  outcome: z.enum(["VERIFIED", "FAILED"]),
  reasons: z.array(z.string()),
  claims: z.array(
    z.object({
      claim: z.string(),
      outcome: z.string(),
      score: z.number().nullable(),
      reason: z.string(),
      requirement: z.string(),
      source: z.string().nullable(),
      decisive: z.boolean(),
      directoryValue: z.string().nullable().optional(),
      evidenceValue: z.string().nullable().optional(),
    }),
  ),
  checks: z.array(z.object({ check: z.string(), required: z.boolean(), passed: z.boolean(), detail: z.string() })),
  document: z
    .object({ kind: z.string(), expired: z.boolean(), consistent: z.boolean(), problems: z.array(z.string()), documentType: z.string().optional(), issuingCountry: z.string().optional(), expiryDate: z.string().nullable().optional() })
    .nullable(),
  // Absent on decisions recorded before assurance levels (issue 14).
  assurance: assuranceSchema.optional(),
  face: faceEvidenceSchema.nullable().optional(),
});

/**
 * What any agent may see about one verification: status, timeline, the per-claim decision, who started it. Never
 * the link: the initiating agent gets that from showVerificationLink, one audited display at a time.
 */
export async function getVerificationDetail(id: string) {
  const verification = await db().verificationRequest.findUnique({
    where: { id },
    include: {
      employee: { select: { id: true, login: true, firstName: true, lastName: true, email: true } },
      initiatedBy: { select: { name: true, email: true } },
      initiatedByApiKey: { select: { name: true } },
      policy: { select: { version: true, requirePossessionCode: true, requireIdDocument: true, maxAttempts: true, evidenceRetention: true } },
      evidence: {
        orderBy: { createdAt: "asc" },
        select: { id: true, createdAt: true, readable: true, failureHint: true, documentKind: true, documentType: true, issuingCountry: true, expired: true, consistent: true, imageSha256: true, imageDeletedAt: true, imageDeleteAfter: true },
      },
    },
  });
  // Unmatched self-service attempts have no employee to show; agents have no business with them.
  if (!verification?.employee) return null;
  const parsed = verification.decision ? decisionSchema.safeParse(verification.decision) : null;
  const { linkTokenHash: _link, sessionTokenHash: _session, codeHash: _code, sealedSelfAsserted: _typed, sealedBindingCode, sealedLinkToken, decision: _raw, ...safe } = verification;
  return {
    ...safe,
    employee: verification.employee,
    decision: parsed?.success ? (parsed.data as Decision) : null,
    // Whether the link can still be started; the link itself is only opened by showVerificationLink (audited).
    linkLive: sealedLinkToken !== null && ["PENDING", "OPENED"].includes(verification.status) && verification.expiresAt > new Date(),
    bindingPending: verification.status === "VERIFIED" && !verification.bindingConfirmedAt && bindingCodeLive({ sealedBindingCode, bindingCodeExpiresAt: verification.bindingCodeExpiresAt }),
    // Still sealed but past its lifetime (a burnt code is cleared instead): the page says which of the two it was.
    bindingExpired: verification.status === "VERIFIED" && !verification.bindingConfirmedAt && sealedBindingCode !== null && !bindingCodeLive({ sealedBindingCode, bindingCodeExpiresAt: verification.bindingCodeExpiresAt }),
  };
}

export type VerificationDetail = NonNullable<Awaited<ReturnType<typeof getVerificationDetail>>>;

/** The latest verifications of one employee, newest first (employee page). */
export async function listEmployeeVerifications(employeeId: string, take = 10) {
  return db().verificationRequest.findMany({
    where: { employeeId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, purpose: true, status: true, createdAt: true, decidedAt: true, initiatorType: true, initiatedBy: { select: { name: true } } },
  });
}
