import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import type { verificationSchema } from "@/lib/api/v1/v1-schemas";
import { resetReference } from "@/lib/credential-reset/settle-credential-reset";

/** Only what the API shows of a stored decision: outcomes and the level, never the values compared. */
const storedDecisionSchema = z.object({
  claims: z.array(z.object({ claim: z.string(), outcome: z.string(), requirement: z.string() })),
  assurance: z.object({ level: z.string(), meetsPolicy: z.boolean() }).optional(),
});

export const VERIFICATION_API_SELECT = {
  id: true,
  employeeId: true,
  purpose: true,
  status: true,
  externalTicketRef: true,
  createdAt: true,
  expiresAt: true,
  decidedAt: true,
  decision: true,
  failureReason: true,
  bindingConfirmedAt: true,
  credentialResets: { select: { id: true, action: true, status: true, failureReason: true }, orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.VerificationRequestSelect;

type StoredVerification = Prisma.VerificationRequestGetPayload<{ select: typeof VERIFICATION_API_SELECT }>;

export function presentReset(reset: { id: string; action: "PASSWORD_RESET" | "MFA_RESET" | "ACCOUNT_UNLOCK"; status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "REFUSED"; failureReason: string | null }) {
  return { id: reset.id, action: reset.action, status: reset.status, reference: resetReference(reset.id), failureReason: reset.failureReason };
}

export function presentVerification(row: StoredVerification): z.infer<typeof verificationSchema> {
  const decision = row.decision ? storedDecisionSchema.safeParse(row.decision) : null;
  const decided = decision?.success ? decision.data : null;
  return {
    id: row.id,
    employeeId: row.employeeId,
    purpose: row.purpose,
    status: row.status,
    ticket: row.externalTicketRef,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    assuranceLevel: decided?.assurance?.level ?? null,
    meetsPolicy: decided?.assurance?.meetsPolicy ?? null,
    claims: decided ? decided.claims.map(({ claim, outcome, requirement }) => ({ claim, outcome, requirement })) : [],
    failureReason: row.failureReason,
    callerConfirmedAt: row.bindingConfirmedAt?.toISOString() ?? null,
    resets: row.credentialResets.map(presentReset),
  };
}
