import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { generateOneTimePassword, hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";

export const DEFAULT_BOOTSTRAP_ADMIN_EMAIL = "admin@verifyd.local";

export type BootstrapResult =
  | { created: true; email: string; oneTimePassword: string }
  | { created: false };

/**
 * First run only: when no console user exists, creates an ADMIN with a random one-time password that must be
 * changed at first sign-in. The password is returned once for the start-up banner and never stored in clear.
 * A serialisable transaction keeps two instances starting together from creating two admins.
 */
export async function ensureBootstrapAdmin(email = DEFAULT_BOOTSTRAP_ADMIN_EMAIL): Promise<BootstrapResult> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const normalisedEmail = email.trim().toLowerCase();
  return db().$transaction(
    async (tx) => {
      if ((await tx.consoleUser.count()) > 0) return { created: false } as const;
      const admin = await tx.consoleUser.create({
        data: { email: normalisedEmail, name: "Bootstrap admin", role: "ADMIN", passwordHash, mustChangePassword: true },
      });
      await recordAuditEvent(tx, {
        actor: { type: "SYSTEM", label: "first-run setup" },
        action: "console_user.bootstrapped",
        target: { type: "console_user", id: admin.id, label: admin.email },
        details: { role: "ADMIN" },
      });
      return { created: true, email: admin.email, oneTimePassword } as const;
    },
    { isolationLevel: "Serializable" },
  );
}
