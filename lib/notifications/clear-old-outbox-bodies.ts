import { db } from "@/lib/db/prisma";
import { daysBefore, RETENTION_DAYS } from "@/lib/housekeeping/retention";

/**
 * Drops the sealed bodies of messages kept in the outbox for a week (the console was their delivery, or their
 * delivery failed for good): the links and codes in them expired long ago. Envelopes stay. Sent messages lost
 * their body when they were sent.
 */
export async function clearOldOutboxBodies(now: Date = new Date()): Promise<number> {
  const cleared = await db().outboxMessage.updateMany({
    where: { sealedBody: { not: null }, createdAt: { lt: daysBefore(now, RETENTION_DAYS.outboxBodies) } },
    data: { sealedBody: null, nextAttemptAt: null },
  });
  return cleared.count;
}
