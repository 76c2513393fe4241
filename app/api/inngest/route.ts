import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/lib/jobs/inngest-client";
import { jobFunctions } from "@/lib/jobs/job-functions";
import { getJobsConfig } from "@/lib/jobs/jobs-config";

/**
 * Inngest (cloud or self-hosted) registers and invokes our job functions here; requests are verified with
 * INNGEST_SIGNING_KEY by the SDK. On the embedded default the in-process runner executes the same functions and
 * this endpoint does not exist.
 */
const handler = serve({ client: inngest, functions: jobFunctions.map((job) => job.inngestFunction) });

type Method = (request: NextRequest, context: unknown) => Promise<Response>;

function whenInngest(method: Method): (request: NextRequest) => Promise<Response> {
  return async (request) => {
    if (getJobsConfig().mode !== "inngest") return new Response("Not found", { status: 404 });
    return method(request, undefined);
  };
}

export const GET = whenInngest(handler.GET);
export const POST = whenInngest(handler.POST);
export const PUT = whenInngest(handler.PUT);
