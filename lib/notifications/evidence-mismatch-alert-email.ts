import { z } from "zod";
import { getServerEnv } from "@/lib/config/server-env";
import { renderEmail } from "@/lib/notifications/render-email";

export const evidenceMismatchAlertSchema = z.object({
  /** The employee's login, as the desk knows them. */
  login: z.string().trim().min(1).max(254),
  employeeId: z.uuid(),
  failures: z.number().int().min(1),
  windowMinutes: z.number().int().min(1),
});
export type EvidenceMismatchAlert = z.input<typeof evidenceMismatchAlertSchema>;

/**
 * To every active admin and helpdesk agent: someone keeps failing verification as this employee. It names the
 * employee and links to their page in the console; no evidence, no typed values, nothing about the attempts' origin
 * beyond what the audit log holds for the desk.
 */
export function evidenceMismatchAlertEmail(input: EvidenceMismatchAlert, appUrl: string = getServerEnv().APP_URL): { subject: string; html: string; text: string } {
  const alert = evidenceMismatchAlertSchema.parse(input);
  const subject = `Security alert: ${alert.failures} failed verifications for ${alert.login}`;
  return {
    subject,
    ...renderEmail({
      preheader: `${alert.failures} verifications as ${alert.login} failed within ${alert.windowMinutes} minutes.`,
      heading: "Repeated failed verifications",
      paragraphs: [
        `${alert.failures} verifications as ${alert.login} failed within ${alert.windowMinutes} minutes: the evidence did not match the directory, or was too weak for what was asked.`,
        "Someone may be trying to pass as this employee (a printed document, someone else's face). Do not reset anything for them on a call alone; reach the employee through a channel you already know.",
      ],
      action: { label: "Open the employee in the console", url: new URL(`/directory/${alert.employeeId}`, appUrl).toString() },
      footer: "Sent by verifyd to the service desk. The audit log holds each attempt.",
    }),
  };
}
