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
    /** A local dev server needs no keys. */
    INNGEST_DEV: z.string().optional(),
    NODE_ENV: z.string().optional(),
  })
  .transform((env, ctx) => {
    const mode = env.JOBS_MODE ?? (env.INNGEST_EVENT_KEY ? "inngest" : "embedded");
    const devServer = env.INNGEST_DEV !== undefined && env.INNGEST_DEV.trim() !== "" && env.INNGEST_DEV !== "0" && env.INNGEST_DEV !== "false";
    // In dev mode the Inngest SDK skips request signatures: anyone reaching /api/inngest could run functions and
    // feed them forged step results (a reset "already done", a sync page of their own). Never in production,
    // whatever JOBS_MODE says (the SDK reads INNGEST_DEV by itself).
    if (devServer && env.NODE_ENV === "production") {
      ctx.addIssue({
        code: "custom",
        path: ["INNGEST_DEV"],
        message: "must not be set in production: Inngest's dev mode accepts unsigned requests at /api/inngest. For a self-hosted Inngest server set INNGEST_BASE_URL with INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY instead.",
      });
    }
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
