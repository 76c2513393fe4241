import { z } from "zod";

// One list of claims for the policy, the matcher and the decision (lib/verification/claims.ts).
import { CLAIM_NAMES, type ClaimName } from "@/lib/verification/claims";

export { CLAIM_NAMES, type ClaimName };

export type ClaimOutcome = "MATCH" | "MISMATCH" | "MISSING_IN_DIRECTORY" | "MISSING_IN_EVIDENCE";

/** One claim's verdict. `score` is a 0..1 similarity where one is meaningful, null when a side is missing. */
export interface ClaimResult {
  claim: ClaimName;
  outcome: ClaimOutcome;
  score: number | null;
  /** Plain English for the helpdesk agent, e.g. "Surname and given name appear swapped". */
  reason: string;
}

export type ClaimValues = Partial<Record<ClaimName, string | null>>;

/** The name exactly as a document splits it (MRZ primary/secondary identifier, AAMVA DCS/DAC+DAD). */
export interface EvidenceName {
  surname: string;
  givenNames: string;
}

/** What a single claim comparator returns; `matchClaims` adds the claim name. */
export type ClaimVerdict = Omit<ClaimResult, "claim">;

// Values come from documents and employee input; bound them so a hostile value cannot make similarity slow.
const MAX_VALUE_LENGTH = 512;

const claimValueSchema = z.string().max(MAX_VALUE_LENGTH).nullish();

export const claimValuesSchema = z.object(
  Object.fromEntries(CLAIM_NAMES.map((claim) => [claim, claimValueSchema])) as Record<ClaimName, typeof claimValueSchema>,
);

export const matchClaimsInputSchema = z.object({
  directory: claimValuesSchema,
  evidence: claimValuesSchema,
  claims: z.array(z.enum(CLAIM_NAMES)).readonly(),
  evidenceName: z
    .object({ surname: z.string().max(MAX_VALUE_LENGTH), givenNames: z.string().max(MAX_VALUE_LENGTH) })
    .optional(),
});

/** Input of `matchClaims`; `matchClaimsInputSchema` parses it. */
export interface MatchClaimsInput {
  directory: ClaimValues;
  evidence: ClaimValues;
  claims: readonly ClaimName[];
  /** The document's own split of the name; when given, it replaces evidence.firstName/lastName. */
  evidenceName?: EvidenceName;
}
