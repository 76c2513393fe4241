import { db } from "@/lib/db/prisma";
import { daysBefore, RETENTION_DAYS } from "@/lib/housekeeping/retention";

/** Deletes finished webhook deliveries (and their attempts) past retention; pending ones are still being retried. */
export async function pruneWebhookDeliveries(now: Date = new Date()): Promise<number> {
  const pruned = await db().webhookDelivery.deleteMany({ where: { status: { in: ["SUCCEEDED", "FAILED"] }, createdAt: { lt: daysBefore(now, RETENTION_DAYS.webhookDeliveries) } } });
  return pruned.count;
}
