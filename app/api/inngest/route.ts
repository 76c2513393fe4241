import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/lib/jobs/inngest-client";
import { jobFunctions } from "@/lib/jobs/job-functions";
import { getJobsConfig, type JobsConfig } from "@/lib/jobs/jobs-config";

/**
 * Inngest (cloud or self-hosted) registers and invokes our job functions here; every execution request must carry
 * a valid X-Inngest-Signature (INNGEST_SIGNING_KEY, checked by the SDK: 401 otherwise). Inngest's dev mode, which
 * skips that check, is refused in production by the jobs configuration. On the embedded default the in-process
 * runner executes the same functions from the database and this endpoint does not exist (404), so nothing
 * reaching it can run a function or hand one a step result.
 */
const handler = serve({ client: inngest, functions: jobFunctions.map((job) => job.inngestFunction) });

type Method = (request: NextRequest, context: unknown) => Promise<Response>;

function jobsConfig(): JobsConfig | null {
  try {
    return getJobsConfig();
  } catch (error) {
    // The server refuses to start with this configuration; a process that got here anyway serves nothing.
    console.error(error instanceof Error ? error.message : "Invalid jobs configuration");
    return null;
  }
}

function whenInngest(method: Method): (request: NextRequest) => Promise<Response> {
  return async (request) => {
    const config = jobsConfig();
    if (!config) return new Response("Jobs are misconfigured", { status: 500 });
    if (config.mode !== "inngest") return new Response("Not found", { status: 404 });
    return method(request, undefined);
  };
}

export const GET = whenInngest(handler.GET);
export const POST = whenInngest(handler.POST);
export const PUT = whenInngest(handler.PUT);
