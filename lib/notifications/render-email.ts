import { z } from "zod";
import { escapeHtml } from "@/lib/notifications/escape-html";

const line = z.string().trim().min(1).max(2_000);

export const emailLayoutSchema = z.object({
  /** The inbox preview line after the subject; hidden in the message itself. */
  preheader: line.max(200).optional(),
  heading: line.max(200),
  paragraphs: z.array(line).min(1).max(20),
  /** One call to action; only http(s), so a caller's mistake can never produce a `javascript:` link. */
  action: z.object({ label: line.max(80), url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }) }).optional(),
  footer: line.max(600),
});
export type EmailLayout = z.input<typeof emailLayoutSchema>;

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/**
 * The one e-mail layout: a single centred column, inline styles only (mail clients drop <style> and classes),
 * real text for every part (no images), and a plain-text twin with the same words. Every input is escaped.
 */
export function renderEmail(input: EmailLayout): { html: string; text: string } {
  const email = emailLayoutSchema.parse(input);
  const paragraphs = email.paragraphs
    .map((paragraph) => `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#1e293b">${escapeHtml(paragraph)}</p>`)
    .join("\n");
  const action = email.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 24px"><tr><td style="border-radius:6px;background:#1d4ed8">` +
      `<a href="${escapeHtml(email.action.url)}" style="display:inline-block;padding:12px 20px;${FONT};font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(email.action.label)}</a>` +
      `</td></tr></table>\n<p style="margin:0 0 16px;font-size:13px;line-height:20px;color:#475569">If the button does not work, copy this address into your browser:<br>` +
      `<a href="${escapeHtml(email.action.url)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(email.action.url)}</a></p>`
    : "";
  const preheader = email.preheader
    ? `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all" aria-hidden="true">${escapeHtml(email.preheader)}</div>`
    : "";
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light"><title>${escapeHtml(email.heading)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9">
${preheader}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;border:1px solid #e2e8f0">
<tr><td style="padding:32px 28px;${FONT}">
<h1 style="margin:0 0 20px;font-size:22px;line-height:28px;font-weight:600;color:#0f172a">${escapeHtml(email.heading)}</h1>
${paragraphs}
${action}
</td></tr>
<tr><td style="padding:16px 28px 24px;border-top:1px solid #e2e8f0;${FONT};font-size:12px;line-height:18px;color:#64748b">${escapeHtml(email.footer)}</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
  const text = [
    email.heading,
    "",
    ...email.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    ...(email.action ? [`${email.action.label}: ${email.action.url}`, ""] : []),
    "--",
    email.footer,
    "",
  ].join("\n");
  return { html, text };
}
