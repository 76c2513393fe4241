import { AppError } from "@/lib/errors";
import { checkWebhookUrl } from "@/lib/webhooks/webhook-url-policy";

/** The server's URL check as a form error on the url field. */
export function assertWebhookUrl(url: string, options: { sandbox: boolean }): void {
  const checked = checkWebhookUrl(url, options);
  if (!checked.ok) throw new AppError("invalid_input", checked.message, { url: [checked.message] });
}
