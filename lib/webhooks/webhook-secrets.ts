import { randomBytes } from "node:crypto";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";

/** Standard Webhooks secrets: `whsec_` and the base64 of 24 to 64 random bytes; the library strips the prefix. */
const SECRET_BYTES = 32;

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString("base64")}`;
}

const context = (endpointId: string) => `webhook-endpoint:${endpointId}`;

export function sealWebhookSecret(endpointId: string, secret: string): string {
  return sealSecret(secret, context(endpointId));
}

export function openWebhookSecret(endpointId: string, sealed: string): string {
  return openSecret(sealed, context(endpointId));
}
