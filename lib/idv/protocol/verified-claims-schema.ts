import { z } from "zod";

/**
 * The `verified_claims` element of OpenID Connect for Identity Assurance 1.0 (§5), as far as this provider
 * produces it: the spec's required members (verification.trust_framework, a non-empty claims object), its
 * evidence types, ISO 8601 times and dates. Every ID token is checked against it before it is signed, and the
 * tests check the shape independently. `.strict()` where the spec closes the object, so a stray member fails.
 */
const isoTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

export const checkDetailSchema = z.object({
  /** IDA predefined values: `vri` (image of the document inspected remotely), `vcrypt` (signature verified), `bvr` (remote biometric match). */
  check_method: z.string().min(1),
  time: isoTime.optional(),
  txn: z.string().optional(),
});

export const documentEvidenceSchema = z.object({
  type: z.literal("document"),
  check_details: z.array(checkDetailSchema).min(1),
  time: isoTime,
  document_details: z.object({
    type: z.string().min(1),
    issuer: z.object({ country_code: z.string().regex(/^[A-Z]{2,3}$/) }).optional(),
    date_of_expiry: isoDate.optional(),
  }),
});

export const verifiedClaimsSchema = z
  .object({
    verification: z
      .object({
        trust_framework: z.string().min(1),
        assurance_level: z.string().min(1).optional(),
        time: isoTime,
        verification_process: z.string().min(1).optional(),
        evidence: z.array(documentEvidenceSchema).min(1),
      })
      .strict(),
    claims: z
      .object({
        given_name: z.string().optional(),
        family_name: z.string().optional(),
        birthdate: isoDate.optional(),
        email: z.string().optional(),
        phone_number: z.string().optional(),
        address: z
          .object({ street_address: z.string(), locality: z.string(), region: z.string(), postal_code: z.string(), country: z.string() })
          .partial()
          .strict()
          .refine((address) => Object.keys(address).length > 0, "An address carries at least one part.")
          .optional(),
      })
      .strict()
      .refine((claims) => Object.keys(claims).length > 0, "verified_claims.claims must not be empty (IDA §5.2)."),
  })
  .strict();

export type VerifiedClaims = z.infer<typeof verifiedClaimsSchema>;
