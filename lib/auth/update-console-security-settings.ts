import "server-only";
import { z } from "zod";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/resolve-console-session";
import { db } from "@/lib/db/prisma";
import type { RequestContext } from "@/lib/http/request-context";

export const consoleSecuritySettingsSchema = z.object({ totpAllowed: z.boolean() });

/** Changes the console's sign-in settings (caller checks console_users:manage and step-up); audited together. */
export async function updateConsoleSecuritySettings(
  admin: Pick<CurrentConsoleUser, "id" | "email">,
  input: z.output<typeof consoleSecuritySettingsSchema>,
  request: RequestContext,
): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.consoleSecuritySettings.upsert({ where: { id: 1 }, create: { id: 1, totpAllowed: input.totpAllowed }, update: { totpAllowed: input.totpAllowed } });
    await recordAuditEvent(tx, { actor: consoleUserActor(admin), action: "console_security.settings_updated", request, details: { totpAllowed: input.totpAllowed } });
  });
}
