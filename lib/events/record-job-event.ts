import { toJson } from "@/lib/db/to-json";
import type { Tx } from "@/lib/db/prisma";
import type { JobEvent } from "@/lib/events/job-event";

/**
 * Writes job events in the caller's transaction: they exist exactly when the row they are about commits. Send
 * them with `forwardJobEvents()` after the commit; whatever is not forwarded then (a crash, the job service
 * down) is forwarded by the job runner's sweep.
 */
export async function recordJobEvents(tx: Tx, events: JobEvent | JobEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  await tx.jobEventOutbox.createMany({ data: list.map((event) => ({ name: event.name, eventId: event.id ?? null, data: toJson(event.data) })) });
}
