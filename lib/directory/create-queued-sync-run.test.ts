import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { createQueuedSyncRun, STALE_QUEUED_RUN_MS } from "@/lib/directory/create-queued-sync-run";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

describe("queuing a sync run", () => {
  it("returns the active run instead of a second one, and replaces a run that was never picked up", async () => {
    await useFreshDatabase("queued_sync");
    const connection = await db().iamConnection.create({
      data: { id: randomUUID(), provider: "OKTA", status: "ACTIVE", groupId: "00g1", settings: {} },
    });
    const first = await createQueuedSyncRun({ connectionId: connection.id, trigger: "MANUAL" });
    expect(first.created).toBe(true);
    const second = await createQueuedSyncRun({ connectionId: connection.id, trigger: "SCHEDULE" });
    expect(second).toMatchObject({ created: false, run: { id: first.run.id } });

    // Simulate a crash between creating the run and queuing its job: the run stays QUEUED forever.
    await db().syncRun.update({ where: { id: first.run.id }, data: { queuedAt: new Date(Date.now() - STALE_QUEUED_RUN_MS - 1000) } });
    const third = await createQueuedSyncRun({ connectionId: connection.id, trigger: "MANUAL" });
    expect(third.created).toBe(true);
    expect(third.run.id).not.toBe(first.run.id);
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: first.run.id } })).toMatchObject({ status: "FAILED" });
  });
});
