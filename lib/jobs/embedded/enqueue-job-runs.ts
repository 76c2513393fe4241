import { z } from "zod";
import type { Db, Tx } from "@/lib/db/prisma";
import type { JobFunction } from "@/lib/jobs/define-job";
import type { JobDefinition, JobEvent } from "@/lib/jobs/job-types";

/** Evaluates a concurrency key expression (`event.data.<field>`, the only form we declare) against an event. */
export function concurrencyKeyFor(definition: JobDefinition, event: JobEvent): string | null {
  if (!definition.concurrencyKey) return null;
  const field = definition.concurrencyKey.slice("event.data.".length);
  const value = event.data[field];
  // Scoped by function, as Inngest scopes keys to the function by default.
  return value === undefined || value === null ? null : `${definition.id}:${String(value)}`;
}

/** Event data is stored as JSONB: refuse anything JSON cannot hold (functions, undefined) instead of losing it. */
const eventDataSchema = z.record(z.string(), z.json());

/**
 * Embedded runtime: one QUEUED JobRun per function the event triggers (fan-out happens at send time). An event
 * with an id that already started a run of a function starts no second one (unique functionId + eventId; the
 * insert skips the duplicate instead of failing, so a caller's transaction survives it), as Inngest dedupes
 * event ids. Returns the ids of the runs created.
 */
export async function enqueueJobRuns(client: Db | Tx, functions: readonly JobFunction[], events: readonly JobEvent[]): Promise<string[]> {
  const ids: string[] = [];
  for (const event of events) {
    for (const { definition } of functions) {
      if (!("event" in definition.trigger) || definition.trigger.event !== event.name) continue;
      const runs = await client.jobRun.createManyAndReturn({
        data: [{ functionId: definition.id, eventName: event.name, eventId: event.id ?? null, eventData: eventDataSchema.parse(event.data), concurrencyKey: concurrencyKeyFor(definition, event) }],
        select: { id: true },
        skipDuplicates: true,
      });
      ids.push(...runs.map((run) => run.id));
    }
  }
  return ids;
}
