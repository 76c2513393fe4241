import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import type { verificationSchema } from "@/lib/api/v1/v1-schemas";

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
} as const satisfies Prisma.VerificationRequestSelect;

type StoredVerification = Prisma.VerificationRequestGetPayload<{ select: typeof VERIFICATION_API_SELECT }>;

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
  };
}
