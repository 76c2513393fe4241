import { z } from "zod";
import { renderEmail } from "@/lib/notifications/render-email";

export const verificationLinkEmailSchema = z.object({
  employeeFirstName: z.string().trim().min(1).max(100),
  /** Who started it, as the employee should read it: "Dana Smith from the IT service desk" or "you, through the self-service portal". */
  requestedBy: z.string().trim().min(1).max(200),
  purposeLabel: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }),
  expiresAt: z.date(),
});

const expiryFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

/** The e-mail that carries an employee's single-use verification link. */
export function verificationLinkEmail(input: z.input<typeof verificationLinkEmailSchema>): { subject: string; html: string; text: string } {
  const { employeeFirstName, requestedBy, purposeLabel, url, expiresAt } = verificationLinkEmailSchema.parse(input);
  const expires = `${expiryFormat.format(expiresAt)} UTC`;
  return {
    subject: `Confirm your identity: ${purposeLabel}`,
    ...renderEmail({
      preheader: `${purposeLabel}. The link works once and expires on ${expires}.`,
      heading: "Confirm it's you",
      paragraphs: [
        `Hi ${employeeFirstName},`,
        `Before we go ahead with "${purposeLabel}", we need to confirm that it is really you. This request was started by ${requestedBy}.`,
        `The link below works once and expires on ${expires}.`,
        // Links by e-mail are what phishing imitates: tell people how to check when in doubt.
        "If you did not expect this message, do not open the link. Contact your IT service desk on a number you already know.",
      ],
      action: { label: "Verify my identity", url },
      footer: "Sent by verifyd for your IT department. This link is personal: do not forward this e-mail.",
    }),
  };
}
