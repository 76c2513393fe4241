import { z } from "zod";

/** One text message on its way out. */
export type OutgoingSms = { to: string; text: string };

/**
 * Sends text messages through some gateway. Implementations resolve once the gateway accepted the message and
 * throw an `SmsDeliveryError` (whose message is safe to store: no recipient, no body, no credentials) otherwise.
 */
export interface SmsSender {
  send(message: OutgoingSms): Promise<void>;
}

export class SmsDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SmsDeliveryError";
  }
}

const webhookOptionsSchema = z.object({ url: z.url(), token: z.string().min(1).optional(), timeoutMs: z.number().int().positive().default(10_000) });

/**
 * The generic gateway: POSTs `{ "to": "+E.164", "text": "..." }` as JSON to a webhook (a small relay in front of
 * Twilio, Vonage, an on-premises SMS gateway...), with `Authorization: Bearer <token>` when a token is set.
 * Any 2xx answer counts as accepted.
 */
export function createWebhookSmsSender(options: z.input<typeof webhookOptionsSchema>): SmsSender {
  const { url, token, timeoutMs } = webhookOptionsSchema.parse(options);
  return {
    async send(message) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ to: message.to, text: message.text }),
          redirect: "error",
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === "TimeoutError";
        throw new SmsDeliveryError(timedOut ? "SMS webhook timed out" : "SMS webhook unreachable");
      }
      // The gateway's answer is not stored: it may echo the number or the text.
      await response.body?.cancel();
      if (!response.ok) throw new SmsDeliveryError(`SMS webhook answered HTTP ${response.status}`);
    },
  };
}
