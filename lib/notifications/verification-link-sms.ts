import { z } from "zod";

const verificationLinkSmsSchema = z.object({
  purposeLabel: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }),
});

/** The text message carrying a verification link (the link is long; the rest stays short and plain). */
export function verificationLinkSms(input: z.input<typeof verificationLinkSmsSchema>): string {
  const { purposeLabel, url } = verificationLinkSmsSchema.parse(input);
  return `Your IT service desk asked you to confirm your identity (${purposeLabel}). Open: ${url} Works once. Not expecting this? Ignore it.`;
}
