import { z } from "zod";

/**
 * The events an endpoint may subscribe to. Safe to import from client components. `webhook.test` is not here: it
 * is sent on request ("Send test event") to one endpoint, whatever it subscribes to.
 */
export const WEBHOOK_EVENT_TYPES = ["verification.decided", "credential_reset.completed", "credential_reset.failed", "credential_reset.refused", "directory.sync_failed"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const WEBHOOK_TEST_EVENT = "webhook.test";
export type WebhookMessageType = WebhookEventType | typeof WEBHOOK_TEST_EVENT;
/** Every type a delivery can carry. */
export const WEBHOOK_MESSAGE_TYPES: readonly WebhookMessageType[] = [...WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "verification.decided": "A verification was decided (verified or failed)",
  "credential_reset.completed": "A password or MFA reset completed",
  "credential_reset.failed": "A password or MFA reset failed",
  "credential_reset.refused": "A reset was refused: the account holds administrator roles",
  "directory.sync_failed": "A directory sync failed",
};

export const MAX_WEBHOOK_NAME_LENGTH = 80;
export const MAX_WEBHOOK_URL_LENGTH = 2000;
const LOOPBACK_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True for http(s) URLs naming this machine (allowed over http only while the sandbox runs: see webhook-url-policy). */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTNAMES.has(url.hostname);
}

/**
 * The shape every endpoint URL must have, checked in the browser and on the server alike: absolute, https (or http
 * to this machine, which the server accepts only in sandbox mode), no user name or password, no fragment. The
 * server then refuses addresses that are not public (lib/webhooks/webhook-url-policy.ts).
 */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the events.")
  .max(MAX_WEBHOOK_URL_LENGTH, `Keep the URL under ${MAX_WEBHOOK_URL_LENGTH} characters.`)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL, e.g. https://example.service-now.com/api/verifyd/webhook" });
      return;
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackUrl(url))) ctx.addIssue({ code: "custom", message: "Use an https URL." });
    else if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Leave credentials out of the URL: verify the signature instead." });
    else if (url.hash) ctx.addIssue({ code: "custom", message: "Leave the #fragment out of the URL." });
  });

const eventTypesSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Choose events from the list." }))
  .min(1, "Choose at least one event.")
  .transform((types) => WEBHOOK_EVENT_TYPES.filter((type) => types.includes(type)));

export const webhookEndpointIdSchema = z.object({ id: z.uuid({ error: "Choose an endpoint." }) });
export type WebhookEndpointIdInput = z.input<typeof webhookEndpointIdSchema>;

export const createWebhookEndpointSchema = z.object({
  name: z.string().trim().min(1, "Name the endpoint after the system that receives it.").max(MAX_WEBHOOK_NAME_LENGTH, `Keep the name under ${MAX_WEBHOOK_NAME_LENGTH} characters.`),
  url: webhookUrlSchema,
  eventTypes: eventTypesSchema,
});
export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointSchema>;

export const updateWebhookEndpointSchema = createWebhookEndpointSchema.extend(webhookEndpointIdSchema.shape);
export type UpdateWebhookEndpointInput = z.input<typeof updateWebhookEndpointSchema>;

/** How long the replaced secret keeps signing beside the new one: time to update the receiver, or none if it leaked. */
export const WEBHOOK_SECRET_OVERLAPS = ["24h", "none"] as const;
export const rotateWebhookSecretSchema = webhookEndpointIdSchema.extend({ overlap: z.enum(WEBHOOK_SECRET_OVERLAPS, { error: "Choose how long the old secret stays valid." }).default("24h") });
export type RotateWebhookSecretInput = z.input<typeof rotateWebhookSecretSchema>;

export const webhookDeliveryIdSchema = z.object({ id: z.uuid({ error: "Choose a delivery." }) });
export type WebhookDeliveryIdInput = z.input<typeof webhookDeliveryIdSchema>;
