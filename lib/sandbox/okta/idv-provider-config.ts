import { z } from "zod";

/** Where the IDV vendor sends the browser back; the admin registers `idvRedirectUri(orgUrl)` at the vendor. */
export const IDV_CALLBACK_PATH = "/idp/identity-verification/callback";

/** Okta pre-fills these on a custom IDV provider and needs all three for the verification. */
export const IDV_SCOPES = "openid profile identity_assurance";

/** The redirect URI of an org's identity verification provider (org URL without a trailing slash). */
export function idvRedirectUri(orgUrl: string): string {
  return `${orgUrl.replace(/\/+$/, "")}${IDV_CALLBACK_PATH}`;
}

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .refine((value) => !new URL(value).hash, "A URL with a fragment cannot be an OAuth endpoint.");

/**
 * Security -> Identity Providers -> Custom ID verification, as far as the flow uses it: the vendor's name (shown
 * to the user), its client credentials, and its issuer and endpoints. The scopes are fixed (IDV_SCOPES).
 */
export const idvProviderConfigSchema = z.object({
  vendorName: z.string().trim().min(1).max(100),
  issuer: httpUrl,
  parUrl: httpUrl,
  authorizeUrl: httpUrl,
  tokenUrl: httpUrl,
  jwksUrl: httpUrl,
  clientId: z.string().min(1).max(255),
  clientSecret: z.string().min(1).max(1024),
});

export type IdvProviderConfig = z.infer<typeof idvProviderConfigSchema>;

/** What the admin API shows of a provider: everything but the secret, which Okta never shows again either. */
export function describeIdvProvider(config: IdvProviderConfig, orgUrl: string) {
  const { clientSecret: _secret, ...visible } = config;
  return { ...visible, scopes: IDV_SCOPES, redirectUri: idvRedirectUri(orgUrl) };
}
