/**
 * Test-only job functions for the multi-instance test (multi-instance.integration.test.ts): each step records a
 * row in `multi_instance_effect` (a table the test creates), so the test can count how often every step body
 * really ran and on which instance, whatever the runner's own bookkeeping says.
 */
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { defineJob, type JobFunction } from "@/lib/jobs/define-job";

export const WORK_EVENT = "test/multi-instance.work";
export const TAKEOVER_EVENT = "test/multi-instance.takeover";
/** Every minute: the test runs the scheduler's clock fast, so a minute passes in a fraction of a second. */
export const TEST_CRON = "* * * * *";

/** The test creates these as the schema owner; the app role the runners sign in as may write them. */
export const MULTI_INSTANCE_TABLES_SQL = [
  `CREATE TABLE "multi_instance_effect" ("id" bigserial PRIMARY KEY, "runId" uuid NOT NULL, "step" text NOT NULL,
     "instance" text NOT NULL, "slot" text, "at" timestamptz NOT NULL DEFAULT clock_timestamp())`,
  `CREATE TABLE "multi_instance_signal" ("name" text PRIMARY KEY)`,
  `GRANT SELECT, INSERT ON "multi_instance_effect", "multi_instance_signal" TO verifyd_app`,
  `GRANT USAGE ON SEQUENCE "multi_instance_effect_id_seq" TO verifyd_app`,
];

export const workDataSchema = z.object({ index: z.number().int().nonnegative(), durationMs: z.number().int().nonnegative() });
export const takeoverDataSchema = z.object({ signal: z.string().min(1) });
const cronDataSchema = z.object({ slot: z.iso.datetime() });

async function recordEffect(runId: string, step: string, instance: string, slot: string | null = null): Promise<void> {
  await db().$executeRaw`INSERT INTO "multi_instance_effect" ("runId", "step", "instance", "slot") VALUES (${runId}::uuid, ${step}, ${instance}, ${slot})`;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signalled(name: string): Promise<boolean> {
  const rows = await db().$queryRaw<unknown[]>`SELECT 1 FROM "multi_instance_signal" WHERE "name" = ${name}`;
  return rows.length > 0;
}

/** The test functions, bound to the name of the instance (process) executing them. */
export function multiInstanceJobs(instance: string): JobFunction[] {
  // A slow step keeps every worker of both processes busy, so runs really are shared out between them.
  const work = defineJob({
    id: "test-multi-instance-work",
    trigger: { event: WORK_EVENT },
    retries: 0,
    async handler({ event, step, runId }) {
      const { durationMs } = workDataSchema.parse(event.data);
      await step.run("work", async () => {
        await recordEffect(runId, "work", instance);
        await pause(durationMs);
        return { instance };
      });
      await step.run("after-work", () => recordEffect(runId, "after-work", instance));
    },
  });

  // "prepare" completes (memoised), then "hold" waits until the test signals: the test kills the process then.
  const takeover = defineJob({
    id: "test-multi-instance-takeover",
    trigger: { event: TAKEOVER_EVENT },
    retries: 0,
    async handler({ event, step, runId }) {
      const { signal } = takeoverDataSchema.parse(event.data);
      await step.run("prepare", () => recordEffect(runId, "prepare", instance));
      await step.run("hold", async () => {
        await recordEffect(runId, "hold-started", instance);
        while (!(await signalled(signal))) await pause(25);
        return { releasedOn: instance };
      });
      await step.run("finish", () => recordEffect(runId, "finish", instance));
    },
  });

  const cron = defineJob({
    id: "test-multi-instance-cron",
    trigger: { cron: TEST_CRON },
    retries: 0,
    async handler({ event, step, runId }) {
      const { slot } = cronDataSchema.parse(event.data);
      await step.run("tick", () => recordEffect(runId, "tick", instance, slot));
    },
  });

  return [work, takeover, cron];
}
