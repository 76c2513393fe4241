import { forwardJobEvents, setJobEventForwarder } from "@/lib/events/forward-job-events";
import { sendEvent } from "@/lib/jobs/send-event";

/** Called once per process that records events: forwards them to the runtime right after their commit. */
export function registerJobEventForwarder(): void {
  setJobEventForwarder(sendEvent);
}

/** The sweep (embedded runner, housekeeping): forwards whatever a crash or an unreachable job service left behind. */
export function forwardPendingJobEvents(): Promise<{ forwarded: number; failed: number }> {
  return forwardJobEvents({ forwarder: sendEvent });
}
