import { db } from "@/lib/db/prisma";
import { enqueueJobRuns } from "@/lib/jobs/embedded/enqueue-job-runs";
import { inngest } from "@/lib/jobs/inngest-client";
import { jobFunctions } from "@/lib/jobs/job-functions";
import type { JobEvent } from "@/lib/jobs/job-types";
import { getJobsConfig } from "@/lib/jobs/jobs-config";

/**
 * Sends events to whichever runtime executes jobs: Inngest, or (embedded default) JobRun rows the in-process
 * runner picks up. Callers never know which. An event's `id` reaches Inngest as its event id (deduplicated
 * there); the embedded runtime dedupes it per function.
 */
export async function sendEvent(events: JobEvent | JobEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (getJobsConfig().mode === "inngest") {
    await inngest.send(list.map(({ id, name, data }) => (id ? { id, name, data } : { name, data })));
    return;
  }
  await enqueueJobRuns(db(), jobFunctions, list);
}
