import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/inngest/route";
import { resetJobsConfigCache } from "@/lib/jobs/jobs-config";

describe("/api/inngest", () => {
  afterEach(() => {
    delete process.env.JOBS_MODE;
    delete process.env.INNGEST_DEV;
    resetJobsConfigCache();
  });

  it("does not exist on the embedded default", async () => {
    const response = await GET(new NextRequest("http://localhost:3000/api/inngest"));
    expect(response.status).toBe(404);
  });

  it("serves the job functions to Inngest", async () => {
    Object.assign(process.env, { JOBS_MODE: "inngest", INNGEST_DEV: "1" });
    resetJobsConfigCache();
    const response = await GET(new NextRequest("http://localhost:3000/api/inngest"));
    expect(response.status).toBe(200);
    // The sync, its schedule, the verification housekeeping, the credential reset, and the failure handlers of the
    // sync and the reset (Inngest registers each as a function of its own).
    expect(await response.json()).toMatchObject({ function_count: 6 });
  });
});
