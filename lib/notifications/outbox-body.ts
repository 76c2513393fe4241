import { z } from "zod";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";

const outboxBodySchema = z.object({ text: z.string(), html: z.string().optional() });

/** What a message says: the plain text every channel has, and the HTML of an e-mail. */
export type OutboxBody = z.infer<typeof outboxBodySchema>;

// Bound to the row id, so a sealed body copied onto another message refuses to open.
function bodyContext(messageId: string): string {
  return `outbox:${messageId}`;
}

export function sealOutboxBody(messageId: string, body: OutboxBody): string {
  return sealSecret(JSON.stringify(body), bodyContext(messageId));
}

export function openOutboxBody(messageId: string, sealedBody: string): OutboxBody {
  return outboxBodySchema.parse(JSON.parse(openSecret(sealedBody, bodyContext(messageId))));
}
