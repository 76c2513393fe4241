import { Alert } from "@/components/ui/alert";

/** Says which channels stay in the outbox because no transport is configured for them. */
export function TransportBanner({ email, sms }: { email: boolean; sms: boolean }) {
  if (!email) {
    return (
      <Alert tone="info" title="No SMTP server is configured: messages are kept here instead of being sent">
        {sms ? null : "Text messages too, as no SMS gateway is configured either. "}
        Open a message to read it and pass it on yourself. To send e-mail, set <code>SMTP_URL</code> and <code>MAIL_FROM</code>{" "}
        (see the README).
      </Alert>
    );
  }
  if (!sms) {
    return (
      <Alert tone="info" title="No SMS gateway is configured: text messages are kept here instead of being sent">
        To send them, set <code>SMS_WEBHOOK_URL</code> (see the README).
      </Alert>
    );
  }
  return null;
}
