import { db } from "@/lib/db/prisma";
import type { JobDefinition } from "@/lib/jobs/job-types";

/** The event Inngest sends cron-triggered functions. */
export const SCHEDULED_TIMER_EVENT = "inngest/scheduled.timer";

/**
 * Queues a cron function's run for one scheduled minute, once across all processes sharing the database (an
 * advisory lock serialises the check-then-insert). Returns whether this call queued it.
 */
export async function enqueueCronRun(definition: JobDefinition, cron: string, slot: Date): Promise<boolean> {
  const slotIso = slot.toISOString();
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`verifyd.cron.${definition.id}`}))`;
    const existing = await tx.jobRun.findFirst({
      where: { functionId: definition.id, eventName: SCHEDULED_TIMER_EVENT, eventData: { path: ["slot"], equals: slotIso } },
      select: { id: true },
    });
    if (existing) return false;
    await tx.jobRun.create({ data: { functionId: definition.id, eventName: SCHEDULED_TIMER_EVENT, eventData: { cron, slot: slotIso } } });
    return true;
  });
}
