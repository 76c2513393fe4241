import { z } from "zod";
import { CLAIM_LABELS, CLAIM_NAMES, type ClaimName } from "@/lib/verification/claims";

export const MAX_REDIRECT_URIS = 10;
export const MAX_REDIRECT_URI_LENGTH = 2000;
export const MAX_IDV_CLIENT_NAME_LENGTH = 80;

/** Okta compares the verified given and family names with the user's profile, so every client receives both. */
export const REQUIRED_IDV_CLAIMS = ["firstName", "lastName"] as const satisfies readonly ClaimName[];

// Plain http is safe only when the browser never leaves the machine: the built-in sandbox runs on loopback.
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Long URIs are cut in messages, so an error stays readable next to the field. */
function shown(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

/**
 * Why a redirect URI cannot be registered, or null when it can. The code goes to whatever this URI says, so
 * it must be absolute, without a fragment (RFC 6749 §3.1.2), without credentials, and over TLS.
 */
export function redirectUriProblem(value: string): string | null {
  if (value.length > MAX_REDIRECT_URI_LENGTH) return `${shown(value)} is longer than ${MAX_REDIRECT_URI_LENGTH} characters.`;
  // The URL parser would quietly drop inner whitespace and add missing slashes; what is stored must be what Okta sends.
  if (/\s/.test(value) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || !URL.canParse(value)) {
    return `${shown(value)} is not a full URL. Paste it as Okta shows it, starting with https://.`;
  }
  const url = new URL(value);
  if (value.includes("#")) return `${shown(value)} has a “#” part. Remove it: a redirect URI cannot have a fragment.`;
  if (url.username || url.password) return `${shown(value)} contains a user name or password. Remove them.`;
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return `${shown(value)} must start with https:// (http:// is allowed only for localhost).`;
}

/** One URI per line from the textarea, or a list from code: trimmed, blank lines dropped. */
function redirectUriLines(input: string | string[]): string[] {
  const entries = typeof input === "string" ? input.split(/\r?\n/) : input;
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== "");
}

// The form's textarea holds one string; code may pass a list. Both become the list that is stored.
const redirectUrisSchema = z
  .union([z.string(), z.array(z.string())], { error: "Enter the redirect URIs, one per line." })
  .transform(redirectUriLines)
  .pipe(
    z
      .array(z.string())
      .min(1, "Enter at least one redirect URI, such as https://your-org.okta.com/idp/identity-verification/callback.")
      .max(MAX_REDIRECT_URIS, `Enter at most ${MAX_REDIRECT_URIS} redirect URIs.`)
      .superRefine((uris, ctx) => {
        const seen = new Set<string>();
        for (const uri of uris) {
          const problem = redirectUriProblem(uri);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
          else if (seen.has(uri)) ctx.addIssue({ code: "custom", message: `${shown(uri)} is listed twice.` });
          seen.add(uri);
        }
      }),
  );

const allowedClaimsSchema = z
  .array(z.enum(CLAIM_NAMES, { error: "Choose claims from the list." }), { error: "Choose the claims this client may receive." })
  .transform((claims) => CLAIM_NAMES.filter((claim) => claims.includes(claim)))
  .superRefine((claims, ctx) => {
    const missing = REQUIRED_IDV_CLAIMS.filter((claim) => !claims.includes(claim));
    if (missing.length > 0) {
      const labels = missing.map((claim) => CLAIM_LABELS[claim].toLowerCase()).join(" and ");
      ctx.addIssue({ code: "custom", message: `Include ${labels}: Okta compares them with the user's profile.` });
    }
  });

/** What an admin enters for a client, both when registering it and when changing it. */
export const idvClientFieldsSchema = z.object({
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .min(1, "Enter a name, such as the Okta org it is for.")
    .max(MAX_IDV_CLIENT_NAME_LENGTH, `Use at most ${MAX_IDV_CLIENT_NAME_LENGTH} characters.`),
  redirectUris: redirectUrisSchema,
  allowedClaims: allowedClaimsSchema,
});

export const createIdvClientSchema = idvClientFieldsSchema;

/** A registration by its row id (not the public OAuth client_id). */
export const idvClientIdSchema = z.object({ id: z.uuid({ error: "Unknown client." }) });

export const updateIdvClientSchema = idvClientIdSchema.extend(idvClientFieldsSchema.shape);
export const rotateIdvClientSecretSchema = idvClientIdSchema;
export const revokeIdvClientSchema = idvClientIdSchema;

/** The form's values (the textarea holds a string); the parsed values below are what the domain functions take. */
export type IdvClientFieldsFormInput = z.input<typeof idvClientFieldsSchema>;
export type CreateIdvClientInput = z.output<typeof createIdvClientSchema>;
export type UpdateIdvClientInput = z.output<typeof updateIdvClientSchema>;
export type IdvClientIdInput = z.output<typeof idvClientIdSchema>;

/** The hosts of the redirect URIs, for audit details: where codes may go, without paths or queries. */
export function redirectUriHosts(uris: readonly string[]): string[] {
  return [...new Set(uris.map((uri) => new URL(uri).host))];
}
