/**
 * The small surface our job functions use, shared by Inngest (production) and the embedded runner (the default
 * on one machine). Handlers are written against these types only, so the same code runs under both: Inngest's
 * own `step` object satisfies `JobStepTools`, and the embedded runner builds one from JobRun/JobStep rows.
 */

import type { JobEvent } from "@/lib/events/job-event";

export type { JobEvent };

export type JobStepTools = {
  /**
   * Runs `fn` once per run and memoises its JSON output under `id`; a retried or resumed run gets the stored
   * output back instead of running `fn` again. Ids must be deterministic (a loop uses `page-3`, not a counter
   * kept outside the run). The output is whatever JSON the store gives back: parse it (see `runStep`).
   */
  run(id: string, fn: () => Promise<unknown>): Promise<unknown>;
  /** Durable sleep: the run is suspended (not holding a worker) and resumed after `durationMs`. */
  sleep(id: string, durationMs: number): Promise<void>;
  /** Sends events once per run (memoised like a step). */
  sendEvent(id: string, events: JobEvent | JobEvent[]): Promise<unknown>;
};

export type JobContext = {
  event: JobEvent;
  step: JobStepTools;
  /** 0 on the first attempt of the current step, like Inngest's `attempt`. */
  attempt: number;
  runId: string;
};

/** What `onFailure` receives once a run has failed for good (non-retryable error or retries exhausted). */
export type JobFailureContext = {
  /** The event that triggered the failed run. */
  event: JobEvent;
  /** A readable message of the last error. */
  errorMessage: string;
  step: JobStepTools;
  /** The run that failed (under Inngest, not the failure handler's own run). */
  runId: string;
};

export type JobTrigger = { event: string } | { cron: string };

export type JobDefinition = {
  id: string;
  trigger: JobTrigger;
  /**
   * Runs sharing a key never overlap. Inngest takes it as an expression; the embedded runner evaluates the
   * same expression, so only the form `event.data.<field>` is supported.
   */
  concurrencyKey?: `event.data.${string}`;
  /** Retries per step after the first attempt (Inngest semantics). */
  retries: number;
  handler(context: JobContext): Promise<unknown>;
  onFailure?(context: JobFailureContext): Promise<void>;
};
