import { z } from "zod";
import { SecretDecryptionError } from "@/lib/crypto/secret-box";
import { SmsDeliveryError } from "@/lib/notifications/sms-sender";

// nodemailer error codes (lib/errors.js) we can explain; anything else is reported by its code alone.
const SMTP_ERRORS: Record<string, string> = {
  ECONNECTION: "SMTP connection failed",
  ETIMEDOUT: "SMTP server timed out",
  ESOCKET: "SMTP connection failed",
  EDNS: "SMTP host name did not resolve",
  ETLS: "SMTP TLS handshake failed",
  EAUTH: "SMTP authentication failed",
  ENOAUTH: "SMTP server requires credentials",
  EENVELOPE: "SMTP server refused the sender or recipient",
  EMESSAGE: "SMTP server refused the message",
  EPROTOCOL: "SMTP server answered unexpectedly",
};

// nodemailer puts these on its errors; anything else thrown has neither.
const smtpErrorSchema = z.object({
  code: z.string().regex(/^E[A-Z]{2,20}$/).optional().catch(undefined),
  responseCode: z.number().int().optional().catch(undefined),
});

/**
 * A short, storable reason for a failed delivery. Built only from error codes and status numbers we know:
 * server responses and raw messages may quote the recipient, the body or credentials from the URL.
 */
export function describeDeliveryError(error: unknown): string {
  if (error instanceof SmsDeliveryError) return error.message;
  if (error instanceof SecretDecryptionError) return "The body cannot be decrypted (was its key removed from DATA_ENCRYPTION_KEYS?)";
  const parsed = smtpErrorSchema.safeParse(error);
  const { code, responseCode } = parsed.success ? parsed.data : {};
  const status = responseCode ? ` (${responseCode})` : "";
  if (code) return `${SMTP_ERRORS[code] ?? `Delivery failed: ${code}`}${status}`;
  return `Delivery failed${status}`;
}
