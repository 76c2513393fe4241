/**
 * Mail and SMS through a transactional outbox: queue inside your transaction, deliver after the commit.
 * Without SMTP_URL / SMS_WEBHOOK_URL the outbox in the console is the delivery. See README.md.
 */
export { queueEmail, type QueuedEmail } from "@/lib/notifications/queue-email";
export { queueSms, type QueuedSms } from "@/lib/notifications/queue-sms";
export type { RelatedRecord } from "@/lib/notifications/queue-outbox-message";
export { deliverOutboxMessage } from "@/lib/notifications/deliver-outbox-message";
export { deliverDueOutboxMessages } from "@/lib/notifications/deliver-due-outbox-messages";
export { configuredChannels, type EmailSender, type OutboxTransports } from "@/lib/notifications/outbox-transports";
export { createWebhookSmsSender, SmsDeliveryError, type SmsSender } from "@/lib/notifications/sms-sender";
export { listOutboxMessages, type OutboxMessageSummary } from "@/lib/notifications/list-outbox-messages";
export { readOutboxMessage, type OutboxMessageDetail } from "@/lib/notifications/read-outbox-message";
export { renderEmail, type EmailLayout } from "@/lib/notifications/render-email";
export { verificationLinkEmail } from "@/lib/notifications/verification-link-email";
export { possessionCodeEmail, possessionCodeSms } from "@/lib/notifications/possession-code-messages";
export { verificationLinkSms } from "@/lib/notifications/verification-link-sms";
export { credentialResetEmail, credentialResetSms, type CredentialResetNotice } from "@/lib/notifications/credential-reset-messages";
