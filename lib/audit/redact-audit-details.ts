import type { Prisma } from "@/lib/db/generated/client";

type Details = Record<string, Prisma.InputJsonValue | null>;

export const REDACTED = "[redacted]";

// Names that hold a secret whatever the event, compared without case, "_" or "-" (client_secret, clientSecret).
// An explicit list, not substrings: `keyId`, `credentialType` or `secretShownOnce` say which, not what.
const SECRET_NAMES = new Set([
  "password", "passwd", "newpassword", "currentpassword", "oldpassword", "temporarypassword", "onetimepassword",
  "secret", "clientsecret", "webhooksecret",
  "token", "accesstoken", "refreshtoken", "idtoken", "sessiontoken", "linktoken", "resettoken", "bearertoken",
  "privatekey", "privatejwk", "privatejwks", "credentials", "clientassertion", "assertion",
  "apikey", "authorization", "cookie",
  "code", "otp", "possessioncode", "bindingcode", "verificationcode",
  "tap", "temporaryaccesspass",
  "resetlink", "link",
]);
// camelCase names ending in one of these words (e.g. `smtpPassword`, `smsWebhookToken`) are secrets too.
const SECRET_SUFFIX = /(?:^|[a-z0-9])(?:Password|Secret|Token)$/;

/** True when a detail under this key could carry a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_NAMES.has(key.replaceAll(/[_-]/g, "").toLowerCase()) || SECRET_SUFFIX.test(key);
}

/**
 * Defence in depth: whatever a caller passes, values under secret names never reach the audit log, at any
 * depth (objects inside arrays too). Everything else is kept as given.
 */
export function redactAuditDetails(details: Details | undefined): Details {
  const safe: Details = {};
  for (const [key, value] of Object.entries(details ?? {})) safe[key] = isSecretKey(key) ? REDACTED : redactValue(value);
  return safe;
}

function redactValue(value: Prisma.InputJsonValue | null): Prisma.InputJsonValue | null {
  if (Array.isArray(value)) return value.map((item: Prisma.InputJsonValue | null) => redactValue(item));
  if (value !== null && typeof value === "object" && !("toJSON" in value)) {
    const object: Details = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) object[key] = isSecretKey(key) ? REDACTED : redactValue(member);
    }
    return object;
  }
  return value;
}
