import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

/**
 * Refuses a change that would leave no active admin. Locks the active admins' rows, so two concurrent
 * demotions cannot each see "one other admin left" and both succeed.
 */
export async function assertAnotherActiveAdminRemains(tx: Tx, changingUserId: string): Promise<void> {
  const admins = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id::text FROM console_user WHERE role = 'ADMIN' AND status = 'ACTIVE' FOR UPDATE`;
  if (!admins.some((admin) => admin.id !== changingUserId)) {
    throw new AppError("conflict", "At least one active admin must remain. Make someone else an admin first.");
  }
}
