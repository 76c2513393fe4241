import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/inngest/route";
import { resetJobsConfigCache } from "@/lib/jobs/jobs-config";

const JOB_VARIABLES = ["JOBS_MODE", "INNGEST_DEV", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"] as const;
const SIGNING_KEY = `signkey-prod-${"ab".repeat(32)}`;
const originalNodeEnv = process.env.NODE_ENV;

function configure(values: Partial<Record<(typeof JOB_VARIABLES)[number] | "NODE_ENV", string>>): void {
  for (const name of JOB_VARIABLES) delete process.env[name];
  Object.assign(process.env, { NODE_ENV: originalNodeEnv, ...values });
  resetJobsConfigCache();
}

/**
 * What an attacker would send to run the reset function with a forged memo: an execution request naming the
 * function, an event, and a "completed" step (no X-Inngest-Signature). The event is malformed on purpose, so a
 * request that does get executed stops at once without touching any database.
 */
function forgedExecution(): NextRequest {
  const body = {
    version: 2,
    use_api: false,
    event: { name: "credential-reset/requested", data: { resetId: "not-a-reset" } },
    events: [{ name: "credential-reset/requested", data: { resetId: "not-a-reset" } }],
    steps: { begin: { data: { status: "RUNNING" } } },
    ctx: { fn_id: "verifyd-credential-reset", run_id: "01FORGEDRUN", step_id: "step", attempt: 0, stack: { stack: [], current: 0 } },
  };
  return new NextRequest("http://localhost:3000/api/inngest?fnId=verifyd-credential-reset&stepId=step", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("/api/inngest", () => {
  afterEach(() => {
    configure({});
    vi.restoreAllMocks();
  });

  it("does not exist on the embedded default, not even for execution requests", async () => {
    const response = await GET(new NextRequest("http://localhost:3000/api/inngest"));
    expect(response.status).toBe(404);
    // INNGEST_DEV does not change that: the in-process runner never takes work from HTTP.
    configure({ INNGEST_DEV: "1" });
    expect((await POST(forgedExecution())).status).toBe(404);
  });

  it("serves the job functions to Inngest", async () => {
    configure({ JOBS_MODE: "inngest", INNGEST_DEV: "1" });
    const response = await GET(new NextRequest("http://localhost:3000/api/inngest"));
    expect(response.status).toBe(200);
    // The sync, its schedule, the verification housekeeping, the credential reset, the outbox delivery, the
    // housekeeping, the birthday back-fill, the webhook delivery and its one-minute sweep, and the failure handlers
    // of the sync and the reset (Inngest registers each as a function).
    expect(await response.json()).toMatchObject({ function_count: 11 });
  });

  it("answers 401 to an unsigned execution request with Inngest keys", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    configure({ JOBS_MODE: "inngest", INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: SIGNING_KEY });
    const response = await POST(forgedExecution());
    expect(response.status).toBe(401);
    // Also in production, and with a signature that does not verify.
    configure({ NODE_ENV: "production", JOBS_MODE: "inngest", INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: SIGNING_KEY });
    const forged = forgedExecution();
    forged.headers.set("x-inngest-signature", `t=${Math.floor(Date.now() / 1000)}&s=${"0".repeat(64)}`);
    expect((await POST(forged)).status).toBe(401);
  });

  it("executes unsigned requests only in dev mode, which production refuses", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    // What dev mode does (why it must never run in production): the unsigned request is executed.
    configure({ JOBS_MODE: "inngest", INNGEST_DEV: "1" });
    expect((await POST(forgedExecution())).status).not.toBe(401);
    // In production the same configuration is refused: nothing is executed.
    configure({ NODE_ENV: "production", JOBS_MODE: "inngest", INNGEST_DEV: "1", INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: SIGNING_KEY });
    const response = await POST(forgedExecution());
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("Jobs are misconfigured");
  });
});
