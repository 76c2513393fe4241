/** The queue was full when work was offered: the caller should answer "busy, retry later" (HTTP 503). */
export class WorkQueueFullError extends Error {
  constructor(
    readonly queueName: string,
    /** A hint for Retry-After: about how long the work already admitted takes to drain. */
    readonly retryAfterSeconds: number,
  ) {
    super(`The ${queueName} queue is full.`);
    this.name = "WorkQueueFullError";
  }
}

export type BoundedWorkQueueOptions = {
  name: string;
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks admitted to wait for a free slot; one more is refused at once. */
  maxWaiting: number;
  /** Typical seconds one task takes, for the retry hint. */
  secondsPerTask: number;
};

/**
 * Runs at most `concurrency` tasks at a time and lets at most `maxWaiting` more wait, refusing the rest at once
 * with WorkQueueFullError (before the task starts, so the caller has spent nothing on it). Per process on
 * purpose: it guards this machine's CPU and memory, which is what decoding and OCR use up.
 */
export class BoundedWorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: BoundedWorkQueueOptions) {}

  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `task` when a slot is free; rejects with WorkQueueFullError without running it when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.concurrency) {
      if (this.waiting.length >= this.options.maxWaiting) {
        const queued = this.running + this.waiting.length;
        throw new WorkQueueFullError(this.options.name, Math.max(1, Math.ceil((queued / this.options.concurrency) * this.options.secondsPerTask)));
      }
      // The slot is handed over by the task that finishes (see below), so `running` never drops in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
