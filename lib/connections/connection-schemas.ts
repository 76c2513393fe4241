import { z } from "zod";
import { checkEntraAuthorityHost, checkGraphBaseUrl } from "@/lib/iam/entra/entra-endpoints";
import { checkOktaOrgUrl } from "@/lib/iam/okta/okta-org-url";
import type { EndpointCheck, SandboxOriginsRule } from "@/lib/iam/outbound/check-endpoint-url";

const guid = z.uuid({ error: "Use the GUID shown in the Entra admin center (8-4-4-4-12 hex digits)." });

/**
 * An optional endpoint URL, empty meaning the default. The rule is read when parsing (the server's sandbox may
 * start after this module loads), and it yields the URL's origin, which is what gets stored.
 */
function optionalEndpoint(check: (value: string, sandboxOrigins: SandboxOriginsRule) => EndpointCheck, sandboxOrigins: () => SandboxOriginsRule) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const result = check(value, sandboxOrigins());
      if (result.ok) return result.origin;
      ctx.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    });
}

/**
 * What an admin enters to connect Microsoft Entra ID. The server action parses with the sandbox origins this
 * process runs (`entraConnectionInputSchemaFor(sandboxOrigins)`); the form's copy below cannot know them.
 */
export function entraConnectionInputSchemaFor(sandboxOrigins: () => SandboxOriginsRule) {
  return z
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
    authorityHost: optionalEndpoint(checkEntraAuthorityHost, sandboxOrigins),
    graphBaseUrl: optionalEndpoint(checkGraphBaseUrl, sandboxOrigins),
  })
  .refine((input) => input.credentialType !== "client_secret" || Boolean(input.clientSecret), {
    path: ["clientSecret"],
    message: "Paste the client secret's value (not its id).",
  });
}

/** The browser's copy: lets any loopback origin through as a possible sandbox; the server decides. */
export const entraConnectionInputSchema = entraConnectionInputSchemaFor(() => "any-loopback");
export type EntraConnectionInput = z.input<typeof entraConnectionInputSchema>;
export type ParsedEntraConnectionInput = z.output<typeof entraConnectionInputSchema>;

const orgUrlFields = z.object({ orgUrl: z.string().min(1), customDomainConfirmed: z.boolean() });

/**
 * What an admin enters to connect Okta: an org on Okta's domains, a custom URL domain the admin confirms is
 * theirs, or the built-in sandbox org while it runs (plain http only there).
 */
export function oktaConnectionInputSchemaFor(sandboxOrigins: () => SandboxOriginsRule) {
  return z
    .object({
      orgUrl: z.string().trim().min(1, "Enter your Okta org URL, e.g. https://acme.okta.com").max(300),
      clientId: z.string().trim().min(1, "Enter the API service app's client id.").max(100).regex(/^[A-Za-z0-9_-]+$/, "A client id has letters and digits only."),
      groupId: z.string().trim().min(1, "Enter the employee group's id.").max(100).regex(/^[A-Za-z0-9_-]+$/, "A group id has letters and digits only (e.g. 00g1abc...)."),
      /** The admin confirms that a host outside Okta's domains is their org's custom URL domain (audited). */
      customDomainConfirmed: z.boolean().default(false),
    })
    // Also runs when another field is wrong, so the form names every mistake at once (the transform below
    // only runs on an otherwise valid form).
    .superRefine(
      (input, ctx) => {
        const result = checkOktaOrgUrl(input.orgUrl.replace(/\/+$/, ""), { customDomainConfirmed: input.customDomainConfirmed, sandboxOrigins: sandboxOrigins() });
        if (!result.ok) ctx.addIssue({ code: "custom", path: ["orgUrl"], message: result.message });
      },
      { when: (payload) => orgUrlFields.safeParse(payload.value).success },
    )
    .transform((input, ctx) => {
      const result = checkOktaOrgUrl(input.orgUrl.replace(/\/+$/, ""), { customDomainConfirmed: input.customDomainConfirmed, sandboxOrigins: sandboxOrigins() });
      if (!result.ok) {
        ctx.addIssue({ code: "custom", path: ["orgUrl"], message: result.message });
        return z.NEVER;
      }
      // Stored only when it was needed: a confirmation on an okta.com org would mean nothing.
      const customDomain = !result.sandbox && !checkOktaOrgUrl(result.origin, { customDomainConfirmed: false, sandboxOrigins: [] }).ok;
      return { ...input, orgUrl: result.origin, customDomainConfirmed: customDomain };
    });
}

/** The browser's copy: lets any loopback origin through as a possible sandbox; the server decides. */
export const oktaConnectionInputSchema = oktaConnectionInputSchemaFor(() => "any-loopback");
export type OktaConnectionInput = z.input<typeof oktaConnectionInputSchema>;
export type ParsedOktaConnectionInput = z.output<typeof oktaConnectionInputSchema>;

export const syncIntervalSchema = z.object({
  syncIntervalMinutes: z.coerce.number({ error: "Choose an interval." }).int().min(15, "At least every 15 minutes.").max(10_080, "At most weekly."),
});
