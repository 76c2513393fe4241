import { z } from "zod";

const guid = z.uuid({ error: "Use the GUID shown in the Entra admin center (8-4-4-4-12 hex digits)." });
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined)
  .pipe(z.url({ error: "Enter a full URL, e.g. https://login.microsoftonline.com" }).optional());

/** What an admin enters to connect Microsoft Entra ID (parsed again on the server). */
export const entraConnectionInputSchema = z
  .object({
    tenant: z
      .string()
      .trim()
      .min(1, "Enter the tenant id or a verified domain.")
      .max(255)
      .refine((value) => !["common", "organizations", "consumers"].includes(value.toLowerCase()), "Use your own tenant, not a multi-tenant alias.")
      .refine((value) => z.uuid().safeParse(value).success || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value), "Enter a tenant GUID or a domain like contoso.onmicrosoft.com."),
    clientId: guid,
    groupId: guid,
    credentialType: z.enum(["client_secret", "certificate"], { error: "Choose how the app authenticates." }),
    clientSecret: z.string().trim().max(512).optional(),
    authorityHost: optionalUrl,
    graphBaseUrl: optionalUrl,
  })
  .refine((input) => input.credentialType !== "client_secret" || Boolean(input.clientSecret), {
    path: ["clientSecret"],
    message: "Paste the client secret's value (not its id).",
  });
export type EntraConnectionInput = z.infer<typeof entraConnectionInputSchema>;

/** What an admin enters to connect Okta. https is required, except for the built-in sandbox on loopback. */
export const oktaConnectionInputSchema = z.object({
  orgUrl: z
    .url({ error: "Enter your Okta org URL, e.g. https://acme.okta.com" })
    .transform((value) => value.replace(/\/+$/, ""))
    .refine((value) => {
      const url = new URL(value);
      return url.protocol === "https:" || ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
    }, "The org URL must use https.")
    .refine((value) => new URL(value).pathname === "/" || new URL(value).pathname === "", "Use the org URL only, without a path (no -admin, no /oauth2)."),
  clientId: z.string().trim().min(1, "Enter the API service app's client id.").max(100).regex(/^[A-Za-z0-9_-]+$/, "A client id has letters and digits only."),
  groupId: z.string().trim().min(1, "Enter the employee group's id.").max(100).regex(/^[A-Za-z0-9_-]+$/, "A group id has letters and digits only (e.g. 00g1abc...)."),
});
export type OktaConnectionInput = z.infer<typeof oktaConnectionInputSchema>;

export const syncIntervalSchema = z.object({
  syncIntervalMinutes: z.coerce.number({ error: "Choose an interval." }).int().min(15, "At least every 15 minutes.").max(10_080, "At most weekly."),
});
