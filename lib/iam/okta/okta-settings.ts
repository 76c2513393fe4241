import { z } from "zod";

const publicJwkSchema = z.looseObject({ kty: z.string(), kid: z.string(), n: z.string().optional(), e: z.string().optional() });

/** Non-secret Okta connection settings, stored in IamConnection.settings. */
export const oktaSettingsSchema = z.object({
  /** https://your-org.okta.com (no trailing slash). */
  orgUrl: z.url(),
  /**
   * The admin confirmed that an org URL outside Okta's domains is their org's custom URL domain (audited as
   * iam.custom_domain_confirmed); without it only Okta's own domains are called.
   */
  customDomainConfirmed: z.boolean().default(false),
  clientId: z.string().trim().min(1).max(100),
  /**
   * Public keys the admin registers in the Okta service app. Rotation: a `next` key is added and registered
   * while the `active` one keeps working; promoting it retires the old one.
   */
  keys: z.array(
    z.object({
      kid: z.string(),
      publicJwk: publicJwkSchema,
      status: z.enum(["active", "next", "retired"]),
      createdAt: z.iso.datetime(),
    }),
  ),
});
export type OktaSettings = z.infer<typeof oktaSettingsSchema>;

/** Okta secrets, sealed in IamConnection.sealedCredentials: the private JWK of each key, by kid. */
export const oktaCredentialsSchema = z.object({ privateJwks: z.record(z.string(), z.looseObject({ kty: z.string(), kid: z.string() })) });
export type OktaCredentials = z.infer<typeof oktaCredentialsSchema>;
