import { Webhook } from "standardwebhooks";
import { createOutboundAgents } from "@/lib/iam/outbound/outbound-agents";
import { outboundFailureOf } from "@/lib/iam/outbound/outbound-errors";
import { createOutboundFetch } from "@/lib/iam/outbound/outbound-fetch";
import { createOutboundPolicy, type Resolve } from "@/lib/iam/outbound/outbound-policy";

export type WebhookSendResult = { succeeded: boolean; statusCode: number | null; error: string | null; durationMs: number };

/** The start of a receiver's answer kept with a failed attempt: enough to tell "wrong route" from "bad signature". */
const SNIPPET_LENGTH = 200;

function snippetOf(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return clean.length > SNIPPET_LENGTH ? `${clean.slice(0, SNIPPET_LENGTH)}…` : clean;
}

/**
 * Headers per Standard Webhooks: webhook-id (the message id), webhook-timestamp (seconds), webhook-signature: one
 * `v1,…` per secret, space-separated (the current secret, then a rotated one still in its overlap).
 */
export function signWebhook(secrets: readonly string[], messageId: string, body: string, at: Date): Record<string, string> {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(" "),
  };
}

/**
 * One signed POST. Outbound rules of lib/iam/outbound: only the endpoint's origin, only public addresses (the name
 * is resolved and checked on the socket that connects, so DNS rebinding gains nothing; loopback only in sandbox
 * mode), no redirects followed, one deadline for the whole exchange. 2xx is success; anything else, a timeout or
 * a refusal is a failure with a short reason. Never throws.
 */
export async function sendWebhook(input: {
  url: string;
  /** The current secret first; a rotated one still in its overlap after it. */
  secrets: readonly string[];
  messageId: string;
  body: string;
  allowLoopback: boolean;
  timeoutMs: number;
  resolve?: Resolve;
}): Promise<WebhookSendResult> {
  const target = new URL(input.url);
  const policy = createOutboundPolicy({ allowedOrigins: [target.origin], allowLoopback: input.allowLoopback, timeoutMs: input.timeoutMs, ...(input.resolve ? { resolve: input.resolve } : {}) });
  const agents = createOutboundAgents(policy);
  const started = Date.now();
  const done = (result: Omit<WebhookSendResult, "durationMs">): WebhookSendResult => ({ ...result, durationMs: Date.now() - started });
  try {
    const response = await createOutboundFetch(policy, agents)(target, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "verifyd-webhooks/1", ...signWebhook(input.secrets, input.messageId, input.body, new Date()) },
      body: input.body,
    });
    if (response.status >= 200 && response.status < 300) return done({ succeeded: true, statusCode: response.status, error: null });
    const redirect = response.status >= 300 && response.status < 400 ? " (redirects are not followed: register the final URL)" : "";
    const snippet = snippetOf(await response.text().catch(() => ""));
    return done({ succeeded: false, statusCode: response.status, error: `HTTP ${response.status}${redirect}${snippet ? `: ${snippet}` : ""}` });
  } catch (error) {
    const kind = outboundFailureOf(error);
    if (kind === "timeout") return done({ succeeded: false, statusCode: null, error: `No answer within ${Math.round(input.timeoutMs / 1000)} s.` });
    if (kind === "blocked") return done({ succeeded: false, statusCode: null, error: snippetOf(error instanceof Error ? error.message : "Refused by the outbound policy.") });
    const code = error instanceof Error ? Reflect.get(error, "code") : undefined;
    return done({ succeeded: false, statusCode: null, error: `Could not connect${typeof code === "string" ? ` (${code})` : ""}.` });
  } finally {
    agents.http.destroy();
    agents.https.destroy();
  }
}
