import { z } from "zod";
import { getServerEnv } from "@/lib/config/server-env";
import { renderEmail } from "@/lib/notifications/render-email";

export const possessionCodeSchema = z.object({
  code: z.string().regex(/^\d{4,10}$/, "must be 4 to 10 digits"),
  expiresInMinutes: z.number().int().min(1).max(1_440),
});
export type PossessionCodeInput = z.input<typeof possessionCodeSchema>;

const SMS_LIMIT = 160;

function minutes(count: number): string {
  return count === 1 ? "1 minute" : `${count} minutes`;
}

/** The e-mail with a one-time code proving the employee can read that mailbox. The code is not in the subject (lock-screen previews). */
export function possessionCodeEmail(input: PossessionCodeInput): { subject: string; html: string; text: string } {
  const { code, expiresInMinutes } = possessionCodeSchema.parse(input);
  return {
    subject: "Your verifyd verification code",
    ...renderEmail({
      preheader: `Your code expires in ${minutes(expiresInMinutes)}.`,
      heading: `Your code is ${code}`,
      paragraphs: [
        `Enter ${code} on the verification page to confirm that this mailbox is yours. It expires in ${minutes(expiresInMinutes)}.`,
        "Never share this code. We will never call you or write to you to ask for it.",
      ],
      footer: "Sent by verifyd for your IT department. If you did not start a verification, tell your IT service desk.",
    }),
  };
}

/**
 * The text message with a one-time code (one SMS segment, ≤ 160 characters). When it fits, it ends with the
 * origin-bound line of the WebOTP format (`@host #code`), so browsers offer the code only on our own site.
 */
export function possessionCodeSms(input: PossessionCodeInput, appUrl: string = getServerEnv().APP_URL): string {
  const { code, expiresInMinutes } = possessionCodeSchema.parse(input);
  const message = `${code} is your verifyd code. It expires in ${minutes(expiresInMinutes)}. Never share it; we will never call you to ask for it.`;
  const withOrigin = `${message}\n\n@${new URL(appUrl).hostname} #${code}`;
  return withOrigin.length <= SMS_LIMIT ? withOrigin : message;
}
