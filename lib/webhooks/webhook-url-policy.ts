import { isIP } from "node:net";
import { classifyAddress } from "@/lib/iam/outbound/classify-address";
import { isLoopbackUrl } from "@/lib/webhooks/webhook-schemas";

export type WebhookUrlCheck = { ok: true; url: URL; allowLoopback: boolean } | { ok: false; message: string };

/**
 * The server's check of an endpoint URL (after webhookUrlSchema): a loopback receiver only in sandbox mode (the
 * sandbox runs in this process: `npm run dev`, the e2e server; callers ask lib/connections/sandbox-offer), and
 * no address literal that is not public (metadata services, private networks). A name is checked when a delivery
 * connects (the guarded lookup of lib/iam/outbound), so one that resolves privately later is refused then too.
 */
export function checkWebhookUrl(value: string, options: { sandbox: boolean }): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: "Enter a full URL." };
  }
  const loopback = isLoopbackUrl(url);
  if (loopback && !options.sandbox) return { ok: false, message: "This machine's own addresses are allowed only in sandbox mode." };
  if (!loopback && url.protocol !== "https:") return { ok: false, message: "Use an https URL." };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!loopback && isIP(host)) {
    const verdict = classifyAddress(host, { allowLoopback: false });
    if (!verdict.allowed) return { ok: false, message: `That address is not reachable from here: ${verdict.reason}.` };
  }
  return { ok: true, url, allowLoopback: loopback && options.sandbox };
}
