import { createTransport } from "nodemailer";
import { getServerEnv } from "@/lib/config/server-env";
import { createWebhookSmsSender, type SmsSender } from "@/lib/notifications/sms-sender";

export type OutgoingEmail = { to: string; subject: string; text: string; html?: string };

/** Sends one e-mail; resolves once the SMTP server accepted it. */
export type EmailSender = { send(message: OutgoingEmail): Promise<void> };

/** The transports this installation has, per channel; a missing one means "keep it in the outbox". */
export type OutboxTransports = { email?: EmailSender; sms?: SmsSender };

/** Which channels leave the building, for the console's outbox banner. */
export function configuredChannels(): { email: boolean; sms: boolean } {
  const env = getServerEnv();
  return { email: Boolean(env.SMTP_URL), sms: Boolean(env.SMS_WEBHOOK_URL) };
}

function smtpSender(smtpUrl: string, from: string): EmailSender {
  // Bounded waits: delivery runs right after the caller's commit, often inside a user's request.
  const transport = createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send(message) {
      try {
        await transport.sendMail({ from, ...message });
      } finally {
        transport.close();
      }
    },
  };
}

/** The transports named by SMTP_URL / MAIL_FROM and SMS_WEBHOOK_URL / SMS_WEBHOOK_TOKEN. */
export function transportsFromEnv(): OutboxTransports {
  const env = getServerEnv();
  return {
    email: env.SMTP_URL ? smtpSender(env.SMTP_URL, env.MAIL_FROM) : undefined,
    sms: env.SMS_WEBHOOK_URL ? createWebhookSmsSender({ url: env.SMS_WEBHOOK_URL, token: env.SMS_WEBHOOK_TOKEN }) : undefined,
  };
}
