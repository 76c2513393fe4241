import { z } from "zod";
import { renderEmail } from "@/lib/notifications/render-email";

export const credentialResetNoticeSchema = z.object({
  firstName: z.string().trim().min(1).max(100),
  /** "Your password was reset" / "Your sign-in methods (MFA) were reset" / "Your account was unlocked". */
  whatHappened: z.string().trim().min(1).max(120),
  /** What the employee does next, in one sentence. */
  nextStep: z.string().trim().min(1).max(300),
  /** Who did it: "you, through the self-service portal" or "Dana from the IT service desk". */
  by: z.string().trim().min(1).max(120),
  at: z.date(),
  /** The reference the service desk can look up. */
  reference: z.string().trim().min(4).max(40),
});
export type CredentialResetNotice = z.input<typeof credentialResetNoticeSchema>;

const CONTACT = "If this was not you, contact your IT service desk now through a number or channel you already know, and mention reference";

function when(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * The after-the-fact notice sent to every address on record once a reset ran: the employee's only alarm when
 * someone else managed to pass as them. It carries no secret and no link (a link in a "your account changed"
 * mail is what phishing looks like).
 */
export function credentialResetEmail(input: CredentialResetNotice): { subject: string; html: string; text: string } {
  const notice = credentialResetNoticeSchema.parse(input);
  return {
    subject: notice.whatHappened,
    ...renderEmail({
      preheader: `${notice.whatHappened} on ${when(notice.at)}.`,
      heading: notice.whatHappened,
      paragraphs: [
        `Hello ${notice.firstName}, this was done on ${when(notice.at)} after an identity verification, by ${notice.by}.`,
        notice.nextStep,
        `${CONTACT} ${notice.reference}.`,
      ],
      footer: "Sent by verifyd for your IT department. This message needs no reply and contains no link on purpose.",
    }),
  };
}

export function credentialResetSms(input: CredentialResetNotice): string {
  const notice = credentialResetNoticeSchema.parse(input);
  return `${notice.whatHappened} (${when(notice.at)}). Not you? Call your IT service desk now, reference ${notice.reference}.`;
}
