import { z } from "zod";
import { OIDC_CLAIM_OF } from "@/lib/idv/protocol/oidc-claim-names";
import { type VerifiedClaims, verifiedClaimsSchema } from "@/lib/idv/protocol/verified-claims-schema";
import { ASSURANCE_LEVELS } from "@/lib/verification/assurance/assurance-levels";
import { CLAIM_NAMES, type ClaimName, type DirectoryClaimValues } from "@/lib/verification/claims";

/** The parts of a stored decision (lib/verification/decision) an ID token is built from, read back through zod. */
export const decisionForClaimsSchema = z.object({
  outcome: z.enum(["VERIFIED", "FAILED"]),
  claims: z.array(z.object({ claim: z.enum(CLAIM_NAMES), outcome: z.string(), source: z.string().nullable() })),
  checks: z.array(z.object({ check: z.string(), passed: z.boolean() })),
  document: z.object({ kind: z.string(), issuingCountry: z.string().optional(), expiryDate: z.string().nullable().optional() }).nullable(),
  assurance: z.object({ level: z.enum(ASSURANCE_LEVELS) }).optional(),
});
export type DecisionForClaims = z.infer<typeof decisionForClaimsSchema>;

/**
 * Our own framework name: verifyd is not certified under any national scheme (NIST 800-63A, eIDAS, ...), so it
 * claims none. The assurance level is our ladder (lib/verification/assurance), in lower case.
 */
export const TRUST_FRAMEWORK = "verifyd_workforce";

const DOCUMENT_TYPES: Record<string, string> = { AAMVA: "driving_permit", MRZ_TD3: "passport", MRZ_TD2: "idcard", MRZ_TD1: "idcard", MDOC: "driving_permit" };

/**
 * How the document was checked, in IDA's predefined values: `vcrypt` (its issuer's signature verified: a wallet ID)
 * or `vri` (an image of it inspected remotely), plus `bvr` when a live face was matched with its portrait.
 */
function checkMethods(kind: string, faceMatched: boolean): { check_method: string }[] {
  return [{ check_method: kind === "MDOC" ? "vcrypt" : "vri" }, ...(faceMatched ? [{ check_method: "bvr" }] : [])];
}

export type VerifiedClaimsInput = {
  decision: DecisionForClaims;
  decidedAt: Date;
  verificationId: string;
  /** The directory's values for the person (what the evidence was matched against, and what the IdP holds). */
  directory: DirectoryClaimValues;
  /** What the request asked for, already narrowed to the client's allowed claims. */
  requested: readonly ClaimName[];
};

/**
 * The verified_claims for an ID token, or null when nothing can be asserted. A claim is included only if the
 * policy compared it, the document carried it and it matched the directory (typed or possession-proven values
 * are not document evidence), and the client asked for it and may receive it. Its value is the directory's,
 * the one the evidence was found to match, so the IdP compares it with its own profile as is.
 */
export function buildVerifiedClaims(input: VerifiedClaimsInput): VerifiedClaims | null {
  const { decision } = input;
  if (decision.outcome !== "VERIFIED" || !decision.document) return null;
  const claims: Record<string, string> = {};
  const address: Record<string, string> = {};
  for (const result of decision.claims) {
    if (result.outcome !== "MATCH" || result.source !== "DOCUMENT" || !input.requested.includes(result.claim)) continue;
    const value = input.directory[result.claim];
    if (!value) continue;
    const name = OIDC_CLAIM_OF[result.claim];
    if (name.startsWith("address.")) address[name.slice("address.".length)] = value;
    else claims[name] = value;
  }
  if (Object.keys(address).length > 0) Object.assign(claims, { address });
  if (Object.keys(claims).length === 0) return null;

  const time = input.decidedAt.toISOString();
  const faceMatched = decision.checks.some((check) => check.check === "LIVE_FACE" && check.passed);
  const country = decision.document.issuingCountry?.toUpperCase();
  const expiry = decision.document.expiryDate ?? undefined;
  const candidate = {
    verification: {
      trust_framework: TRUST_FRAMEWORK,
      ...(decision.assurance ? { assurance_level: decision.assurance.level.toLowerCase() } : {}),
      time,
      verification_process: input.verificationId,
      evidence: [
        {
          type: "document",
          check_details: checkMethods(decision.document.kind, faceMatched),
          time,
          document_details: {
            type: DOCUMENT_TYPES[decision.document.kind] ?? "idcard",
            ...(country && /^[A-Z]{2,3}$/.test(country) ? { issuer: { country_code: country } } : {}),
            ...(expiry && /^\d{4}-\d{2}-\d{2}$/.test(expiry) ? { date_of_expiry: expiry } : {}),
          },
        },
      ],
    },
    claims,
  };
  // Our own output through the spec's shape: a bug here must fail loudly, not reach the IdP.
  return verifiedClaimsSchema.parse(candidate);
}
