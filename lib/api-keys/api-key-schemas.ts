import { z } from "zod";

/** What a key may do, `resource:verb`. Each /api/v1 route requires exactly one. Safe to import from client components. */
export const API_KEY_SCOPES = ["directory:search", "verifications:create", "verifications:read", "resets:start"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_KEY_SCOPE_LABELS: Record<ApiKeyScope, string> = {
  "directory:search": "Search the synced directory",
  "verifications:create": "Send verification links",
  "verifications:read": "Read verification status and per-claim results",
  "resets:start": "Confirm the caller and reset their password or MFA on a verification the key started",
};

export const MAX_API_KEY_NAME_LENGTH = 80;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 120;
/** Keys expire by default: a forgotten integration key should not work for ever. */
export const API_KEY_LIFETIME_DAYS = [30, 90, 365] as const;

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key after the integration that uses it.").max(MAX_API_KEY_NAME_LENGTH, `Keep the name under ${MAX_API_KEY_NAME_LENGTH} characters.`),
  scopes: z
    .array(z.enum(API_KEY_SCOPES, { error: "Choose scopes from the list." }))
    .min(1, "Choose at least one scope.")
    .transform((scopes) => API_KEY_SCOPES.filter((scope) => scopes.includes(scope))),
  /** Days until the key stops working, or "never" (the console warns). */
  lifetime: z.union([z.literal("never"), z.coerce.number<string | number>().int().refine((days) => (API_KEY_LIFETIME_DAYS as readonly number[]).includes(days), "Choose a lifetime from the list.")]),
  rateLimitPerMinute: z.coerce
    .number<string | number>({ error: "Enter requests per minute as a number." })
    .int("Enter a whole number of requests per minute.")
    .min(1, "Allow at least 1 request per minute.")
    .max(10_000, "At most 10 000 requests per minute.")
    .default(DEFAULT_RATE_LIMIT_PER_MINUTE),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.object({ id: z.uuid({ error: "Choose a key." }) });
export type ApiKeyIdInput = z.input<typeof apiKeyIdSchema>;
