import type { InngestFunction } from "inngest";
import { inngest } from "@/lib/jobs/inngest-client";
import type { JobDefinition, JobEvent, JobStepTools } from "@/lib/jobs/job-types";

export type JobFunction = {
  definition: JobDefinition;
  /** What /api/inngest serves and what @inngest/test executes. */
  inngestFunction: InngestFunction.Any;
};

type InngestStep = {
  run(id: string, fn: () => Promise<unknown>): Promise<unknown>;
  sleep(id: string, time: number): Promise<void>;
  sendEvent(id: string, payload: JobEvent | JobEvent[]): Promise<unknown>;
};

/** Narrows Inngest's step tools to the surface our handlers use (the embedded runner offers the same). */
function toJobStepTools(step: InngestStep): JobStepTools {
  return {
    run: (id, fn) => step.run(id, fn),
    sleep: (id, durationMs) => step.sleep(id, durationMs),
    sendEvent: (id, events) => step.sendEvent(id, events),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Declares a job once and builds the Inngest function from it. The embedded runner executes
 * `definition.handler` / `definition.onFailure` itself, so both runtimes run the same handler code.
 */
export function defineJob(definition: JobDefinition): JobFunction {
  const triggers = "event" in definition.trigger ? [{ event: definition.trigger.event }] : [{ cron: definition.trigger.cron }];
  const { onFailure } = definition;
  const inngestFunction = inngest.createFunction(
    {
      id: definition.id,
      triggers,
      retries: clampRetries(definition.retries),
      ...(definition.concurrencyKey ? { concurrency: { key: definition.concurrencyKey, limit: 1 } } : {}),
      ...(onFailure
        ? {
            // The failed run's id, not the failure handler's own run: handlers decide by who owned what.
            onFailure: async ({ event, error, step }) => {
              await onFailure({ event: { name: event.data.event.name, data: event.data.event.data ?? {} }, errorMessage: messageOf(error), step: toJobStepTools(step), runId: event.data.run_id });
            },
          }
        : {}),
    },
    async ({ event, step, attempt, runId }) => {
      return definition.handler({ event: { name: event.name, data: event.data ?? {} }, step: toJobStepTools(step), attempt, runId });
    },
  );
  return { definition, inngestFunction };
}

type InngestRetries = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20;
const RETRY_VALUES: readonly InngestRetries[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

/** Inngest accepts 0..20 retries. */
function clampRetries(retries: number): InngestRetries {
  return RETRY_VALUES[Math.max(0, Math.min(20, Math.floor(retries)))] ?? 4;
}
