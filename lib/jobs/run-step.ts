import type { z } from "zod";
import type { JobStepTools } from "@/lib/jobs/job-types";

/**
 * `step.run` with its memoised output parsed: a step's output comes back from storage (JobStep rows, or
 * Inngest's run state) as JSON, so a resumed run must not trust it blindly nor see `Date`s it never stored.
 */
export async function runStep<Schema extends z.ZodType>(step: JobStepTools, id: string, schema: Schema, fn: () => Promise<z.input<Schema>>): Promise<z.output<Schema>> {
  const output = await step.run(id, fn);
  return schema.parse(output);
}
