import { z } from "zod";
import { db } from "@/lib/db/prisma";
import type { JobEvent } from "@/lib/events/job-event";

/** Hands events to the job runtime (Inngest, or JobRun rows of the embedded runner); registered by lib/jobs. */
export type JobEventForwarder = (events: JobEvent[]) => Promise<void>;

// On globalThis: Next.js bundles the app's modules apart from the CLI process that starts it, and both record
// events; one registration must serve both.
declare global {
  var verifydJobEventForwarder: JobEventForwarder | undefined;
}

/** lib/jobs registers the forwarder at process start (instrumentation, the server CLI, the test setup). */
export function setJobEventForwarder(forwarder: JobEventForwarder | null): void {
  globalThis.verifydJobEventForwarder = forwarder ?? undefined;
}

function registeredForwarder(): JobEventForwarder | undefined {
  return globalThis.verifydJobEventForwarder;
}

/** A claimed event is not claimed again for this long (the forwarder may be slow): then it is retried. */
const LEASE_MS = 30_000;
const BATCH = 100;
const rowSchema = z.object({ id: z.string(), name: z.string(), eventId: z.string().nullable(), data: z.record(z.string(), z.unknown()) });

/** Retries back off from 1 s to 5 min: a job service that is down is not hammered, and catches up once back. */
function backoffMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Forwards due events recorded by `recordJobEvents`, oldest first, in batches claimed with one conditional UPDATE
 * (SKIP LOCKED), so two processes never forward the same batch at once. Delivery is at least once (a crash after
 * the runtime accepted a batch and before it is marked forwards it again): every event that must not start a
 * job twice carries an id the runtime deduplicates. Never throws: a failure is kept on the rows and retried.
 */
export async function forwardJobEvents(options: { forwarder?: JobEventForwarder } = {}): Promise<{ forwarded: number; failed: number }> {
  const forwarder = options.forwarder ?? registeredForwarder();
  if (!forwarder) return { forwarded: 0, failed: 0 };
  let forwarded = 0;
  let failed = 0;
  try {
    for (;;) {
      const now = new Date();
      const claimed = await db().$queryRaw<unknown[]>`
        UPDATE "job_event_outbox" SET "attempts" = "attempts" + 1,
          "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz AT TIME ZONE 'UTC'
        WHERE "id" IN (
          SELECT "id" FROM "job_event_outbox"
          WHERE "forwardedAt" IS NULL AND "nextAttemptAt" <= ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'
          ORDER BY "createdAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING "id"::text AS "id", "name", "eventId", "data", "attempts"`;
      if (claimed.length === 0) return { forwarded, failed };
      const rows = claimed.map((row) => ({ ...rowSchema.parse(row), attempts: z.object({ attempts: z.number().int() }).parse(row).attempts }));
      const ids = rows.map((row) => row.id);
      try {
        await forwarder(rows.map((row) => ({ ...(row.eventId ? { id: row.eventId } : {}), name: row.name, data: row.data })));
      } catch (error) {
        failed += rows.length;
        const attempts = Math.max(...rows.map((row) => row.attempts));
        await db().jobEventOutbox.updateMany({
          where: { id: { in: ids } },
          data: { nextAttemptAt: new Date(Date.now() + backoffMs(attempts)), error: error instanceof Error ? error.name : "error" },
        });
        return { forwarded, failed };
      }
      await db().jobEventOutbox.updateMany({ where: { id: { in: ids } }, data: { forwardedAt: new Date(), error: null } });
      forwarded += rows.length;
      if (rows.length < BATCH) return { forwarded, failed };
    }
  } catch (error) {
    // The database itself failed: the rows keep their lease and are retried when it expires.
    console.error(`Job events: ${error instanceof Error ? error.name : "error"} while forwarding; retried later.`);
    return { forwarded, failed };
  }
}
