import { describe, expect, it } from "vitest";
import { nextCronTime } from "@/lib/jobs/embedded/cron-schedule";
import { parseJobsConfig } from "@/lib/jobs/jobs-config";

describe("jobs configuration", () => {
  it("defaults to the embedded runner without an Inngest event key, and to Inngest with one", () => {
    expect(parseJobsConfig({}).mode).toBe("embedded");
    expect(parseJobsConfig({ INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey-prod-1" }).mode).toBe("inngest");
    expect(parseJobsConfig({ JOBS_MODE: "embedded", INNGEST_EVENT_KEY: "evt" }).mode).toBe("embedded");
  });

  it("names each missing key when Inngest is chosen, unless a dev server is used", () => {
    expect(() => parseJobsConfig({ JOBS_MODE: "inngest" })).toThrow(/INNGEST_EVENT_KEY is required[\s\S]*INNGEST_SIGNING_KEY is required/);
    expect(() => parseJobsConfig({ JOBS_MODE: "sometimes" })).toThrow(/JOBS_MODE must be "inngest" or "embedded"/);
    expect(parseJobsConfig({ JOBS_MODE: "inngest", INNGEST_DEV: "1" })).toEqual({ mode: "inngest", devServer: true });
  });

  it("refuses Inngest's dev mode (unsigned requests) in production, in every jobs mode", () => {
    const keys = { INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey-prod-1" };
    for (const value of ["1", "true", "http://localhost:8288"]) {
      expect(() => parseJobsConfig({ NODE_ENV: "production", JOBS_MODE: "inngest", INNGEST_DEV: value, ...keys })).toThrow(/INNGEST_DEV must not be set in production: .*unsigned requests/);
      expect(() => parseJobsConfig({ NODE_ENV: "production", INNGEST_DEV: value })).toThrow(/INNGEST_DEV must not be set in production/);
    }
    expect(parseJobsConfig({ NODE_ENV: "production", INNGEST_DEV: "0", ...keys })).toEqual({ mode: "inngest", devServer: false });
    expect(parseJobsConfig({ NODE_ENV: "production", ...keys })).toEqual({ mode: "inngest", devServer: false });
    expect(parseJobsConfig({ NODE_ENV: "development", JOBS_MODE: "inngest", INNGEST_DEV: "1" })).toEqual({ mode: "inngest", devServer: true });
  });
});

describe("embedded cron schedule", () => {
  it("finds the next matching minute in UTC", () => {
    expect(nextCronTime("*/5 * * * *", new Date("2026-01-01T10:02:30Z")).toISOString()).toBe("2026-01-01T10:05:00.000Z");
    expect(nextCronTime("*/5 * * * *", new Date("2026-01-01T10:05:00Z")).toISOString()).toBe("2026-01-01T10:10:00.000Z");
    expect(nextCronTime("0 3 * * 1", new Date("2026-01-01T10:00:00Z")).toISOString()).toBe("2026-01-05T03:00:00.000Z");
    expect(() => nextCronTime("@hourly", new Date())).toThrow();
  });
});
