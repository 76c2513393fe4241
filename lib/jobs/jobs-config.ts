import { z } from "zod";

/**
 * Where durable jobs run. `inngest`: Inngest Cloud or a self-hosted `inngest start` calls /api/inngest.
 * `embedded`: the in-process runner polls JobRun rows (single machine, nothing to install). Unset, the mode
 * follows INNGEST_EVENT_KEY: present means Inngest.
 */
const jobsEnvSchema = z
  .object({
    JOBS_MODE: z.enum(["inngest", "embedded"], { error: 'must be "inngest" or "embedded"' }).optional(),
    INNGEST_EVENT_KEY: z.string().trim().min(1).optional(),
    INNGEST_SIGNING_KEY: z.string().trim().min(1).optional(),
    /** A local / self-hosted dev server needs no keys. */
    INNGEST_DEV: z.string().optional(),
  })
  .transform((env, ctx) => {
    const mode = env.JOBS_MODE ?? (env.INNGEST_EVENT_KEY ? "inngest" : "embedded");
    const devServer = env.INNGEST_DEV !== undefined && env.INNGEST_DEV !== "0" && env.INNGEST_DEV !== "false";
    if (mode === "inngest" && !devServer) {
      if (!env.INNGEST_EVENT_KEY) ctx.addIssue({ code: "custom", path: ["INNGEST_EVENT_KEY"], message: "is required when JOBS_MODE=inngest (from the Inngest dashboard)" });
      if (!env.INNGEST_SIGNING_KEY) ctx.addIssue({ code: "custom", path: ["INNGEST_SIGNING_KEY"], message: "is required when JOBS_MODE=inngest (from the Inngest dashboard)" });
    }
    return { mode, devServer };
  });

export type JobsConfig = z.output<typeof jobsEnvSchema>;

/** Parses the jobs settings; throws an Error naming every bad variable. */
export function parseJobsConfig(source: Record<string, string | undefined>): JobsConfig {
  const result = jobsEnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "environment"} ${issue.message}`);
    throw new Error(`Invalid jobs configuration:\n${problems.join("\n")}`);
  }
  return result.data;
}

let cached: JobsConfig | undefined;

/** The jobs settings of this process (memoised). */
export function getJobsConfig(): JobsConfig {
  cached ??= parseJobsConfig(process.env);
  return cached;
}

/** Tests that switch modes. */
export function resetJobsConfigCache(): void {
  cached = undefined;
}
