import { z } from "zod";

/** Non-secret Entra connection settings, stored in IamConnection.settings. */
export const entraSettingsSchema = z.object({
  /** As the admin typed it: tenant GUID or a verified domain (contoso.onmicrosoft.com). */
  tenant: z.string().trim().min(3).max(255),
  /** The tenant GUID, learned from the admin-consent callback. */
  tenantId: z.uuid().nullable().default(null),
  clientId: z.uuid(),
  credentialType: z.enum(["client_secret", "certificate"]),
  /** Public part of the certificate the product generated (the admin uploads it to the app registration). */
  certificate: z
    .object({ pem: z.string(), thumbprintSha256: z.string(), thumbprintSha1: z.string(), expiresAt: z.iso.datetime() })
    .nullable()
    .default(null),
  /** Identity platform host; differs for national clouds and the built-in sandbox. */
  authorityHost: z.url().default("https://login.microsoftonline.com"),
  /** Graph root (the SDK appends v1.0); differs for national clouds and the built-in sandbox. */
  graphBaseUrl: z.url().default("https://graph.microsoft.com"),
});
export type EntraSettings = z.infer<typeof entraSettingsSchema>;

/** Entra secrets, sealed in IamConnection.sealedCredentials. */
export const entraCredentialsSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("client_secret"), clientSecret: z.string().min(1) }),
  z.object({ type: z.literal("certificate"), privateKeyPem: z.string().min(1) }),
]);
export type EntraCredentials = z.infer<typeof entraCredentialsSchema>;
